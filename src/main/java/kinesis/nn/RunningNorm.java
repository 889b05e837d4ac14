package kinesis.nn;

import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Observation normaliser of the KINESIS policy (reference §4.3). Until the first update the input
 * passes through unchanged; afterwards y = clip((x − mean)/(std + 1e-8), −5, 5). An update with a
 * batch of m rows (mean_X, biased var_X) and w = n/(n+m): var ← w·var + (1−w)·var_X + w(1−w)(mean_X
 * − mean)², mean ← w·mean + (1−w)·mean_X, std = √var, n ← n + m. Updated only during PPO updates,
 * never during rollouts.
 */
public final class RunningNorm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  public static final float CLIP = 5f;
  public final int dim;
  private long n;
  private final float[] mean, var, std;
  private final double[] bMean, bVar;

  public RunningNorm(int dim) {
    this.dim = dim;
    mean = new float[dim];
    var = new float[dim];
    std = new float[dim];
    bMean = new double[dim];
    bVar = new double[dim];
  }

  public long count() {
    return n;
  }

  public float[] mean() {
    return mean;
  }

  public float[] std() {
    return std;
  }

  /** Folds {@code rows} rows of {@code x} (starting at {@code off}) into the statistics. */
  public void update(float[] x, int off, int rows) {
    if (rows == 0) return;
    java.util.Arrays.fill(bMean, 0);
    java.util.Arrays.fill(bVar, 0);
    for (int r = 0; r < rows; r++) {
      int o = off + r * dim;
      for (int j = 0; j < dim; j++) bMean[j] += x[o + j];
    }
    for (int j = 0; j < dim; j++) bMean[j] /= rows;
    for (int r = 0; r < rows; r++) {
      int o = off + r * dim;
      for (int j = 0; j < dim; j++) {
        double d = x[o + j] - bMean[j];
        bVar[j] += d * d;
      }
    }
    double w = (double) n / (n + rows);
    for (int j = 0; j < dim; j++) {
      double vx = bVar[j] / rows, dm = bMean[j] - mean[j];
      var[j] = (float) (w * var[j] + (1 - w) * vx + w * (1 - w) * dm * dm);
      mean[j] = (float) (w * mean[j] + (1 - w) * bMean[j]);
      std[j] = (float) Math.sqrt(var[j]);
    }
    n += rows;
  }

  /** Writes the normalised rows into {@code out} (same layout, starting at 0). */
  public void apply(float[] x, int off, int rows, float[] out) {
    if (n == 0) {
      System.arraycopy(x, off, out, 0, rows * dim);
      return;
    }
    // vectorised; per element the same float operations as the scalar tail, so the same bits
    int bound = S.loopBound(dim);
    for (int r = 0; r < rows; r++) {
      int o = off + r * dim, p = r * dim, j = 0;
      for (; j < bound; j += S.length()) {
        FloatVector y =
            FloatVector.fromArray(S, x, o + j)
                .sub(FloatVector.fromArray(S, mean, j))
                .div(FloatVector.fromArray(S, std, j).add(1e-8f));
        y.min(CLIP).max(-CLIP).intoArray(out, p + j);
      }
      for (; j < dim; j++) {
        float y = (x[o + j] - mean[j]) / (std[j] + 1e-8f);
        out[p + j] = Math.max(-CLIP, Math.min(CLIP, y));
      }
    }
  }

  public void save(Map<String, Object> s, String prefix) {
    s.put(prefix + "n", new long[] {n});
    s.put(prefix + "mean", mean.clone());
    s.put(prefix + "var", var.clone());
    s.put(prefix + "std", std.clone());
  }

  public void load(Map<String, Object> s, String prefix) {
    n = TensorFile.longs(s, prefix + "n", 1)[0];
    System.arraycopy(TensorFile.floats(s, prefix + "mean", dim), 0, mean, 0, dim);
    System.arraycopy(TensorFile.floats(s, prefix + "var", dim), 0, var, 0, dim);
    System.arraycopy(TensorFile.floats(s, prefix + "std", dim), 0, std, 0, dim);
  }
}
