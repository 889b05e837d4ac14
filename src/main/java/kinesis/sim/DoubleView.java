package kinesis.sim;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.MemorySegment;

/**
 * A typed view of a native {@code mjtNum} array (rows × cols, row-major) inside mjModel or mjData.
 * Reads and writes go straight to native memory; no copies are made unless asked.
 */
public final class DoubleView {
  private final MemorySegment seg;
  public final int rows;
  public final int cols;

  DoubleView(MemorySegment seg, int rows, int cols) {
    this.seg = seg;
    this.rows = rows;
    this.cols = cols;
  }

  public int length() {
    return rows * cols;
  }

  public double get(int i) {
    return seg.getAtIndex(JAVA_DOUBLE, i);
  }

  public double get(int row, int col) {
    return seg.getAtIndex(JAVA_DOUBLE, (long) row * cols + col);
  }

  public void set(int i, double v) {
    seg.setAtIndex(JAVA_DOUBLE, i, v);
  }

  public void set(int row, int col, double v) {
    seg.setAtIndex(JAVA_DOUBLE, (long) row * cols + col, v);
  }

  /** Copies the whole array into {@code dst} starting at {@code offset}. */
  public void copyTo(double[] dst, int offset) {
    MemorySegment.copy(seg, JAVA_DOUBLE, 0, dst, offset, length());
  }

  /** Copies {@code count} values starting at element {@code from} into {@code dst[offset..]}. */
  public void copyTo(int from, double[] dst, int offset, int count) {
    MemorySegment.copy(seg, JAVA_DOUBLE, (long) from * 8, dst, offset, count);
  }

  /** Overwrites the whole array from {@code src[offset..]}. */
  public void copyFrom(double[] src, int offset) {
    MemorySegment.copy(src, offset, seg, JAVA_DOUBLE, 0, length());
  }

  /** A fresh Java copy of the array. */
  public double[] toArray() {
    double[] a = new double[length()];
    copyTo(a, 0);
    return a;
  }

  /** One row as a fresh Java array. */
  public double[] row(int r) {
    double[] a = new double[cols];
    copyTo(r * cols, a, 0, cols);
    return a;
  }

  /** The underlying native segment (for passing to MuJoCo functions). */
  public MemorySegment segment() {
    return seg;
  }
}
