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
}
