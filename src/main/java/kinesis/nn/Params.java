package kinesis.nn;

import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Operations over lists of parameters: zeroing gradients, global gradient norm and clipping,
 * checks.
 */
public final class Params {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private Params() {}

  public static void zeroGrad(List<Param> ps) {
    for (Param p : ps) Arrays.fill(p.grad, 0f);
  }

  /**
   * Euclidean norm of all gradients together (float blocks of 1,024 summed in double, in a fixed
   * order).
   */
  public static double gradNorm(List<Param> ps) {
    double s = 0;
    int lanes = S.length();
    for (Param p : ps) {
      float[] g = p.grad;
      int i = 0;
      for (int bound = S.loopBound(g.length); i < bound; ) {
        FloatVector acc = FloatVector.zero(S);
        for (int end = Math.min(bound, i + 1024); i < end; i += lanes) {
          FloatVector v = FloatVector.fromArray(S, g, i);
          acc = v.fma(v, acc);
        }
        for (int l = 0; l < lanes; l++) s += acc.lane(l);
      }
      for (; i < g.length; i++) s += (double) g[i] * g[i];
    }
    return Math.sqrt(s);
  }

  /**
   * Scales all gradients so their global norm is at most {@code maxNorm}, as PyTorch's {@code
   * clip_grad_norm_} (coefficient max/(norm + 1e-6), applied when below 1). Returns the norm before
   * clipping.
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
