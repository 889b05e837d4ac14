package kinesis.rl.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import kinesis.nn.Param;
import kinesis.nn.Params;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateActorTest {
  @TempDir Path tmp;

  GateActor actor() {
    List<ExpertSpec> experts =
        MixtureActors.read(
            List.of(
                MixtureActorsTest.constant(tmp.resolve("A"), 1),
                MixtureActorsTest.constant(tmp.resolve("B"), -1),
                MixtureActorsTest.constant(tmp.resolve("C"), 3)));
    GateActor g = new GateActor(new int[] {6}, experts, new Rng(4), new VecGemm(1));
    for (Param p : g.params())
      for (int i = 0; i < p.size(); i++) p.value[i] *= 8; // sharp enough that rows differ
    return g;
  }

  static final float[] OBS = {1, 0, 0, 1, 0.5f, -2, -1, 1};

  /**
   * Acting stores expert indices and hands out exactly those experts' means; deterministic acting
   * takes the arg-max.
   */
  @Test
  void actsWithTheChosenExpertsMean() {
    GateActor g = actor();
    float[] choices = new float[4], actions = new float[4], mean = {1, -1, 3};
    g.act(OBS, 4, new Rng(1), false, choices, actions);
    for (int r = 0; r < 4; r++) assertEquals(mean[(int) choices[r]], actions[r], 1e-6f);
    g.act(OBS, 4, null, true, choices, actions);
    float[] w = g.gate.probabilities(OBS, 0, 4);
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < 3; j++)
        assertTrue(w[r * 3 + j] <= w[r * 3 + (int) choices[r]], "row " + r);
    }
  }

  /** log π(k|s) is log w_k(s), and its gradient matches central differences. */
  @Test
  void logProbabilityAndGradientAreRight() {
    GateActor g = actor();
    float[] choices = {0, 2, 1, 2}, logp = new float[4], dLogp = {0.3f, -0.7f, 1.1f, 0.5f};
    g.logProb(OBS, choices, 0, 4, logp);
    float[] w = g.gate.probabilities(OBS, 0, 4);
    for (int r = 0; r < 4; r++) assertEquals(Math.log(w[r * 3 + (int) choices[r]]), logp[r], 1e-5);
    Params.zeroGrad(g.params());
    g.logProb(OBS, choices, 0, 4, logp);
    g.backward(dLogp, 4);
    for (Param p : g.params()) {
      for (int i = 0; i < p.size(); i += Math.max(1, p.size() / 5)) {
        float keep = p.value[i];
        double h = 1e-2;
        p.value[i] = (float) (keep + h);
        double up = loss(g, choices, dLogp);
        p.value[i] = (float) (keep - h);
        double down = loss(g, choices, dLogp);
        p.value[i] = keep;
        assertEquals(
            (up - down) / (2 * h),
            p.grad[i],
            2e-3 + 2e-2 * Math.abs(p.grad[i]),
            p.name + "[" + i + "]");
      }
    }
  }

  private static double loss(GateActor g, float[] choices, float[] dLogp) {
    float[] logp = new float[4];
    g.logProb(OBS, choices, 0, 4, logp);
    double l = 0;
    for (int r = 0; r < 4; r++) l += dLogp[r] * logp[r];
    return l;
  }
}
