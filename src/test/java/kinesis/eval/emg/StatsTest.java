package kinesis.eval.emg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void pearsonOfHandMadeSignals() {
    double[] x = {1, 2, 3, 4, 5};
    assertEquals(
        0.8, Stats.pearson(x, new double[] {2, 1, 4, 3, 5}), 1e-12); // worked by hand: 8 / 10
    assertEquals(
        1,
        Stats.pearson(x, new double[] {3, 5, 7, 9, 11}),
        1e-12); // scale and offset do not matter
    assertEquals(-1, Stats.pearson(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
    // sine and cosine over a whole period are uncorrelated; a mix a*sin + b*cos has r = a /
    // sqrt(a^2 + b^2)
    int n = 100;
    double[] s = new double[n], c = new double[n], mix = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = Math.sin(2 * Math.PI * i / n);
      c[i] = Math.cos(2 * Math.PI * i / n);
      mix[i] = 3 * s[i] + 4 * c[i];
    }
    assertEquals(0, Stats.pearson(s, c), 1e-12);
    assertEquals(0.6, Stats.pearson(s, mix), 1e-12);
    assertEquals(0.8, Stats.pearson(c, mix), 1e-12);
  }

  @Test
  void constantSeriesHasNoCorrelation() {
    assertTrue(Double.isNaN(Stats.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
  }

  @Test
  void spreadMeasures() {
    double[] a = {2, 4, 4, 4, 5, 5, 7, 9};
    assertEquals(5, Stats.mean(a), 0);
    assertEquals(Math.sqrt(32.0 / 7), Stats.sd(a), 1e-12);
    assertEquals(Math.sqrt(32.0 / 7) / Math.sqrt(8), Stats.sem(a), 1e-12);
    assertEquals(0, Stats.sem(new double[] {3}), 0);
    assertEquals(1.5, Stats.meanAbsDiff(new double[] {0, 1}, new double[] {1, -1}), 0);
  }
}
