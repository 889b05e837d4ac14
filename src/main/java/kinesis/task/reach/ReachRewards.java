package kinesis.task.reach;

/**
 * The goal-reaching reward (kinesis-reference.md §6.1) as pure functions of the distances and
 * terms.
 */
public final class ReachRewards {
  private ReachRewards() {}

  /** Names of the logged terms, in the order of {@link #terms}. */
  public static final java.util.List<String> TERMS =
      java.util.List.of("progress", "goal_bonus", "upright", "energy");

  /** Horizontal distance between the root at (x, y) and the goal. */
  public static double distance(double x, double y, double gx, double gy) {
    return Math.hypot(x - gx, y - gy);
  }

  /**
   * The weighted terms of one step: progress w_p·(d_{t−1} − d_t)·(1 − w_up − w_e), the bonus while
   * d_t is within the success radius, w_up·upright, w_e·energy (their sum is the reward).
   */
  public static void terms(
      ReachConfig c, double previous, double now, double upright, double energy, double[] out) {
    out[0] = c.progressWeight() * (previous - now) * (1 - c.wUpright() - c.wEnergy());
    out[1] = now < c.successRadius() ? c.bonus() : 0;
    out[2] = c.wUpright() * upright;
    out[3] = c.wEnergy() * energy;
  }

  public static double total(double[] terms) {
    return terms[0] + terms[1] + terms[2] + terms[3];
  }
}
