package kinesis.task.kick;

import java.util.List;

/** The penalty kick's reward and goal geometry as pure functions. */
public final class KickRewards {
  private KickRewards() {}

  /** Names of the logged terms, in the order of {@link #terms}. */
  public static final List<String> TERMS =
      List.of("ball_velocity", "approach", "goal", "upright", "energy");

  /**
   * The ball's horizontal velocity toward the goal: its component along the unit vector from the
   * ball at (x, y) to the goal centre (goalX, 0) before the goal line, along +x from the line on
   * (into the net).
   */
  public static double towardGoal(double x, double y, double vx, double vy, double goalX) {
    double dx = goalX - x, dy = -y, n = Math.hypot(dx, dy);
    return dx > 0 && n > 0 ? (vx * dx + vy * dy) / n : vx;
  }

  /** A goal: the ball's centre past the goal line, within the posts and under the bar. */
  public static boolean isGoal(KickConfig c, double x, double y, double z) {
    return x >= c.goalX() && Math.abs(y) <= c.goalHalfWidth() && z >= 0 && z <= c.goalHeight();
  }

  /** A miss: the ball's centre past the goal line but not in the goal. */
  public static boolean isMiss(KickConfig c, double x, double y, double z) {
    return x >= c.goalX() && !isGoal(c, x, y, z);
  }

  /** Horizontal distance between (x, y) and (bx, by). */
  public static double distance(double x, double y, double bx, double by) {
    return Math.hypot(x - bx, y - by);
  }

  /**
   * The weighted terms of one step: ball_weight·(ball velocity toward the goal),
   * approach_weight·(d_{t−1} − d_t) of the root toward the ball, the goal bonus on the scoring
   * step, w_up·upright, w_e·energy (their sum is the reward).
   */
  public static void terms(
      KickConfig c,
      double toward,
      double previous,
      double now,
      boolean goal,
      double upright,
      double energy,
      double[] out) {
    out[0] = c.ballWeight() * toward;
    out[1] = c.approachWeight() * (previous - now);
    out[2] = goal ? c.goalBonus() : 0;
    out[3] = c.wUpright() * upright;
    out[4] = c.wEnergy() * energy;
  }

  public static double total(double[] terms) {
    return terms[0] + terms[1] + terms[2] + terms[3] + terms[4];
  }
}
