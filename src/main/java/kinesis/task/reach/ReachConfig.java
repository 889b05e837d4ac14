package kinesis.task.reach;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import kinesis.io.BadInputException;
import kinesis.task.ControlMode;

/**
 * Settings of the goal-reaching task (kinesis-reference.md §6.1), saved whole in a run's {@code
 * config.yaml} ({@link #toMap}) and read back with validation ({@link #fromMap}).
 *
 * @param control muscle control of the policy (direct or PD), as its imitation checkpoint
 * @param goalRange goals are drawn uniformly in [−range, range]² m around the start (reference: 2)
 * @param goalHeight world z given to the goal (reference: 0.94 m)
 * @param episodeSeconds episode length (reference: 5 s = 150 control steps)
 * @param fallHeight the episode fails when the root drops below this (reference: 0.7 m)
 * @param successRadius success: horizontal root-to-goal distance below this at the end (reference:
 *     0.1 m)
 * @param progressWeight weight of the progress term d_{t−1} − d_t (reference: 20)
 * @param bonus reward per step while within the success radius (reference: 100)
 * @param wUpright weight of the upright term (reference: 0.1; progress is scaled by 1 − wUpright −
 *     wEnergy)
 * @param wEnergy weight of the energy term (reference: 0.1)
 * @param referenceAliasing reproduce the reference's observation, in which the root's position
 *     difference is 0 too (the goal enters only through local_ref_body_pos)
 */
public record ReachConfig(
    ControlMode control,
    double goalRange,
    double goalHeight,
    double episodeSeconds,
    double fallHeight,
    double successRadius,
    double progressWeight,
    double bonus,
    double wUpright,
    double wEnergy,
    boolean referenceAliasing) {

  /** Keys of {@link #toMap}, accepted as {@code key=value} settings. */
  public static final Set<String> KEYS =
      Set.of(
          "control",
          "goal_range",
          "goal_height",
          "episode_seconds",
          "fall_height",
          "success_radius",
          "progress_weight",
          "bonus",
          "w_upright",
          "w_energy",
          "reference_aliasing");

  public ReachConfig {
    positive("goal_range", goalRange);
    positive("episode_seconds", episodeSeconds);
    positive("success_radius", successRadius);
    finite("goal_height", goalHeight);
    finite("fall_height", fallHeight);
    finite("progress_weight", progressWeight);
    finite("bonus", bonus);
    finite("w_upright", wUpright);
    finite("w_energy", wEnergy);
  }

  /** The reference's settings with the given control mode. */
  public static ReachConfig reference(ControlMode control) {
    return new ReachConfig(control, 2, 0.94, 5, 0.7, 0.1, 20, 100, 0.1, 0.1, false);
  }

  /** Control steps per episode (30 Hz). */
  public int episodeSteps(double controlStep) {
    return (int) Math.round(episodeSeconds / controlStep);
  }

  /** Every setting by its key, resolved. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("control", control.label());
    m.put("goal_range", String.valueOf(goalRange));
    m.put("goal_height", String.valueOf(goalHeight));
    m.put("episode_seconds", String.valueOf(episodeSeconds));
    m.put("fall_height", String.valueOf(fallHeight));
    m.put("success_radius", String.valueOf(successRadius));
    m.put("progress_weight", String.valueOf(progressWeight));
    m.put("bonus", String.valueOf(bonus));
    m.put("w_upright", String.valueOf(wUpright));
    m.put("w_energy", String.valueOf(wEnergy));
    m.put("reference_aliasing", String.valueOf(referenceAliasing));
    return m;
  }

  /**
   * The reference's settings overridden by those of {@code m} that are {@link #KEYS} (others are
   * ignored).
   */
  public static ReachConfig fromMap(Map<String, String> m) {
    ReachConfig c = reference(ControlMode.parse(m.getOrDefault("control", "direct")));
    Map<String, String> all = new LinkedHashMap<>(c.toMap());
    for (var e : m.entrySet())
      if (KEYS.contains(e.getKey())) all.put(e.getKey(), e.getValue().trim());
    return new ReachConfig(
        ControlMode.parse(all.get("control")),
        num(all, "goal_range"),
        num(all, "goal_height"),
        num(all, "episode_seconds"),
        num(all, "fall_height"),
        num(all, "success_radius"),
        num(all, "progress_weight"),
        num(all, "bonus"),
        num(all, "w_upright"),
        num(all, "w_energy"),
        bool(all, "reference_aliasing"));
  }

  private static double num(Map<String, String> m, String key) {
    try {
      return Double.parseDouble(m.get(key));
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "reach setting " + key + " must be a number, not '" + m.get(key) + "'");
    }
  }

  private static boolean bool(Map<String, String> m, String key) {
    String v = m.get(key);
    if (!v.equals("true") && !v.equals("false"))
      throw new BadInputException(
          "reach setting " + key + " must be true or false, not '" + v + "'");
    return v.equals("true");
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v))
      throw new BadInputException("reach setting " + key + " must be a positive number, not " + v);
  }

  private static void finite(String key, double v) {
    if (!Double.isFinite(v))
      throw new BadInputException("reach setting " + key + " must be finite, not " + v);
  }
}
