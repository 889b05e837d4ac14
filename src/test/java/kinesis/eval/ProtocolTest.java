package kinesis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import kinesis.task.ControlMode;
import kinesis.task.Curriculum;
import org.junit.jupiter.api.Test;

class ProtocolTest {
  /**
   * Evaluation builds its settings from the protocol alone: no training aid can reach it from a
   * run's config.
   */
  @Test
  void evaluationNeverCarriesTrainingAids() {
    for (Protocol p : Protocol.values()) {
      for (ControlMode m : ControlMode.values()) {
        assertSame(Curriculum.NONE, p.config(m).curriculum(), p + " " + m);
        assertEquals(0, p.config(m).curriculum().assistScale(0));
      }
    }
    assertEquals(0.15, Protocol.TRAIN.config(ControlMode.DIRECT).terminationDistance());
    assertEquals(0.5, Protocol.PAPER.config(ControlMode.DIRECT).terminationDistance());
  }
}
