package kinesis.nn;

import java.util.List;

/** N(μ, diag σ²) with a state-independent learned log σ (one per action dimension). */
public final class DiagonalGaussian implements ActionDistribution {
  private static final double LOG_2PI = StrictMath.log(2 * Math.PI);
  private final int k;
  public final Param logStd;
  private final float[] invVar, sigma;
  private float[] r = new float[0];
  private double sumLogStd;

  public DiagonalGaussian(int actionDim, float logStdInit) {
    k = actionDim;
    logStd = new Param("log_std", k);
    java.util.Arrays.fill(logStd.value, logStdInit);
    invVar = new float[k];
    sigma = new float[k];
    prepare();
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
    for (int i = 0; i < rows; i++) {
      float gi = dLogp[i];
      for (int j = 0; j < k; j++) {
        float d = r[i * k + j];
        dMu[i * k + j] = gi * d * invVar[j];
        g[j] += gi * (d * d * invVar[j] - 1f);
      }
    }
  }

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
