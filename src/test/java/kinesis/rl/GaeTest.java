package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaeTest {
  /**
   * One env, 3 steps, done after step 1 (index 1); γ = 0.5, λ = 0.5, V = [1, 2, 3], bootstrap 4, r
   * = [1, 1, 1]. t=2: δ = 1 + 0.5·4 − 3 = 0, A = 0. t=1 (done): δ = 1 − 2 = −1, A = −1. t=0: δ = 1
   * + 0.5·2 − 1 = 1, A = 1 + 0.25·(−1) = 0.75. Returns = A + V = [1.75, 1, 3].
   */
  @Test
  void matchesHandComputedValues() {
    float[] adv = new float[3], ret = new float[3];
    Gae.compute(
        new float[] {1, 1, 1},
        new boolean[] {false, true, false},
        new float[] {1, 2, 3},
        new float[] {4},
        3,
        1,
        0.5,
        0.5,
        adv,
        ret);
    assertEquals(0.75f, adv[0], 1e-6f);
    assertEquals(-1f, adv[1], 1e-6f);
    assertEquals(0f, adv[2], 1e-6f);
    assertEquals(1.75f, ret[0], 1e-6f);
    assertEquals(1f, ret[1], 1e-6f);
    assertEquals(3f, ret[2], 1e-6f);
  }

  @Test
  void interleavedEnvsAreIndependent() {
    // two envs, rows [t0e0, t0e1, t1e0, t1e1]; env 1 gets zero rewards and values
    float[] adv = new float[4], ret = new float[4];
    Gae.compute(
        new float[] {1, 0, 1, 0},
        new boolean[4],
        new float[] {0, 0, 0, 0},
        new float[] {0, 0},
        2,
        2,
        1,
        1,
        adv,
        ret);
    assertEquals(2f, adv[0]);
    assertEquals(1f, adv[2]);
    assertEquals(0f, adv[1]);
    assertEquals(0f, adv[3]);
  }

  @Test
  void normalisationUsesTheUnbiasedStd() {
    float[] x = {1, 2, 3};
    Gae.normalise(x, 3); // mean 2, unbiased std 1
    assertEquals(-1f, x[0], 1e-6f);
    assertEquals(1f, x[2], 1e-6f);
  }
}
