package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kinesis.nn.Gemm;
import kinesis.nn.Rng;
import org.junit.jupiter.api.Test;

class PpoTest {
  /** ÷1.5 above twice the target, ×1.5 below half, unchanged in between, bounded to [lr/100, 10·lr]. */
  @Test
  void learningRateFollowsTheKlTarget() {
    Ppo ppo = new Ppo(PpoConfig.laptop().with(List.of("target_kl=0.01", "policy_lr=1e-4")), 3, 2, new Rng(1), Gemm.fromProperties());
    assertEquals(1e-4 / 1.5, ppo.adaptLearningRate(0.03), 1e-15);
    assertEquals(1e-4 / 1.5, ppo.adaptLearningRate(0.01), 1e-15);
    assertEquals(1e-4, ppo.adaptLearningRate(0.001), 1e-15);
    for (int i = 0; i < 50; i++) ppo.adaptLearningRate(0.0);
    assertEquals(1e-3, ppo.policyOpt.lr(), 1e-15);
    for (int i = 0; i < 50; i++) ppo.adaptLearningRate(1.0);
    assertEquals(1e-6, ppo.policyOpt.lr(), 1e-18);
    Ppo fixed = new Ppo(PpoConfig.laptop(), 3, 2, new Rng(1), Gemm.fromProperties());
    assertEquals(3e-4, fixed.adaptLearningRate(5.0), 0, "target_kl 0: fixed lr");
  }

  /** Configurations saved before target_kl and norm_update existed load with the old behaviour. */
  @Test
  void oldConfigurationsLoadWithoutTheNewKeys() {
    var m = new java.util.LinkedHashMap<>(PpoConfig.laptop().toMap());
    m.remove("target_kl");
    m.remove("norm_update");
    PpoConfig c = PpoConfig.fromMap(m, "old");
    assertEquals(0, c.targetKl());
    assertEquals("step", c.normUpdate());
  }
}
