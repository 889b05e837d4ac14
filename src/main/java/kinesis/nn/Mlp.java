package kinesis.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-layer perceptron in → hidden… → out with SiLU after every hidden layer (the trunk) and a
 * linear head (weights ×0.1, bias 0). {@link #forward} keeps the pre-activations of the rows it was
 * given so that {@link #backward} can accumulate parameter gradients; buffers grow to the largest
 * row count seen and are reused (no allocation on a steady path).
 */
public final class Mlp {
  private final Linear[] layers;
  private final Gemm gemm;
  public final int in, out;
  private final int maxWidth;
  private float[][] z, act; // per layer: pre-activation and SiLU output (hidden layers)
  private float[] gradA, gradB;
  private int capacity, lastRows;
  private float[] lastX;
  private int lastXOff;

  public Mlp(String name, int in, int[] hidden, int out, Rng rng, Gemm gemm) {
    this.in = in;
    this.out = out;
    this.gemm = gemm;
    layers = new Linear[hidden.length + 1];
    int prev = in, widest = out;
    for (int l = 0; l < hidden.length; l++) {
      layers[l] = new Linear(name + ".trunk." + l, prev, hidden[l], rng);
      prev = hidden[l];
      widest = Math.max(widest, prev);
    }
    layers[hidden.length] = Linear.head(name + ".head", prev, out, rng);
    maxWidth = widest;
    z = new float[layers.length][0];
    act = new float[layers.length][0];
  }

  public Linear head() {
    return layers[layers.length - 1];
  }

  public Linear layer(int l) {
    return layers[l];
  }

  public int numLayers() {
    return layers.length;
  }

  public List<Param> params() {
    List<Param> ps = new ArrayList<>();
    for (Linear l : layers) {
      ps.add(l.weight);
      ps.add(l.bias);
    }
    return ps;
  }

  /** Multiply-adds of one forward pass per row. */
  public long macsPerRow() {
    long s = 0;
    for (Linear l : layers) s += (long) l.in * l.out;
    return s;
  }

  private void ensure(int rows) {
    if (rows <= capacity) return;
    for (int l = 0; l < layers.length; l++) {
      z[l] = new float[rows * layers[l].out];
      act[l] = l < layers.length - 1 ? new float[rows * layers[l].out] : null;
    }
    gradA = new float[rows * maxWidth];
    gradB = new float[rows * maxWidth];
    capacity = rows;
  }

  /**
   * Forward pass over {@code rows} rows of {@code x} starting at {@code xOff}; returns the buffer
   * holding the outputs in its first rows·out entries (valid until the next call). {@code x} must
   * not change before {@link #backward}.
   */
  public float[] forward(float[] x, int xOff, int rows) {
    ensure(rows);
    float[] input = x;
    int inOff = xOff;
    for (int l = 0; l < layers.length; l++) {
      layers[l].forward(gemm, input, inOff, rows, z[l]);
      if (l < layers.length - 1) {
        float[] zl = z[l], al = act[l];
        gemm.forRanges(rows * layers[l].out, (from, to) -> Silu.forward(zl, al, from, to));
        input = act[l];
        inOff = 0;
      }
    }
    lastX = x;
    lastXOff = xOff;
    lastRows = rows;
    return z[layers.length - 1];
  }

  /**
   * Accumulates parameter gradients for dL/d(output) {@code dOut[rows×out]} of the last forward
   * pass.
   */
  public void backward(float[] dOut, int rows) {
    if (rows != lastRows)
      throw new IllegalStateException(
          "backward over " + rows + " rows after forward over " + lastRows);
    float[] dz = dOut;
    for (int l = layers.length - 1; l >= 0; l--) {
      float[] input = l == 0 ? lastX : act[l - 1];
      int inOff = l == 0 ? lastXOff : 0;
      float[] dx = l == 0 ? null : (dz == gradA ? gradB : gradA);
      layers[l].backward(gemm, input, inOff, dz, rows, dx);
      if (l > 0) {
        float[] zl = z[l - 1];
        gemm.forRanges(rows * layers[l - 1].out, (from, to) -> Silu.backward(zl, dx, from, to));
        dz = dx;
      }
    }
  }
}
