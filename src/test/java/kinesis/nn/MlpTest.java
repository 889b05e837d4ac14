package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpTest {
  /**
   * L = Σ c ⊙ output; every weight and bias gradient against central differences (float32 net, eps
   * 1e-2).
   */
  @Test
  void gradientsMatchFiniteDifferences() {
    for (Gemm g : GemmTest.backends()) {
      Mlp mlp = new Mlp("net", 5, new int[] {7, 6}, 3, new Rng(1), g);
      Random rnd = new Random(2);
      int rows = 4;
      float[] x = GemmTest.randn(rnd, rows * 5), c = GemmTest.randn(rnd, rows * 3);
      // make the head matter: default ×0.1 scaling would make its gradients tiny
      for (int i = 0; i < mlp.head().weight.size(); i++) mlp.head().weight.value[i] *= 10;
      java.util.function.DoubleSupplier loss =
          () -> {
            float[] y = mlp.forward(x, 0, rows);
            double s = 0;
            for (int i = 0; i < rows * 3; i++) s += (double) c[i] * y[i];
            return s;
          };
      Params.zeroGrad(mlp.params());
      assertTrue(
          Double.isFinite(loss.getAsDouble())); // the forward pass that backward differentiates
      mlp.backward(c, rows);
      for (Param p : mlp.params()) {
        double[] num = GradCheck.numerical(p.value, 1e-2, loss);
        GradCheck.assertClose(g.name() + " " + p.name, p.grad, num, 2e-3, 1e-2);
      }
    }
  }

  @Test
  void outputsOfOneRowEqualBatchedRows() {
    Mlp mlp = new Mlp("net", 9, new int[] {33, 17}, 4, new Rng(3), Gemm.fromProperties());
    float[] x = GemmTest.randn(new Random(4), 10 * 9);
    float[] all = mlp.forward(x, 0, 10).clone();
    for (int r = 0; r < 10; r++) {
      float[] one = mlp.forward(x, r * 9, 1);
      for (int j = 0; j < 4; j++) assertEquals(all[r * 4 + j], one[j], 1e-5f);
    }
  }

  @Test
  void initialisationFollowsPyTorchDefaultAndScaledHead() {
    Mlp mlp = new Mlp("net", 100, new int[] {50}, 10, new Rng(5), Gemm.fromProperties());
    double bound = 1 / Math.sqrt(100), headBound = 0.1 / Math.sqrt(50);
    double maxW = 0, maxHead = 0;
    for (float w : mlp.layer(0).weight.value) maxW = Math.max(maxW, Math.abs(w));
    for (float w : mlp.head().weight.value) maxHead = Math.max(maxHead, Math.abs(w));
    assertEquals(bound, maxW, 0.01 * bound);
    assertEquals(headBound, maxHead, 0.05 * headBound);
    for (float b : mlp.head().bias.value) assertEquals(0f, b);
  }
}
