package kinesis.sim;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;

/** A typed read-only view of a native {@code int} array (rows × cols) inside mjModel. */
public final class IntView {
  private final MemorySegment seg;
  public final int rows;
  public final int cols;

  IntView(MemorySegment seg, int rows, int cols) {
    this.seg = seg;
    this.rows = rows;
    this.cols = cols;
  }

  public int length() {
    return rows * cols;
  }

  public int get(int i) {
    return seg.getAtIndex(JAVA_INT, i);
  }

  public int get(int row, int col) {
    return seg.getAtIndex(JAVA_INT, (long) row * cols + col);
  }

  public int[] toArray() {
    return seg.asSlice(0, 4L * length()).toArray(JAVA_INT);
  }
}
