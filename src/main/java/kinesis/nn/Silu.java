package kinesis.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SiLU (x·sigmoid(x)) and its derivative, vectorised. The exponential is our own (range reduction
 * and a degree-6 polynomial, relative error below 2e-7) built from add/mul/fma only, so results are
 * bit-identical whether the Vector API runs interpreted or compiled — {@code lanewise(EXP)} is not,
 * and a run must be reproducible bit for bit.
 */
@SuppressWarnings("FloatingPointLiteralPrecision") // constants as published; javac rounds to float
public final class Silu {
  private Silu() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final float LOG2E = 1.44269504f,
      LN2_HI = 0.693359375f,
      LN2_LO = -2.12194440e-4f,
      MAGIC = 12582912f;

  /** e^x for each lane, x clamped to [−87, 88]. */
  static FloatVector exp(FloatVector x) {
    x = x.max(-87f).min(88f);
    FloatVector t = x.fma(LOG2E, MAGIC); // round(x·log2 e) in the low mantissa bits
    FloatVector n = t.sub(MAGIC);
    FloatVector r = n.fma(c(-LN2_HI), x);
    r = n.fma(c(-LN2_LO), r); // r = x − n·ln 2, |r| ≤ 0.35
    FloatVector p = r.fma(1.3888889e-3f, 8.3333333e-3f);
    p = p.fma(r, c(4.1666667e-2f));
    p = p.fma(r, c(1.6666667e-1f));
    p = p.fma(r, c(0.5f));
    p = p.fma(r, c(1f));
    p = p.fma(r, c(1f));
    IntVector bits =
        n.convert(VectorOperators.F2I, 0)
            .reinterpretAsInts()
            .add(127)
            .lanewise(VectorOperators.LSHL, 23);
    return p.mul(bits.reinterpretAsFloats());
  }

  private static FloatVector c(float v) {
    return FloatVector.broadcast(S, v);
  }

  /**
   * The same function for one value (used for tails, so that every element gets identical results).
   */
  static float exp(float x) {
    x = Math.max(-87f, Math.min(88f, x));
    float t = Math.fma(x, LOG2E, MAGIC), n = t - MAGIC;
    float r = Math.fma(n, -LN2_HI, x);
    r = Math.fma(n, -LN2_LO, r);
    float p = Math.fma(r, 1.3888889e-3f, 8.3333333e-3f);
    p = Math.fma(p, r, 4.1666667e-2f);
    p = Math.fma(p, r, 1.6666667e-1f);
    p = Math.fma(p, r, 0.5f);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    return p * Float.intBitsToFloat(((int) n + 127) << 23);
  }

  /** out[i] = z[i]·σ(z[i]) for i in [0, n). */
  public static void forward(float[] z, float[] out, int n) {
    forward(z, out, 0, n);
  }

  /** out[i] = z[i]·σ(z[i]) for i in [from, to). */
  public static void forward(float[] z, float[] out, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, z, i);
      v.div(exp(v.neg()).add(1f)).intoArray(out, i);
    }
    for (; i < to; i++) out[i] = z[i] / (exp(-z[i]) + 1f);
  }

  /** g[i] ← g[i]·silu'(z[i]) with silu'(z) = σ(z)·(1 + z·(1 − σ(z))) for i in [from, to). */
  public static void backward(float[] z, float[] g, int from, int to) {
    int i = from;
    for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, z, i);
      FloatVector sig = FloatVector.broadcast(S, 1f).div(exp(v.neg()).add(1f));
      FloatVector d = sig.mul(v.mul(sig.neg().add(1f)).add(1f));
      FloatVector.fromArray(S, g, i).mul(d).intoArray(g, i);
    }
    for (; i < to; i++) {
      float s = 1f / (exp(-z[i]) + 1f);
      g[i] = g[i] * (s * (z[i] * (1f - s) + 1f));
    }
  }
}
