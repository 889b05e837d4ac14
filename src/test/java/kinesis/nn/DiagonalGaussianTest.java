package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {
  static double ref(float[] logStd, float[] mu, float[] a, float[] g, int k) {
    double t = 0;
    for (int i = 0; i < g.length; i++) {
      double lp = -0.5 * k * Math.log(2 * Math.PI);
      for (int j = 0; j < k; j++) {
        double s = Math.exp(logStd[j]), z = (a[i * k + j] - (double) mu[i * k + j]) / s;
        lp += -0.5 * z * z - logStd[j];
      }
      t += g[i] * lp;
    }
    return t;
  }

  @Test
  void logProbAndGradientsMatchFloat64Reference() {
    int k = 4, rows = 5;
    Random rnd = new Random(3);
    DiagonalGaussian d = new DiagonalGaussian(k, 0f);
    for (int j = 0; j < k; j++) d.logStd.value[j] = (float) (0.4 * rnd.nextGaussian());
    d.prepare();
    float[] mu = GemmTest.randn(rnd, rows * k),
        a = GemmTest.randn(rnd, rows * k),
        g = GemmTest.randn(rnd, rows);
    float[] logp = new float[rows], dMu = new float[rows * k];
    d.logProb(mu, a, 0, rows, logp);
    double sum = 0;
    for (int i = 0; i < rows; i++) sum += g[i] * logp[i];
    assertEquals(ref(d.logStd.value, mu, a, g, k), sum, 1e-5 * (1 + Math.abs(sum)));
    d.backward(g, rows, dMu);
    GradCheck.assertClose(
        "dmu",
        dMu,
        GradCheck.numerical(mu, 1e-3, () -> ref(d.logStd.value, mu, a, g, k)),
        1e-4,
        1e-3);
    GradCheck.assertClose(
        "dlogstd",
        d.logStd.grad,
        GradCheck.numerical(d.logStd.value, 1e-3, () -> ref(d.logStd.value, mu, a, g, k)),
        1e-4,
        1e-3);
    double sumLog = 0;
    for (float v : d.logStd.value) sumLog += v;
    assertEquals(sumLog + 0.5 * k * (1 + Math.log(2 * Math.PI)), d.entropy(), 1e-6);
  }

  /** log Φ and the Mills ratio φ/Φ against tabulated values, deep into both tails. */
  @Test
  void logPhiHoldsInBothTails() {
    double[][] cases = { // u, Φ(u)
      {0, 0.5}, {1, 0.8413447460685429}, {-1, 0.15865525393145705}, {-5, 2.866515718791939e-7}
    };
    for (double[] c : cases) {
      double[] lp = DiagonalGaussian.logPhi(c[0]);
      assertEquals(Math.log(c[1]), lp[0], 1e-6 * Math.abs(Math.log(c[1])) + 1e-7, "u " + c[0]);
      double density = Math.exp(-0.5 * c[0] * c[0]) / Math.sqrt(2 * Math.PI);
      assertEquals(density / c[1], lp[1], 1e-6 * density / c[1], "u " + c[0]);
    }
    // far below: Φ(u) = φ(u)/|u| · (1 − 1/u² + 3/u⁴ − …), e^−246 underflows nothing here
    double u = -22, series = 1 - 1 / (u * u) + 3 / Math.pow(u, 4) - 15 / Math.pow(u, 6);
    double logPhi = -0.5 * u * u - 0.5 * Math.log(2 * Math.PI) - Math.log(-u) + Math.log(series);
    assertEquals(logPhi, DiagonalGaussian.logPhi(u)[0], 1e-6 * Math.abs(logPhi));
    assertEquals(-u / series, DiagonalGaussian.logPhi(u)[1], 1e-5);
    assertEquals(0, DiagonalGaussian.logPhi(9)[0], 1e-15);
  }

  /**
   * Censored: entries inside [−1, 1] keep their density, entries beyond a bound score the mass
   * beyond it (checked by integrating the density), and the gradients are those of that sum.
   */
  @Test
  void censoredEntriesScoreTheMassBeyondTheBound() {
    int k = 3, rows = 4;
    DiagonalGaussian d = new DiagonalGaussian(k, 0f);
    d.logStd.value[0] = -0.7f;
    d.logStd.value[1] = 0.2f;
    d.prepare();
    d.censorAtBounds();
    float[] mu = {0.3f, 1.4f, -2f, -0.5f, 0.9f, 3f, 1.1f, -0.2f, 0.1f, -1.3f, 0.4f, 0f};
    float[] a = {1.2f, 0.5f, -1f, 0.1f, 2.5f, -1.7f, 0.99f, -0.3f, 1f, -1.5f, 0.2f, -0.8f};
    float[] g = {0.7f, -1.1f, 0.4f, 1.3f};
    float[] logp = new float[rows], dMu = new float[rows * k];
    d.logProb(mu, a, 0, rows, logp);
    for (int i = 0; i < rows; i++) {
      double want = 0;
      for (int j = 0; j < k; j++) {
        double s = Math.exp(d.logStd.value[j]), m = mu[i * k + j], x = a[i * k + j];
        if (x >= 1) want += Math.log(mass(m, s, 1, m + 12 * s + 2));
        else if (x <= -1) want += Math.log(mass(m, s, m - 12 * s - 2, -1));
        else want += -0.5 * Math.pow((x - m) / s, 2) - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
      }
      assertEquals(want, logp[i], 1e-5 * (1 + Math.abs(want)), "row " + i);
    }
    d.backward(g, rows, dMu);
    GradCheck.assertClose(
        "dmu", dMu, GradCheck.numerical(mu, 1e-3, () -> censoredRef(d, mu, a, g, k)), 1e-4, 1e-3);
    GradCheck.assertClose(
        "dlogstd",
        d.logStd.grad,
        GradCheck.numerical(d.logStd.value, 1e-3, () -> censoredRef(d, mu, a, g, k)),
        1e-4,
        1e-3);
  }

  /** ∫ N(x; m, s²) dx over [lo, hi] by Simpson's rule. */
  private static double mass(double m, double s, double lo, double hi) {
    int n = 20_000;
    double h = (hi - lo) / n, sum = 0;
    for (int i = 0; i <= n; i++) {
      double x = lo + i * h,
          f = Math.exp(-0.5 * Math.pow((x - m) / s, 2)) / (s * Math.sqrt(2 * Math.PI));
      sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
    }
    return sum * h / 3;
  }

  /** Σ g_i log p_i of the censored distribution in double precision. */
  private static double censoredRef(DiagonalGaussian d, float[] mu, float[] a, float[] g, int k) {
    double t = 0;
    for (int i = 0; i < g.length; i++)
      for (int j = 0; j < k; j++) {
        double s = Math.exp(d.logStd.value[j]), m = mu[i * k + j], x = a[i * k + j];
        double lp =
            x >= 1
                ? DiagonalGaussian.logPhi((m - 1) / s)[0]
                : x <= -1
                    ? DiagonalGaussian.logPhi((-1 - m) / s)[0]
                    : -0.5 * Math.pow((x - m) / s, 2) - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
        t += g[i] * lp;
      }
    return t;
  }
}
