package kinesis.nn;

import java.util.List;

/**
 * The KINESIS Lattice distribution (reference §4.5): N(μ, Σ) with the state-independent full
 * covariance Σ = W·diag(σ_z²)·Wᵀ + diag(σ_a²), where W [k×d] is the policy's output-layer weight
 * and log σ = (log σ_a [k], log σ_z [d]) is one learned vector. One Cholesky Σ = L·Lᵀ per parameter
 * change serves the whole batch; sampling is a = μ + L·ε.
 *
 * <p>Gradients, with y = Σ⁻¹(a − μ) and g = dL/dlogp: dL/dμ = g·y; dL/dΣ = M = ½(Σ g·y·yᵀ − (Σ
 * g)·Σ⁻¹); dL/dW += 2·M·W·diag(σ_z²); dL/dlog σ_z,j = 2σ_z,j²·w_jᵀ·M·w_j; dL/dlog σ_a,i =
 * 2σ_a,i²·M_ii.
 */
public final class LatticeGaussian implements ActionDistribution {
  private static final double LOG_2PI = StrictMath.log(2 * Math.PI);
  private final int k, d;
  private final Param weight; // head weight [k][d], shared with the MLP
  public final Param logStd;
  private final Gemm gemm;
  private final double[] sigma, chol, sigmaInv;
  private final float[] cholF, sigmaInvF, yyAcc, eps;
  private final double[] mAcc;
  private double logDet, gSum;
  private float[] r = new float[0], y = new float[0];

  public LatticeGaussian(
      Param headWeight, int actionDim, int latentDim, float logStdInit, Gemm gemm) {
    if (headWeight.size() != actionDim * latentDim)
      throw new IllegalArgumentException("head weight is not " + actionDim + "x" + latentDim);
    k = actionDim;
    d = latentDim;
    weight = headWeight;
    this.gemm = gemm;
    logStd = new Param("log_std", k + d);
    java.util.Arrays.fill(logStd.value, logStdInit);
    sigma = new double[k * k];
    chol = new double[k * k];
    sigmaInv = new double[k * k];
    cholF = new float[k * k];
    sigmaInvF = new float[k * k];
    yyAcc = new float[k * k];
    eps = new float[k];
    mAcc = new double[k * k];
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

  /** The covariance Σ (row-major k×k) as last prepared. */
  public double[] covariance() {
    return sigma.clone();
  }

  @Override
  public void prepare() {
    float[] w = weight.value, ls = logStd.value;
    double[] vz = new double[d];
    for (int j = 0; j < d; j++) vz[j] = StrictMath.exp(2.0 * ls[k + j]);
    // Σ = W diag(σ_z²) Wᵀ + diag(σ_a²), lower triangle then mirrored
    for (int a = 0; a < k; a++) {
      for (int b = 0; b <= a; b++) {
        double s = 0;
        int oa = a * d, ob = b * d;
        for (int j = 0; j < d; j++) s += w[oa + j] * vz[j] * w[ob + j];
        sigma[a * k + b] = s;
        sigma[b * k + a] = s;
      }
      sigma[a * k + a] += StrictMath.exp(2.0 * ls[a]);
    }
    if (!cholesky(sigma, chol, k)) {
      // non-finite or degenerate parameters: every log-prob becomes NaN, which PPO treats as a
      // failed update
      java.util.Arrays.fill(chol, Double.NaN);
    }
    logDet = 0;
    for (int i = 0; i < k; i++) logDet += 2 * StrictMath.log(chol[i * k + i]);
    invertFromCholesky(chol, sigmaInv, k);
    for (int i = 0; i < k * k; i++) {
      cholF[i] = (float) chol[i];
      sigmaInvF[i] = (float) sigmaInv[i];
    }
  }

  @Override
  public void logProb(float[] mu, float[] a, int aRow, int rows, float[] logp) {
    if (r.length < rows * k) {
      r = new float[rows * k];
      y = new float[rows * k];
    }
    int ao = aRow * k;
    for (int i = 0; i < rows * k; i++) r[i] = a[ao + i] - mu[i];
    gemm.gemm(false, false, rows, k, k, 1f, r, 0, k, sigmaInvF, 0, k, 0f, y, 0, k); // y = r·Σ⁻¹
    double c = -0.5 * (logDet + k * LOG_2PI);
    for (int i = 0; i < rows; i++) {
      double q = 0;
      for (int j = 0; j < k; j++) q += (double) r[i * k + j] * y[i * k + j];
      logp[i] = (float) (c - 0.5 * q);
    }
  }

  @Override
  public void backward(float[] dLogp, int rows, float[] dMu) {
    for (int i = 0; i < rows; i++) {
      float g = dLogp[i];
      gSum += g;
      for (int j = 0; j < k; j++) dMu[i * k + j] = g * y[i * k + j];
    }
    // Σ_i g_i·y_i·y_iᵀ = yᵀ·dMu
    gemm.gemm(true, false, k, k, rows, 1f, y, 0, k, dMu, 0, k, 0f, yyAcc, 0, k);
    for (int i = 0; i < k * k; i++) mAcc[i] += yyAcc[i];
  }

  @Override
  public void finishBackward() {
    double[] mm = new double[k * k];
    for (int a = 0; a < k; a++)
      for (int b = 0; b < k; b++)
        mm[a * k + b] =
            0.5 * (0.5 * (mAcc[a * k + b] + mAcc[b * k + a]) - gSum * sigmaInv[a * k + b]);
    float[] w = weight.value, gw = weight.grad, ls = logStd.value, gl = logStd.grad;
    // MW = M·W [k×d]
    double[] mw = new double[k * d];
    for (int a = 0; a < k; a++)
      for (int b = 0; b < k; b++) {
        double m = mm[a * k + b];
        if (m == 0) continue;
        int ob = b * d, oa = a * d;
        for (int j = 0; j < d; j++) mw[oa + j] += m * w[ob + j];
      }
    for (int j = 0; j < d; j++) {
      double vz = StrictMath.exp(2.0 * ls[k + j]), dvz = 0;
      for (int a = 0; a < k; a++) {
        gw[a * d + j] += (float) (2 * mw[a * d + j] * vz);
        dvz += w[a * d + j] * mw[a * d + j];
      }
      gl[k + j] += (float) (2 * vz * dvz);
    }
    for (int a = 0; a < k; a++) gl[a] += (float) (2 * StrictMath.exp(2.0 * ls[a]) * mm[a * k + a]);
    java.util.Arrays.fill(mAcc, 0);
    gSum = 0;
  }

  @Override
  public void sample(float[] mu, int rows, Rng rng, float[] out) {
    for (int i = 0; i < rows; i++) {
      rng.fillGaussian(eps, 0, k);
      for (int a = 0; a < k; a++) {
        float s = mu[i * k + a];
        for (int b = 0; b <= a; b++) s += cholF[a * k + b] * eps[b];
        out[i * k + a] = s;
      }
    }
  }

  @Override
  public double entropy() {
    return 0.5 * (k * (1 + LOG_2PI) + logDet);
  }

  /** Lower-triangular L with A = L·Lᵀ; false when A is not positive definite (or not finite). */
  static boolean cholesky(double[] a, double[] l, int n) {
    java.util.Arrays.fill(l, 0);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int p = 0; p < j; p++) s -= l[i * n + p] * l[j * n + p];
        if (i == j) {
          if (!(s > 0) || s == Double.POSITIVE_INFINITY) return false;
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    return true;
  }

  /** A⁻¹ = L⁻ᵀ·L⁻¹ from the Cholesky factor. */
  static void invertFromCholesky(double[] l, double[] inv, int n) {
    double[] li = new double[n * n];
    for (int j = 0; j < n; j++) {
      li[j * n + j] = 1 / l[j * n + j];
      for (int i = j + 1; i < n; i++) {
        double s = 0;
        for (int p = j; p < i; p++) s -= l[i * n + p] * li[p * n + j];
        li[i * n + j] = s / l[i * n + i];
      }
    }
    for (int a = 0; a < n; a++)
      for (int b = 0; b <= a; b++) {
        double s = 0;
        for (int p = a; p < n; p++) s += li[p * n + a] * li[p * n + b];
        inv[a * n + b] = s;
        inv[b * n + a] = s;
      }
  }
}
