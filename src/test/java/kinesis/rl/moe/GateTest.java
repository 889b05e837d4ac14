package kinesis.rl.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import kinesis.nn.Param;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import org.junit.jupiter.api.Test;

class GateTest {
  /**
   * softmax(0, ln 2, ln 3) = (1/6, 2/6, 3/6); log w of expert 2 = ln 3 − ln 6; huge equal logits
   * stay finite.
   */
  @Test
  void softmaxAndLogProbabilityByHand() {
    float[] logits = {0, (float) Math.log(2), (float) Math.log(3), 1000, 1000, 1000};
    float[] probs = new float[6], logp = new float[2];
    Gate.softmax(logits, 2, 3, probs, new int[] {2, 0}, logp);
    assertEquals(1 / 6.0, probs[0], 1e-6);
    assertEquals(2 / 6.0, probs[1], 1e-6);
    assertEquals(3 / 6.0, probs[2], 1e-6);
    assertEquals(Math.log(3) - Math.log(6), logp[0], 1e-6);
    for (int j = 3; j < 6; j++) assertEquals(1 / 3.0, probs[j], 1e-7);
    assertEquals(-Math.log(3), logp[1], 1e-6);
  }

  /**
   * Arg-max picks the largest weight; sampling compares one uniform draw with the running sums 0.2,
   * 0.5.
   */
  @Test
  void choosesByCumulativeWeight() {
    float[] w = {0.2f, 0.3f, 0.5f};
    assertEquals(2, Gate.choose(w, 0, 3, null, true));
    for (long seed = 0; seed < 50; seed++) {
      double u = new Rng(seed).nextDouble();
      int want = u < 0.2 ? 0 : u < 0.5 ? 1 : 2;
      assertEquals(want, Gate.choose(w, 0, 3, new Rng(seed), false), "u = " + u);
    }
  }

  /**
   * With every weight zero the gate is uniform: w = 1/3, log w = −ln 3, entropy ln 3; bad expert
   * indices are refused.
   */
  @Test
  void zeroWeightsGiveTheUniformGate() {
    Gate g = new Gate(2, new int[] {4}, 3, new Rng(1), new VecGemm(1));
    for (Param p : g.params()) Arrays.fill(p.value, 0f);
    float[] obs = {0.3f, -1, 2, 5};
    float[] w = g.probabilities(obs, 0, 2);
    for (int i = 0; i < 6; i++) assertEquals(1 / 3.0, w[i], 1e-7);
    float[] logp = new float[2];
    g.logProb(obs, new float[] {2, 0}, 0, 2, logp);
    assertEquals(-Math.log(3), logp[0], 1e-6);
    assertEquals(-Math.log(3), logp[1], 1e-6);
    assertEquals(Math.log(3), g.entropy(obs, 2), 1e-6);
    assertThrows(
        IllegalArgumentException.class, () -> g.logProb(obs, new float[] {3, 0}, 0, 2, logp));
    assertThrows(
        IllegalArgumentException.class, () -> g.logProb(obs, new float[] {0.5f, 0}, 0, 2, logp));
  }

  /**
   * d log w_c / d logit_j = [j = c] − w_j: with uniform w over 2 experts and choice 0, the head
   * bias gradient is (½, −½)·dL.
   */
  @Test
  void backwardGivesTheSoftmaxGradient() {
    Gate g = new Gate(1, new int[] {2}, 2, new Rng(1), new VecGemm(1));
    for (Param p : g.params()) Arrays.fill(p.value, 0f);
    for (Param p : g.params()) Arrays.fill(p.grad, 0f);
    float[] logp = new float[1];
    g.logProb(new float[] {1}, new float[] {0}, 0, 1, logp);
    g.backward(new float[] {2f}, 1);
    float[] biasGrad = g.mlp.head().bias.grad;
    assertEquals(1f, biasGrad[0], 1e-6f);
    assertEquals(-1f, biasGrad[1], 1e-6f);
  }
}
