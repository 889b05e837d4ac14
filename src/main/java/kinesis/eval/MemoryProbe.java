package kinesis.eval;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-bandwidth reference of a benchmark, measured in the same run: the best time of a
 * streaming read (vector loads, summed so that they cannot be skipped) of a given number of bytes.
 * Batch-1 inference cannot read its weights faster than this.
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED;
  static volatile long sink;

  /** Best seconds over {@code passes} reads of {@code bytes} bytes (after two warm-up passes). */
  // sink += is not atomic, and need not be: the sink is never read, it only keeps the JIT from
  // dropping the reads
  @SuppressWarnings("NonAtomicVolatileUpdate")
  public static double secondsToRead(long bytes, int passes) {
    if (bytes > Integer.MAX_VALUE - 64)
      throw new IllegalArgumentException("probe larger than one array: " + bytes);
    byte[] a = new byte[(int) bytes];
    for (int i = 0; i < a.length; i += 4096) a[i] = (byte) i;
    double best = Double.POSITIVE_INFINITY;
    for (int p = -2; p < passes; p++) {
      long t0 = System.nanoTime();
      sink += read(a);
      double s = (System.nanoTime() - t0) * 1e-9;
      if (p >= 0) best = Math.min(best, s);
    }
    return best;
  }

  private static long read(byte[] a) {
    ByteVector acc = ByteVector.zero(B);
    int i = 0;
    for (int bound = B.loopBound(a.length); i < bound; i += B.length())
      acc = acc.add(ByteVector.fromArray(B, a, i));
    long s = acc.reduceLanesToLong(VectorOperators.ADD);
    for (; i < a.length; i++) s += a[i];
    return s;
  }
}
