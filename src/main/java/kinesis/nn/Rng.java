package kinesis.nn;

/**
 * xoshiro256** random numbers with a state of four longs that checkpoints save and restore, so a
 * resumed run draws exactly the same numbers. Gaussians by Box–Muller, two at a time, with {@code
 * StrictMath} so that results never depend on JIT intrinsics. Not the same generator as {@code
 * kinesis.task.Rng} (SplitMix64, one long of state, in environment snapshots): each is part of its
 * saved format, so merging them would change every checkpoint's numbers.
 */
public final class Rng {
  private long s0, s1, s2, s3;

  public Rng(long seed) {
    long x = seed;
    s0 = splitMix(x += 0x9E3779B97F4A7C15L);
    s1 = splitMix(x += 0x9E3779B97F4A7C15L);
    s2 = splitMix(x += 0x9E3779B97F4A7C15L);
    s3 = splitMix(x += 0x9E3779B97F4A7C15L);
  }

  private static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound). */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  /** Uniform in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Fills {@code out[off, off+len)} with standard normal samples. */
  public void fillGaussian(float[] out, int off, int len) {
    for (int i = 0; i < len; i += 2) {
      double u1 = 1.0 - nextDouble(), u2 = nextDouble();
      double r = Math.sqrt(-2 * StrictMath.log(u1)), a = 2 * Math.PI * u2;
      out[off + i] = (float) (r * StrictMath.cos(a));
      if (i + 1 < len) out[off + i + 1] = (float) (r * StrictMath.sin(a));
    }
  }

  /** Shuffles {@code idx} in place (Fisher–Yates). */
  public void shuffle(int[] idx) {
    for (int i = idx.length - 1; i > 0; i--) {
      int j = nextInt(i + 1), t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
  }

  public long[] state() {
    return new long[] {s0, s1, s2, s3};
  }

  public void setState(long[] s) {
    if (s.length != 4)
      throw new IllegalArgumentException("Rng state needs 4 longs, got " + s.length);
    s0 = s[0];
    s1 = s[1];
    s2 = s[2];
    s3 = s[3];
  }
}
