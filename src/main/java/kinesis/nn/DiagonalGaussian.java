package kinesis.nn;

import java.util.List;

/**
 * N(μ, diag σ²) with a state-independent learned log σ (one per action dimension). {@link
 * #censorAtBounds() Censored}, an entry sampled beyond the action bounds [−1, 1] — where the
 * environment clips it — is scored by the probability of landing beyond that bound, log Φ((μ −
 * 1)/σ) above and log Φ((−1 − μ)/σ) below, instead of the density at the sampled value (the
 * clipped-action policy gradient of Fujita &amp; Maeda 2018): entries whose value the environment
 * never sees no longer move the log-probability, so a mean far beyond a bound gets no gradient
 * noise from them (nor any other force: see docs/results/learning/censored).
 */
public final class DiagonalGaussian implements ActionDistribution {
  private static final double LOG_2PI = StrictMath.log(2 * Math.PI);
  private final int k;
  public final Param logStd;
  private final float[] invVar, sigma;
  private float[] r = new float[0];
  private double sumLogStd;
  private boolean censored;

  /** Censored: d log p / dμ and d log p / d log σ per entry of the last {@link #logProb} chunk. */
  private float[] dMuEntry = new float[0], dLogStdEntry = new float[0];

  public DiagonalGaussian(int actionDim, float logStdInit) {
    k = actionDim;
    logStd = new Param("log_std", k);
    java.util.Arrays.fill(logStd.value, logStdInit);
    invVar = new float[k];
    sigma = new float[k];
    prepare();
  }

  /** Scores entries beyond the bounds [−1, 1] by their probability mass from now on. */
  public void censorAtBounds() {
    censored = true;
  }

  @Override
  public int actionDim() {
    return k;
  }

  @Override
  public List<Param> params() {
    return List.of(logStd);
  }

  @Override
  public void prepare() {
    sumLogStd = 0;
    for (int j = 0; j < k; j++) {
      sigma[j] = (float) StrictMath.exp(logStd.value[j]);
      invVar[j] = (float) StrictMath.exp(-2.0 * logStd.value[j]);
      sumLogStd += logStd.value[j];
    }
  }

  @Override
  public void logProb(float[] mu, float[] a, int aRow, int rows, float[] logp) {
    if (censored) {
      censoredLogProb(mu, a, aRow, rows, logp);
      return;
    }
    if (r.length < rows * k) r = new float[rows * k];
    double c = -sumLogStd - 0.5 * k * LOG_2PI;
    for (int i = 0; i < rows; i++) {
      double q = 0;
      for (int j = 0; j < k; j++) {
        float d = a[(aRow + i) * k + j] - mu[i * k + j];
        r[i * k + j] = d;
        q += (double) d * d * invVar[j];
      }
      logp[i] = (float) (c - 0.5 * q);
    }
  }

  @Override
  public void backward(float[] dLogp, int rows, float[] dMu) {
    float[] g = logStd.grad;
    if (censored) {
      for (int i = 0; i < rows; i++)
        for (int j = 0; j < k; j++) {
          dMu[i * k + j] = dLogp[i] * dMuEntry[i * k + j];
          g[j] += dLogp[i] * dLogStdEntry[i * k + j];
        }
      return;
    }
    for (int i = 0; i < rows; i++) {
      float gi = dLogp[i];
      for (int j = 0; j < k; j++) {
        float d = r[i * k + j];
        dMu[i * k + j] = gi * d * invVar[j];
        g[j] += gi * (d * d * invVar[j] - 1f);
      }
    }
  }

  /**
   * Each entry's log-density inside the bounds, its log-probability of lying beyond one outside.
   */
  private void censoredLogProb(float[] mu, float[] a, int aRow, int rows, float[] logp) {
    if (dMuEntry.length < rows * k) {
      dMuEntry = new float[rows * k];
      dLogStdEntry = new float[rows * k];
    }
    for (int i = 0; i < rows; i++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        int e = i * k + j;
        double ai = a[(aRow + i) * k + j], m = mu[e], s = sigma[j];
        if (ai >= 1 || ai <= -1) {
          double side = ai >= 1 ? 1 : -1, u = side * (m - side) / s; // Φ(u) = P(beyond the bound)
          double[] lp = logPhi(u);
          sum += lp[0];
          dMuEntry[e] = (float) (side * lp[1] / s);
          dLogStdEntry[e] = (float) (-u * lp[1]);
        } else {
          double d = ai - m;
          sum += -logStd.value[j] - 0.5 * LOG_2PI - 0.5 * d * d * invVar[j];
          dMuEntry[e] = (float) (d * invVar[j]);
          dLogStdEntry[e] = (float) (d * d * invVar[j] - 1);
        }
      }
      logp[i] = (float) sum;
    }
  }

  /**
   * {log Φ(u), φ(u)/Φ(u)} for the standard normal, accurate in both tails: below 0 through the
   * scaled complementary error function, so that Φ(−40) is still e^−804.6, not 0.
   */
  static double[] logPhi(double u) {
    double x = Math.abs(u) / Math.sqrt(2), scaled = erfcx(x);
    if (u < 0)
      return new double[] {Math.log(0.5 * scaled) - x * x, Math.sqrt(2 / Math.PI) / scaled};
    double phi = 1 - 0.5 * scaled * Math.exp(-x * x);
    return new double[] {Math.log(phi), Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI) / phi};
  }

  /**
   * e^{x²} erfc(x) for x ≥ 0, relative error below 1.2e-7: the Chebyshev-fitted exponent of
   * Numerical Recipes' erfc, without its e^{−x²} factor.
   */
  static double erfcx(double x) {
    double t = 1 / (1 + 0.5 * x), p = 0;
    for (int c = ERFC_FIT.length - 1; c >= 0; c--) p = ERFC_FIT[c] + t * p; // Horner in t
    return t * Math.exp(p);
  }

  private static final double[] ERFC_FIT = {
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
    0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277
  };

  @Override
  public void finishBackward() {}

  @Override
  public void sample(float[] mu, int rows, Rng rng, float[] out) {
    rng.fillGaussian(out, 0, rows * k);
    for (int i = 0; i < rows * k; i++) out[i] = mu[i] + sigma[i % k] * out[i];
  }

  @Override
  public double entropy() {
    return sumLogStd + 0.5 * k * (1 + LOG_2PI);
  }
}
