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
}
