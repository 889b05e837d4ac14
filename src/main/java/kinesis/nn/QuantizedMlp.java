package kinesis.nn;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * An inference-only copy of an {@link Mlp} whose weights are 8- or 16-bit integers with one float
 * scale per output row: y_o = scale_o · Σ_i q_oi · x_i + b_o (SiLU between layers, as the MLP).
 * Batch-1 inference is bound by the bytes of weights read per action, so this reads 4× (int8) or 2×
 * (int16) less than float32. Biases stay float32. Not thread-safe (one per controller).
 */
public final class QuantizedMlp {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));
  private static final VectorSpecies<Short> H =
      VectorSpecies.of(short.class, VectorShape.forBitSize(F.length() * 16));

  private final Precision precision;
  private final int[] in, out;
  private final byte[][] q8;
  private final short[][] q16;
  private final float[][] scale, bias, buf;

  public QuantizedMlp(Mlp m, Precision p) {
    if (p == Precision.FLOAT32)
      throw new IllegalArgumentException("float32 needs no quantised copy");
    precision = p;
    int n = m.numLayers();
    in = new int[n];
    out = new int[n];
    q8 = new byte[n][];
    q16 = new short[n][];
    scale = new float[n][];
    bias = new float[n][];
    buf = new float[n][];
    for (int l = 0; l < n; l++) {
      Linear layer = m.layer(l);
      in[l] = layer.in;
      out[l] = layer.out;
      bias[l] = layer.bias.value.clone();
      buf[l] = new float[layer.out];
      scale[l] = new float[layer.out];
      float[] w = layer.weight.value;
      if (p == Precision.INT8) q8[l] = new byte[w.length];
      else q16[l] = new short[w.length];
      for (int o = 0; o < layer.out; o++) {
        float max = 0;
        for (int i = 0; i < layer.in; i++) max = Math.max(max, Math.abs(w[o * layer.in + i]));
        float s = max > 0 ? max / p.levels : 1;
        scale[l][o] = s;
        for (int i = 0; i < layer.in; i++) {
          int v = Math.round(w[o * layer.in + i] / s);
          if (p == Precision.INT8) q8[l][o * layer.in + i] = (byte) v;
          else q16[l][o * layer.in + i] = (short) v;
        }
      }
    }
  }

  public Precision precision() {
    return precision;
  }

  /** Bytes of weights read per forward pass of one row (integers, scales and biases). */
  public long weightBytes() {
    long b = 0;
    for (int l = 0; l < in.length; l++)
      b += (long) in[l] * out[l] * (precision == Precision.INT8 ? 1 : 2) + 8L * out[l];
    return b;
  }

  /** Output of one row {@code x[off..off+in)}; the returned buffer is valid until the next call. */
  public float[] forward(float[] x, int off) {
    float[] input = x;
    int inOff = off;
    for (int l = 0; l < in.length; l++) {
      float[] y = buf[l];
      for (int o = 0; o < out[l]; o++) {
        float dot =
            precision == Precision.INT8
                ? dot8(q8[l], o * in[l], input, inOff, in[l])
                : dot16(q16[l], o * in[l], input, inOff, in[l]);
        y[o] = scale[l][o] * dot + bias[l][o];
      }
      if (l < in.length - 1) Silu.forward(y, y, out[l]);
      input = y;
      inOff = 0;
    }
    return buf[in.length - 1];
  }

  private static float dot8(byte[] q, int qo, float[] x, int xo, int n) {
    FloatVector acc = FloatVector.zero(F);
    int i = 0, step = F.length();
    for (; i <= n - step; i += step) {
      FloatVector w =
          (FloatVector) ByteVector.fromArray(B, q, qo + i).convertShape(VectorOperators.B2F, F, 0);
      acc = w.fma(FloatVector.fromArray(F, x, xo + i), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += q[qo + i] * x[xo + i];
    return s;
  }

  private static float dot16(short[] q, int qo, float[] x, int xo, int n) {
    FloatVector acc = FloatVector.zero(F);
    int i = 0, step = F.length();
    for (; i <= n - step; i += step) {
      FloatVector w =
          (FloatVector) ShortVector.fromArray(H, q, qo + i).convertShape(VectorOperators.S2F, F, 0);
      acc = w.fma(FloatVector.fromArray(F, x, xo + i), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) s += q[qo + i] * x[xo + i];
    return s;
  }
}
