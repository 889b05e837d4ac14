package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kinesis.nn.Gemm;
import kinesis.nn.Rng;
import org.junit.jupiter.api.Test;

class PpoTest {
  /**
   * ÷1.5 above twice the target, ×1.5 below half, unchanged in between, bounded to [lr/100, 10·lr].
   */
  @Test
  void learningRateFollowsTheKlTarget() {
    Ppo ppo =
        new Ppo(
            PpoConfig.laptop().with(List.of("target_kl=0.01", "policy_lr=1e-4")),
            3,
            2,
            new Rng(1),
            Gemm.fromProperties());
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

  /**
   * The first step of an update sees the policy that collected the batch: ratio 1, so the policy
   * loss is −mean(A) (1 − 2 + 3 + 0.5 = 2.5 over 4: −0.625), KL and clip fraction 0; the value loss
   * is mean((V − R)²) with V before the step. One epoch on the whole batch is one optimiser step.
   */
  @Test
  void aSingleFullBatchStepHasTheLossesOfTheCollectingPolicy() {
    PpoConfig cfg =
        PpoConfig.laptop()
            .with(
                List.of(
                    "hidden=[4]",
                    "epochs=1",
                    "minibatch_size=0",
                    "normalize_advantages=false",
                    "norm_update=iteration"));
    Ppo ppo = new Ppo(cfg, 3, 2, new Rng(1), new kinesis.nn.VecGemm(1));
    float[] obs = {0.1f, 0.2f, 0.3f, -1, 0, 1, 2, 2, -2, 0.5f, -0.5f, 0};
    float[] actions = {0.1f, -0.2f, 0.3f, 0, -0.5f, 0.5f, 1, -1};
    float[] adv = {1, -2, 3, 0.5f}, ret = {0.5f, -1, 2, 0};
    // the value network sees raw observations: V before the step
    float[] v = new float[4];
    ppo.values(obs, 4, v);
    double want = 0;
    for (int i = 0; i < 4; i++) want += (double) (v[i] - ret[i]) * (v[i] - ret[i]) / 4;
    Ppo.Stats s = ppo.update(new Ppo.Batch(obs, actions, adv, ret, 4), new Rng(2));
    assertEquals(-0.625, s.policyLoss(), 1e-6);
    assertEquals(want, s.valueLoss(), 1e-5);
    assertEquals(0, s.approxKl(), 1e-9);
    assertEquals(0, s.clipFrac());
    assertEquals(1, s.optimiserSteps());
    // three epochs of two minibatches: six steps; the policy has moved, so later ratios differ from
    // 1
    Ppo more =
        new Ppo(
            cfg.with(List.of("epochs=3", "minibatch_size=2")),
            3,
            2,
            new Rng(1),
            new kinesis.nn.VecGemm(1));
    Ppo.Stats t = more.update(new Ppo.Batch(obs, actions, adv.clone(), ret, 4), new Rng(2));
    assertEquals(6, t.optimiserSteps());
    assertTrue(t.approxKl() > 0, "the policy changed between steps");
  }

  /**
   * A value-only update (the warm-up of value_warmup) moves the value network and leaves the policy
   * and its normaliser exactly as they were; its policy statistics are NaN, so the lr is not
   * adapted.
   */
  @Test
  void aValueOnlyUpdateLeavesThePolicyAsItWas() {
    PpoConfig cfg = PpoConfig.laptop().with(List.of("hidden=[4]", "target_kl=0.01"));
    Ppo ppo = new Ppo(cfg, 3, 2, new Rng(1), new kinesis.nn.VecGemm(1));
    float[] obs = {0.1f, 0.2f, 0.3f, -1, 0, 1, 2, 2, -2, 0.5f, -0.5f, 0};
    float[] actions = {0.1f, -0.2f, 0.3f, 0, -0.5f, 0.5f, 1, -1};
    float[] adv = {1, -2, 3, 0.5f}, ret = {0.5f, -1, 2, 0};
    kinesis.nn.Policy policy = (kinesis.nn.Policy) ppo.policy; // its mean also reads the normaliser
    float[] mean = policy.mean(obs, 0, 4).clone(), v = new float[4], w = new float[4];
    ppo.values(obs, 4, v);
    Ppo.Stats s = ppo.update(new Ppo.Batch(obs, actions, adv, ret, 4), new Rng(2), true);
    assertTrue(java.util.Arrays.equals(mean, policy.mean(obs, 0, 4)), "policy unchanged");
    ppo.values(obs, 4, w);
    assertTrue(!java.util.Arrays.equals(v, w), "value network moved");
    assertTrue(Double.isNaN(s.approxKl()) && Double.isNaN(s.policyLoss()), s.toString());
    assertTrue(s.valueLoss() > 0 && s.finite(), s.toString());
    assertEquals(cfg.policyLr(), ppo.adaptLearningRate(s.approxKl()), 0);
    assertEquals(0, PpoConfig.laptop().valueWarmup());
  }

  /** norm_update=frozen: the policy learns, its normaliser keeps the statistics it started with. */
  @Test
  void aFrozenNormaliserAbsorbsNothing() {
    float[] obs = {0.1f, 0.2f, 0.3f, -1, 0, 1, 2, 2, -2, 0.5f, -0.5f, 0};
    float[] actions = {0.1f, -0.2f, 0.3f, 0, -0.5f, 0.5f, 1, -1};
    for (String mode : List.of("frozen", "iteration", "step")) {
      PpoConfig cfg = PpoConfig.laptop().with(List.of("hidden=[4]", "norm_update=" + mode));
      Ppo ppo = new Ppo(cfg, 3, 2, new Rng(1), new kinesis.nn.VecGemm(1));
      float[] mean = ((kinesis.nn.Policy) ppo.policy).mean(obs, 0, 4).clone();
      ppo.update(
          new Ppo.Batch(obs, actions, new float[] {1, -2, 3, 0.5f}, new float[4], 4), new Rng(2));
      assertEquals(mode.equals("frozen"), ppo.policy.norm().count() == 0, mode);
      assertTrue(
          !java.util.Arrays.equals(mean, ((kinesis.nn.Policy) ppo.policy).mean(obs, 0, 4)), mode);
    }
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
