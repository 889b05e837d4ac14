package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatticeGaussianTest {
  static final int K = 3, D = 4, ROWS = 6;

  /** Exact MVN log-density in float64, computed independently from the class under test. */
  static double refLogProbSum(float[] w, float[] logStd, float[] mu, float[] a, float[] g) {
    double[] sigma = new double[K * K];
    for (int p = 0; p < K; p++)
      for (int q = 0; q < K; q++) {
        double s = p == q ? Math.exp(2.0 * logStd[p]) : 0;
        for (int j = 0; j < D; j++)
          s += (double) w[p * D + j] * Math.exp(2.0 * logStd[K + j]) * w[q * D + j];
        sigma[p * K + q] = s;
      }
    double[] l = new double[K * K], inv = new double[K * K];
    LatticeGaussian.cholesky(sigma, l, K);
    LatticeGaussian.invertFromCholesky(l, inv, K);
    double logDet = 0;
    for (int i = 0; i < K; i++) logDet += 2 * Math.log(l[i * K + i]);
    double total = 0;
    for (int i = 0; i < ROWS; i++) {
      double q = 0;
      for (int p = 0; p < K; p++)
        for (int r = 0; r < K; r++)
          q +=
              ((double) a[i * K + p] - mu[i * K + p])
                  * inv[p * K + r]
                  * ((double) a[i * K + r] - mu[i * K + r]);
      total += g[i] * -0.5 * (q + logDet + K * Math.log(2 * Math.PI));
    }
    return total;
  }

  @Test
  void logProbAndGradientsMatchFloat64Reference() {
    Random rnd = new Random(7);
    Param w = new Param("head.weight", K * D);
    float[] init = GemmTest.randn(rnd, K * D);
    System.arraycopy(init, 0, w.value, 0, K * D);
    for (Gemm gemm : GemmTest.backends()) {
      LatticeGaussian dist = new LatticeGaussian(w, K, D, 0f, gemm);
      for (int i = 0; i < K + D; i++) dist.logStd.value[i] = (float) (0.3 * rnd.nextGaussian());
      dist.prepare();
      float[] mu = GemmTest.randn(rnd, ROWS * K),
          a = GemmTest.randn(rnd, ROWS * K),
          g = GemmTest.randn(rnd, ROWS);
      float[] logp = new float[ROWS], dMu = new float[ROWS * K];
      dist.logProb(mu, a, 0, ROWS, logp);
      double sum = 0;
      for (int i = 0; i < ROWS; i++) sum += g[i] * logp[i];
      assertEquals(
          refLogProbSum(w.value, dist.logStd.value, mu, a, g), sum, 1e-4 * (1 + Math.abs(sum)));

      java.util.Arrays.fill(w.grad, 0f);
      java.util.Arrays.fill(dist.logStd.grad, 0f);
      dist.backward(g, ROWS, dMu);
      dist.finishBackward();
      double eps = 1e-3, atol = 1e-4, rtol = 1e-3;
      GradCheck.assertClose(
          "dL/dmu",
          dMu,
          GradCheck.numerical(mu, eps, () -> refLogProbSum(w.value, dist.logStd.value, mu, a, g)),
          atol,
          rtol);
      GradCheck.assertClose(
          "dL/dW via Sigma",
          w.grad,
          GradCheck.numerical(
              w.value, eps, () -> refLogProbSum(w.value, dist.logStd.value, mu, a, g)),
          atol,
          rtol);
      GradCheck.assertClose(
          "dL/dlog_std",
          dist.logStd.grad,
          GradCheck.numerical(
              dist.logStd.value, eps, () -> refLogProbSum(w.value, dist.logStd.value, mu, a, g)),
          atol,
          rtol);
    }
  }

  @Test
  void samplesHaveTheModelCovarianceAndEntropyIsGaussian() {
    Param w = new Param("w", K * D);
    System.arraycopy(GemmTest.randn(new Random(9), K * D), 0, w.value, 0, K * D);
    LatticeGaussian dist = new LatticeGaussian(w, K, D, -0.2f, Gemm.fromProperties());
    int n = 200_000;
    float[] mu = new float[n * K], out = new float[n * K];
    dist.sample(mu, n, new Rng(11), out);
    double[] sigma = dist.covariance();
    for (int p = 0; p < K; p++)
      for (int q = 0; q < K; q++) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) out[i * K + p] * out[i * K + q];
        assertEquals(
            sigma[p * K + q], s / n, 0.02 * Math.sqrt(sigma[p * K + p] * sigma[q * K + q]) + 1e-3);
      }
    double[] l = new double[K * K];
    LatticeGaussian.cholesky(sigma, l, K);
    double logDet = 0;
    for (int i = 0; i < K; i++) logDet += 2 * Math.log(l[i * K + i]);
    assertEquals(0.5 * (K * (1 + Math.log(2 * Math.PI)) + logDet), dist.entropy(), 1e-9);
  }

  /** Non-finite weights give NaN log-probs (a failed update PPO rolls back), never an exception. */
  @Test
  void nonFiniteWeightsGiveNaNNotAnException() {
    Param w = new Param("w", K * D);
    w.value[3] = Float.NaN;
    LatticeGaussian dist = new LatticeGaussian(w, K, D, 0f, Gemm.fromProperties());
    float[] logp = new float[1];
    dist.logProb(new float[K], new float[K], 0, 1, logp);
    assertEquals(Float.NaN, logp[0]);
    assertEquals(Double.NaN, dist.entropy());
  }
}
