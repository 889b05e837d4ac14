package kinesis.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * y = x·Wᵀ + b with W stored [out][in] (PyTorch layout). Initialised like PyTorch's default ({@code
 * kaiming_uniform(a=√5)}: W and b uniform in ±1/√in); {@link #head} scales W by 0.1 and zeroes b.
 */
public final class Linear {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  public final int in, out;
  public final Param weight, bias;

  public Linear(String name, int in, int out, Rng rng) {
    this.in = in;
    this.out = out;
    weight = new Param(name + ".weight", out * in);
    bias = new Param(name + ".bias", out);
    double bound = 1 / Math.sqrt(in);
    for (int i = 0; i < weight.value.length; i++)
      weight.value[i] = (float) rng.uniform(-bound, bound);
    for (int i = 0; i < out; i++) bias.value[i] = (float) rng.uniform(-bound, bound);
  }

  /** Output layer: default init, weights ×0.1, bias 0. */
  public static Linear head(String name, int in, int out, Rng rng) {
    Linear l = new Linear(name, in, out, rng);
    for (int i = 0; i < l.weight.value.length; i++) l.weight.value[i] *= 0.1f;
    java.util.Arrays.fill(l.bias.value, 0f);
    return l;
  }

  /** y[rows×out] = x[rows×in]·Wᵀ + b. */
  public void forward(Gemm g, float[] x, int xOff, int rows, float[] y) {
    for (int r = 0; r < rows; r++) System.arraycopy(bias.value, 0, y, r * out, out);
    g.gemm(false, true, rows, out, in, 1f, x, xOff, in, weight.value, 0, in, 1f, y, 0, out);
  }

  /** Accumulates dW += dyᵀ·x and db += Σ_rows dy; writes dx = dy·W when {@code dx} is not null. */
  public void backward(Gemm g, float[] x, int xOff, float[] dy, int rows, float[] dx) {
    g.gemm(true, false, out, in, rows, 1f, dy, 0, out, x, xOff, in, 1f, weight.grad, 0, in);
    float[] db = bias.grad;
    int bound = S.loopBound(out);
    for (int r = 0; r < rows; r++) {
      int o = r * out, j = 0;
      for (; j < bound; j += S.length()) {
        FloatVector.fromArray(S, db, j).add(FloatVector.fromArray(S, dy, o + j)).intoArray(db, j);
      }
      for (; j < out; j++) db[j] += dy[o + j];
    }
    if (dx != null)
      g.gemm(false, false, rows, in, out, 1f, dy, 0, out, weight.value, 0, in, 0f, dx, 0, in);
  }
}
