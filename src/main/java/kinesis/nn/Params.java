package kinesis.nn;

import java.util.Arrays;
import java.util.List;

/** Operations over lists of parameters: zeroing gradients, global gradient norm and clipping, checks. */
public final class Params {
  private Params() {}

  public static void zeroGrad(List<Param> ps) {
    for (Param p : ps) Arrays.fill(p.grad, 0f);
  }

  /** Euclidean norm of all gradients together (accumulated in double). */
  public static double gradNorm(List<Param> ps) {
    double s = 0;
    for (Param p : ps) {
      float[] g = p.grad;
      for (float v : g) s += (double) v * v;
    }
    return Math.sqrt(s);
  }

  /**
   * Scales all gradients so their global norm is at most {@code maxNorm}, as PyTorch's
   * {@code clip_grad_norm_} (coefficient max/(norm + 1e-6), applied when below 1). Returns the norm before clipping.
   */
  public static double clipGradNorm(List<Param> ps, double maxNorm) {
    double norm = gradNorm(ps);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      float c = (float) coef;
      for (Param p : ps) {
        float[] g = p.grad;
        for (int i = 0; i < g.length; i++) g[i] *= c;
      }
    }
    return norm;
  }

  /** True when every value is finite. */
  public static boolean allFinite(List<Param> ps) {
    for (Param p : ps) if (!allFinite(p.value)) return false;
    return true;
  }

  public static boolean allFinite(float[] x) {
    for (float v : x) if (!Float.isFinite(v)) return false;
    return true;
  }

  public static long count(List<Param> ps) {
    long n = 0;
    for (Param p : ps) n += p.size();
    return n;
  }
}
