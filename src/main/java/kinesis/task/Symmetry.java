package kinesis.task;

/**
 * A left/right mirror of a task: maps an observation and an action to those of the mirrored
 * situation. Each map is a signed permutation, so applying it twice gives the input back. Training
 * uses it for a mirror-symmetry loss (the reference motion's mirror image is as valid a motion as
 * the reference itself, so the policy should treat left and right alike).
 */
public interface Symmetry {
  /**
   * Writes the mirror images of rows [row, row + rows) of {@code src[][obsDim]} into {@code dst}
   * from row 0.
   */
  void mirrorObservations(float[] src, int row, float[] dst, int rows);

  /**
   * Writes the mirror images of rows [row, row + rows) of {@code src[][actionDim]} into {@code dst}
   * from row 0.
   */
  void mirrorActions(float[] src, int row, float[] dst, int rows);

  /** A signed permutation of rows: {@code dst[r][i] = sign[i] · src[row + r][from[i]]}. */
  static void permute(int[] from, float[] sign, float[] src, int row, float[] dst, int rows) {
    int d = from.length;
    for (int r = 0; r < rows; r++) {
      int o = r * d, so = (row + r) * d;
      for (int i = 0; i < d; i++) dst[o + i] = sign[i] * src[so + from[i]];
    }
  }
}
