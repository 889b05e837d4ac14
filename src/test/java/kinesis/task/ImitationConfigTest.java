package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

  /** Each reward setting moves its own number only. */
  @Test
  void everyRewardKeySetsItsComponent() {
    RewardConfig base = RewardConfig.kinesis();
    for (int i = 0; i < RewardConfig.KEYS.size(); i++) {
      RewardConfig r =
          ImitationConfig.training(ControlMode.DIRECT)
              .with(RewardConfig.KEYS.get(i), "7.5")
              .reward();
      double[] got = {
        r.kPos(), r.kVel(), r.kUp(), r.kEnergy(), r.wPos(), r.wVel(), r.wUp(), r.wEnergy()
      };
      double[] want = {
        base.kPos(), base.kVel(), base.kUp(), base.kEnergy(),
        base.wPos(), base.wVel(), base.wUp(), base.wEnergy()
      };
      want[i] = 7.5;
      assertArrayEquals(want, got, RewardConfig.KEYS.get(i));
    }
  }
}
