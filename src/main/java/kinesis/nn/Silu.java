package kinesis.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SiLU (x·sigmoid(x)) and its derivative, vectorised. */
public final class Silu {
  private Silu() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /** out[i] = z[i]·σ(z[i]) for i in [0, n). */
  public static void forward(float[] z, float[] out, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, z, i);
      v.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(out, i);
    }
    for (; i < n; i++) out[i] = (float) (z[i] / (1.0 + Math.exp(-z[i])));
  }

  /** g[i] ← g[i]·silu'(z[i]) with silu'(z) = σ(z)·(1 + z·(1 − σ(z))), in place. */
  public static void backward(float[] z, float[] g, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, z, i);
      FloatVector sig = v.neg().lanewise(VectorOperators.EXP).add(1f);
      sig = FloatVector.broadcast(S, 1f).div(sig);
      FloatVector d = sig.mul(v.mul(sig.neg().add(1f)).add(1f));
      FloatVector.fromArray(S, g, i).mul(d).intoArray(g, i);
    }
    for (; i < n; i++) {
      double s = 1.0 / (1.0 + Math.exp(-z[i]));
      g[i] = (float) (g[i] * s * (1 + z[i] * (1 - s)));
    }
  }
}
