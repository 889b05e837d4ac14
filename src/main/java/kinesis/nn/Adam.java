package kinesis.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam as PyTorch computes it (β 0.9/0.999, weight decay 0): m, v moments, bias corrections, p ← p
 * − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + eps).
 */
public final class Adam {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private final List<Param> params;
  private final float[][] m, v;
  public final double beta1, beta2, eps;
  private double lr;
  private long step;

  /** The current learning rate. */
  public double lr() {
    return lr;
  }

  /** Changes the learning rate from the next step on (adaptive schedules). */
  public void setLr(double lr) {
    if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive: " + lr);
    this.lr = lr;
  }

  public Adam(List<Param> params, double lr, double eps) {
    this(params, lr, 0.9, 0.999, eps);
  }

  public Adam(List<Param> params, double lr, double beta1, double beta2, double eps) {
    this.params = List.copyOf(params);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    m = new float[params.size()][];
    v = new float[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      m[i] = new float[params.get(i).size()];
      v[i] = new float[params.get(i).size()];
    }
  }

  public long steps() {
    return step;
  }

  public void step() {
    step++;
    double bc1 = 1 - Math.pow(beta1, (double) step), bc2 = 1 - Math.pow(beta2, (double) step);
    float stepSize = (float) (lr / bc1), invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
    float b1 = (float) beta1,
        b2 = (float) beta2,
        c1 = (float) (1 - beta1),
        c2 = (float) (1 - beta2),
        e = (float) eps;
    for (int p = 0; p < params.size(); p++) {
      float[] w = params.get(p).value, g = params.get(p).grad, mp = m[p], vp = v[p];
      int i = 0;
      for (int bound = S.loopBound(w.length); i < bound; i += S.length()) {
        FloatVector gi = FloatVector.fromArray(S, g, i);
        FloatVector mi = FloatVector.fromArray(S, mp, i).mul(b1).add(gi.mul(c1));
        FloatVector vi = FloatVector.fromArray(S, vp, i).mul(b2).add(gi.mul(gi).mul(c2));
        mi.intoArray(mp, i);
        vi.intoArray(vp, i);
        FloatVector denom = vi.sqrt().mul(invSqrtBc2).add(e);
        FloatVector.fromArray(S, w, i).sub(mi.mul(stepSize).div(denom)).intoArray(w, i);
      }
      for (; i < w.length; i++) {
        float gi = g[i];
        float mi = b1 * mp[i] + gi * c1;
        float vi = b2 * vp[i] + gi * gi * c2;
        mp[i] = mi;
        vp[i] = vi;
        w[i] -= mi * stepSize / ((float) Math.sqrt(vi) * invSqrtBc2 + e);
      }
    }
  }

  /** Moments and step count, keyed by parameter name, for checkpoints. */
  public Map<String, Object> state(String prefix) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(prefix + "step", new long[] {step});
    for (int p = 0; p < params.size(); p++) {
      s.put(prefix + "m." + params.get(p).name, m[p].clone());
      s.put(prefix + "v." + params.get(p).name, v[p].clone());
    }
    return s;
  }

  public void load(Map<String, Object> s, String prefix) {
    step = TensorFile.longs(s, prefix + "step", 1)[0];
    for (int p = 0; p < params.size(); p++) {
      System.arraycopy(
          TensorFile.floats(s, prefix + "m." + params.get(p).name, m[p].length),
          0,
          m[p],
          0,
          m[p].length);
      System.arraycopy(
          TensorFile.floats(s, prefix + "v." + params.get(p).name, v[p].length),
          0,
          v[p],
          0,
          v[p].length);
    }
  }
}
