package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;

class ImitationConfigTest {

  @Test
  void presets() {
    ImitationConfig t = ImitationConfig.training(ControlMode.PD),
        e = ImitationConfig.evaluation(ControlMode.PD);
    assertEquals(0.15, t.terminationDistance());
    assertEquals(false, t.meanTermination());
    assertEquals(true, t.randomStart());
    assertEquals(0.5, e.terminationDistance());
    assertEquals(true, e.meanTermination());
    assertEquals(false, e.randomStart());
    assertEquals(RewardConfig.kinesis(), t.reward());
  }

  @Test
  void overrides() {
    ImitationConfig c =
        ImitationConfig.training(ControlMode.PD)
            .with("k_pos", "100")
            .with("w_energy", "0")
            .with("control", "direct")
            .with("termination_distance", "0.3")
            .with("mean_termination", "true");
    assertEquals(100, c.reward().kPos());
    assertEquals(0, c.reward().wEnergy());
    assertEquals(5, c.reward().kVel());
    assertEquals(ControlMode.DIRECT, c.control());
    assertEquals(0.3, c.terminationDistance());
    assertEquals(true, c.meanTermination());
    assertThrows(BadInputException.class, () -> c.with("k_pos", "NaN"));
    assertThrows(BadInputException.class, () -> c.with("k_pos", "abc"));
    assertThrows(BadInputException.class, () -> c.with("termination_distance", "0"));
    assertThrows(BadInputException.class, () -> c.with("random_start", "yes"));
    assertThrows(BadInputException.class, () -> c.with("k_speed", "1"));
  }
}
