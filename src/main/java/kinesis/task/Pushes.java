package kinesis.task;

/**
 * Random shoves during training (a training-only aid of {@link Curriculum}): an episode is cut into
 * windows of {@link #WINDOW} control steps, and each window holds a push with probability WINDOW·dt
 * / {@code push_every}. A push is a constant horizontal force on the root body for the whole
 * window, of random direction, sized to change the body's velocity by between half of and all of
 * {@code push} m/s.
 *
 * <p>Whether and how a window pushes is a hash of (environment, episode, window), not a draw from
 * the environment's random stream: runs without pushes are unchanged, and a run resumed from a
 * snapshot pushes exactly as the uninterrupted run would have.
 */
final class Pushes {
  /** Control steps per push (0.1 s at 30 Hz). */
  static final int WINDOW = 3;

  private Pushes() {}

  /**
   * Writes the horizontal force (N, world x and y) of window {@code window} of episode {@code
   * episode} of environment {@code env} into {@code f[0..1]}; returns false (and writes zeros) when
   * that window does not push.
   *
   * @param mass body mass, kg
   * @param dt seconds per control step
   */
  static boolean force(
      Curriculum c, double mass, double dt, int env, long episode, int window, double[] f) {
    f[0] = f[1] = 0;
    if (c.push() <= 0) return false;
    long h = mix(mix(mix(env) + episode) + window);
    double chance = Math.min(1, WINDOW * dt / c.pushEvery());
    if (unit(h) >= chance) return false;
    double dv = c.push() * (0.5 + 0.5 * unit(mix(h + 1))),
        angle = 2 * Math.PI * unit(mix(h + 2)),
        magnitude = mass * dv / (WINDOW * dt);
    f[0] = magnitude * Math.cos(angle);
    f[1] = magnitude * Math.sin(angle);
    return true;
  }

  /** SplitMix64's finaliser: a well-spread 64-bit hash. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The top 53 bits as a double in [0, 1). */
  private static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }
}
