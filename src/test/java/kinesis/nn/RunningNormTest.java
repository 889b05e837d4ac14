package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunningNormTest {
  @Test
  void passesInputThroughUntilTheFirstUpdate() {
    RunningNorm n = new RunningNorm(2);
    float[] out = new float[2];
    n.apply(new float[] {3f, -40f}, 0, 1, out);
    assertEquals(3f, out[0]);
    assertEquals(-40f, out[1]);
  }

  /**
   * Two updates equal the population statistics of the concatenated batches; output clipped at ±5.
   */
  @Test
  void updatesCombineToTheStatisticsOfAllRows() {
    RunningNorm n = new RunningNorm(1);
    n.update(new float[] {1, 2, 3}, 0, 3);
    n.update(new float[] {10, 20}, 0, 2);
    // rows 1,2,3,10,20: mean 7.2, biased variance (1+4+9+100+400)/5 − 7.2² = 102.8 − 51.84 = 50.96
    assertEquals(5, n.count());
    assertEquals(7.2f, n.mean()[0], 1e-5f);
    assertEquals((float) Math.sqrt(50.96), n.std()[0], 1e-5f);
    float[] out = new float[1];
    n.apply(new float[] {14.3f}, 0, 1, out);
    assertEquals((14.3 - 7.2) / Math.sqrt(50.96), out[0], 1e-5);
    n.apply(new float[] {1000f}, 0, 1, out);
    assertEquals(5f, out[0]);
    n.apply(new float[] {-1000f}, 0, 1, out);
    assertEquals(-5f, out[0]);
  }

  /**
   * The vectorised body and the scalar tail give every element the bits of the formula, for a width
   * that is not a multiple of the vector length (the observation's 309), with clipping and NaN.
   */
  @Test
  void everyElementFollowsTheFormulaBitForBit() {
    int dim = 309, rows = 3;
    RunningNorm n = new RunningNorm(dim);
    java.util.Random rnd = new java.util.Random(7);
    float[] x = new float[2 + rows * dim];
    for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextGaussian() * 3);
    n.update(x, 2, rows);
    x[2 + 5] = 1e6f;
    x[2 + dim - 1] = Float.NaN;
    x[2 + dim + 300] = -1e6f;
    float[] out = new float[rows * dim];
    n.apply(x, 2, rows, out);
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < dim; j++) {
        float y = (x[2 + r * dim + j] - n.mean()[j]) / (n.std()[j] + 1e-8f);
        assertEquals(
            Math.max(-5f, Math.min(5f, y)), out[r * dim + j], 0f, "row " + r + " col " + j);
      }
    assertEquals(5f, out[5]);
    assertEquals(-5f, out[dim + 300]);
    assertEquals(Float.NaN, out[dim - 1]);
  }
}
