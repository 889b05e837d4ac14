package kinesis.rl.moe;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.PpoConfig;
import kinesis.task.VecEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTrainerTest {
  /**
   * Episodes of 4 steps of one of two types, shown in the observation ([1, 0] or [0, 1]); the
   * reward is +a on type 0 and −a on type 1, so expert A (a = +1) is right on type 0 and B (a = −1) on type 1.
   */
  static final class TwoTypes implements VecEnv {
    final int n;
    final int[] type, t;
    final Rng rng = new Rng(3);

    TwoTypes(int n) {
      this.n = n;
      type = new int[n];
      t = new int[n];
    }

    public int numEnvs() {
      return n;
    }

    public int obsDim() {
      return 2;
    }

    public int actionDim() {
      return 1;
    }

    private void begin(int e, float[] obs) {
      type[e] = rng.nextInt(2);
      t[e] = 0;
      obs[2 * e] = type[e] == 0 ? 1 : 0;
      obs[2 * e + 1] = type[e] == 1 ? 1 : 0;
    }

    public void reset(long seed, float[] obs) {
      for (int e = 0; e < n; e++) begin(e, obs);
    }

    public void step(float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
      for (int e = 0; e < n; e++) {
        rewards[e] = (type[e] == 0 ? 1 : -1) * actions[e];
        done[e] = ++t[e] == 4;
        terminal[e] = false;
        if (done[e]) begin(e, obs);
      }
    }

    public void close() {}
  }

  /** A constant expert: zero weights, output bias {@code a}. */
  static ExpertSpec constant(float a, String name) {
    Policy p = new Policy(Policy.Kind.GAUSSIAN, 2, new int[] {4}, 1, 0f, new Rng(1), Gemm.standard());
    java.util.Arrays.fill(p.mlp.head().weight.value, 0f);
    p.mlp.head().bias.value[0] = a;
    return ExpertSpec.of(p, Map.of("model", "toy"), name);
  }

  @Test
  void gateLearnsToPickTheExpertThatIsRightForTheObservedType(@TempDir Path dir) {
    MixtureSpec fresh = MixtureSpec.fresh(new int[] {16, 16}, List.of(constant(1, "A"), constant(-1, "B")), 5);
    PpoConfig cfg = PpoConfig.laptop().with(List.of("hidden=[16]", "num_envs=8", "samples_per_iteration=256", "epochs=5",
        "minibatch_size=0", "policy_lr=0.003", "value_lr=0.003", "iterations=25", "checkpoint_every=10"));
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    Path cp;
    try (GateTrainer g = GateTrainer.open(fresh, cfg, new TwoTypes(8), dir, quiet)) {
      float[] before = g.gate.probabilities(new float[] {1, 0, 0, 1}, 0, 2).clone();
      assertEquals(0.5, before[0], 0.05, "the head starts near uniform");
      cp = g.run();
      assertEquals(25, g.iteration());
    }
    MixtureSpec trained = (MixtureSpec) Policies.load(dir);
    assertEquals(cp, Policies.resolve(dir));
    float[] w = trained.gate(new VecGemm(1)).probabilities(new float[] {1, 0, 0, 1}, 0, 2);
    assertTrue(w[0] > 0.9, "type 0 -> expert A: " + w[0]);
    assertTrue(w[3] > 0.9, "type 1 -> expert B: " + w[3]);
    // acting: only the chosen expert's mean comes out
    Controller c = trained.controller(new VecGemm(1), true);
    float[] a = new float[1];
    c.act(new float[] {0, 1}, a);
    assertEquals(1, c.lastExpert());
    assertEquals(-1f, a[0], 1e-6f);
    assertFalse(c.stochastic());
    assertTrue(trained.controller(new VecGemm(1), false).stochastic());
    // re-running continues from the newest checkpoint instead of starting over
    PpoConfig more = cfg.with(List.of("iterations=27"));
    try (GateTrainer g = GateTrainer.open(fresh, more, new TwoTypes(8), dir, quiet)) {
      assertEquals(25, g.iteration());
      g.run();
      assertEquals(27, g.iteration());
    }
  }
}
