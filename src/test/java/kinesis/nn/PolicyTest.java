package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PolicyTest {
  /** End to end through normaliser, trunk, head and distribution: L = Σ g·log π(a|s). */
  @Test
  void everyParameterGradientMatchesFiniteDifferences() {
    for (Policy.Kind kind : Policy.Kind.values()) {
      int obs = 5, act = 3, rows = 7;
      Policy pol =
          new Policy(kind, obs, new int[] {8, 6}, act, -0.3f, new Rng(1), Gemm.fromProperties());
      Random rnd = new Random(2);
      float[] x = GemmTest.randn(rnd, rows * obs),
          a = GemmTest.randn(rnd, rows * act),
          g = GemmTest.randn(rnd, rows);
      pol.norm.update(x, 0, rows);
      for (int i = 0; i < pol.mlp.head().weight.size(); i++) pol.mlp.head().weight.value[i] *= 10;
      float[] logp = new float[rows];
      java.util.function.DoubleSupplier loss =
          () -> {
            pol.invalidate();
            pol.logProb(x, a, 0, rows, logp);
            double s = 0;
            for (int i = 0; i < rows; i++) s += (double) g[i] * logp[i];
            return s;
          };
      Params.zeroGrad(pol.params());
      assertTrue(
          Double.isFinite(loss.getAsDouble())); // the forward pass that backward differentiates
      pol.backward(g, rows);
      pol.finishBackward();
      for (Param p : pol.params()) {
        GradCheck.assertClose(
            kind + " " + p.name, p.grad, GradCheck.numerical(p.value, 1e-2, loss), 5e-3, 2e-2);
      }
    }
  }

  @Test
  void deterministicActionIsTheMeanAndSamplingIsSeeded() {
    Policy pol =
        new Policy(
            Policy.Kind.LATTICE, 4, new int[] {16}, 2, 0f, new Rng(3), Gemm.fromProperties());
    float[] x = GemmTest.randn(new Random(4), 3 * 4);
    float[] det = new float[6], s1 = new float[6], s2 = new float[6];
    pol.act(x, 3, new Rng(5), true, det);
    assertArrayEquals(java.util.Arrays.copyOf(pol.mean(x, 3), 6), det);
    pol.act(x, 3, new Rng(6), false, s1);
    pol.act(x, 3, new Rng(6), false, s2);
    assertArrayEquals(s1, s2);
  }
}
