package kinesis.task;

/**
 * SplitMix64: a tiny random stream whose whole state is one {@code long}, so environments can
 * snapshot and restore it exactly. One stream per environment keeps runs independent of threads.
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /** A stream for environment {@code index} of a run seeded with {@code seed}. */
  public static Rng forEnv(long seed, int index) {
    Rng r = new Rng(seed ^ 0x5DEECE66DL);
    long mixed = r.nextLong() + 0x9E3779B97F4A7C15L * (index + 1L);
    return new Rng(new Rng(mixed).nextLong());
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  public long state() {
    return state;
  }

  public void setState(long s) {
    state = s;
  }
}
