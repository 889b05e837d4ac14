package kinesis.task.kick;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kinesis.io.BadInputException;
import kinesis.task.ControlMode;

/**
 * Settings of the penalty kick (paper §III-E c, Fig. 4C; scene and goalkeeper after MyoSuite's
 * {@code soccer_v0.py}), saved whole in a run's {@code config.yaml} ({@link #toMap}) and read back
 * with validation ({@link #fromMap}).
 *
 * @param control muscle control of the policy (direct or PD), as its starting checkpoint
 * @param keeper goalkeeper strategy: stationary, random, block, or mix (one of the three per
 *     episode)
 * @param episodeSeconds episode length (10 s = 300 control steps)
 * @param spawnXMin the body's root is spawned with x uniform in [spawnXMin, spawnXMax] (m)…
 * @param spawnXMax …
 * @param spawnY …and y uniform in [−spawnY, spawnY] (m), facing the goal (+x)
 * @param ballX the ball rests at (ballX, ballY) on the pitch (MyoSuite: 40, 0)
 * @param ballY …
 * @param fallHeight the episode fails when the root drops below this (m)
 * @param goalX goal line: a goal is the ball's centre at x ≥ goalX…
 * @param goalHalfWidth …with |y| ≤ goalHalfWidth (also the goalkeeper's range)…
 * @param goalHeight …and 0 ≤ z ≤ goalHeight (MyoSuite: 50, 3.3, 2.2)
 * @param keeperSpeedMin the goalkeeper's speed limit is drawn per episode uniform in [min, max] m/s
 * @param keeperSpeedMax …
 * @param targetHeight world z given to the root target (the ball's x, y at this height)
 * @param ballInputs append the ball block to the observation (ball and goalkeeper relative to the
 *     root, ball velocity); false keeps exactly the imitation observation (the paper's design)
 * @param ballWeight weight of the ball's velocity toward the goal centre (m/s)
 * @param approachWeight weight of the root's progress toward the ball (d_{t−1} − d_t, m), 0 in the
 *     paper's design
 * @param goalBonus reward of the step that scores
 * @param wUpright weight of the upright term
 * @param wEnergy weight of the energy term
 * @param substeps physics steps per 30 Hz action (5: the imitation's 1/150 s; 20: 1/600 s, a calmer
 *     ball, 4× the cost)
 */
public record KickConfig(
    ControlMode control,
    String keeper,
    double episodeSeconds,
    double spawnXMin,
    double spawnXMax,
    double spawnY,
    double ballX,
    double ballY,
    double fallHeight,
    double goalX,
    double goalHalfWidth,
    double goalHeight,
    double keeperSpeedMin,
    double keeperSpeedMax,
    double targetHeight,
    boolean ballInputs,
    double ballWeight,
    double approachWeight,
    double goalBonus,
    double wUpright,
    double wEnergy,
    int substeps) {

  /** Goalkeeper strategies a run can name (mix draws one of the first three per episode). */
  public static final List<String> KEEPERS = List.of("stationary", "random", "block", "mix");

  /** Keys of {@link #toMap}, accepted as {@code key=value} settings. */
  public static final Set<String> KEYS =
      Set.of(
          "control",
          "keeper",
          "episode_seconds",
          "spawn_x_min",
          "spawn_x_max",
          "spawn_y",
          "ball_x",
          "ball_y",
          "fall_height",
          "goal_x",
          "goal_half_width",
          "goal_height",
          "keeper_speed_min",
          "keeper_speed_max",
          "target_height",
          "ball_inputs",
          "ball_weight",
          "approach_weight",
          "goal_bonus",
          "w_upright",
          "w_energy",
          "substeps");

  public KickConfig {
    if (!KEEPERS.contains(keeper))
      throw new BadInputException(
          "unknown goalkeeper strategy '"
              + keeper
              + "' (known: "
              + String.join(", ", KEEPERS)
              + ")");
    positive("episode_seconds", episodeSeconds);
    finite("spawn_x_min", spawnXMin);
    finite("spawn_x_max", spawnXMax);
    finite("ball_x", ballX);
    finite("ball_y", ballY);
    finite("fall_height", fallHeight);
    finite("goal_x", goalX);
    finite("target_height", targetHeight);
    finite("ball_weight", ballWeight);
    finite("approach_weight", approachWeight);
    finite("goal_bonus", goalBonus);
    finite("w_upright", wUpright);
    finite("w_energy", wEnergy);
    if (!(spawnXMin <= spawnXMax))
      throw new BadInputException(
          "kick setting spawn_x_min ("
              + spawnXMin
              + ") must not exceed spawn_x_max ("
              + spawnXMax
              + ")");
    if (!(spawnY >= 0) || Double.isInfinite(spawnY))
      throw new BadInputException("kick setting spawn_y must be ≥ 0, not " + spawnY);
    positive("goal_half_width", goalHalfWidth);
    positive("goal_height", goalHeight);
    if (!(keeperSpeedMin >= 0 && keeperSpeedMin <= keeperSpeedMax)
        || Double.isInfinite(keeperSpeedMax)) {
      throw new BadInputException(
          "kick settings need 0 ≤ keeper_speed_min ≤ keeper_speed_max, not "
              + keeperSpeedMin
              + ", "
              + keeperSpeedMax);
    }
    if (substeps < 1 || substeps > 50)
      throw new BadInputException(
          "kick setting substeps must be between 1 and 50, not " + substeps);
    if (!(spawnXMax < ballX))
      throw new BadInputException(
          "kick setting spawn_x_max ("
              + spawnXMax
              + ") must be behind the ball (ball_x "
              + ballX
              + ")");
    if (!(ballX < goalX))
      throw new BadInputException(
          "kick setting ball_x ("
              + ballX
              + ") must be before the goal line (goal_x "
              + goalX
              + ")");
  }

  /**
   * The defaults with the given control mode (scene and goalkeeper as MyoSuite, spawn as the issue,
   * reward as the paper plus a goal bonus).
   */
  public static KickConfig defaults(ControlMode control) {
    return new KickConfig(
        control, "mix", 10, 37, 39, 2, 40, 0, 0.7, 50, 3.3, 2.2, 1, 5, 0.94, true, 1, 0, 10, 0.1,
        0.1, 5);
  }

  /** Control steps per episode. */
  public int episodeSteps(double controlStep) {
    return (int) Math.round(episodeSeconds / controlStep);
  }

  /** These settings with another goalkeeper strategy. */
  public KickConfig withKeeper(String strategy) {
    Map<String, String> m = toMap();
    m.put("keeper", strategy);
    return fromMap(m);
  }

  /** Every setting by its key, resolved. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("control", control.label());
    m.put("keeper", keeper);
    m.put("episode_seconds", String.valueOf(episodeSeconds));
    m.put("spawn_x_min", String.valueOf(spawnXMin));
    m.put("spawn_x_max", String.valueOf(spawnXMax));
    m.put("spawn_y", String.valueOf(spawnY));
    m.put("ball_x", String.valueOf(ballX));
    m.put("ball_y", String.valueOf(ballY));
    m.put("fall_height", String.valueOf(fallHeight));
    m.put("goal_x", String.valueOf(goalX));
    m.put("goal_half_width", String.valueOf(goalHalfWidth));
    m.put("goal_height", String.valueOf(goalHeight));
    m.put("keeper_speed_min", String.valueOf(keeperSpeedMin));
    m.put("keeper_speed_max", String.valueOf(keeperSpeedMax));
    m.put("target_height", String.valueOf(targetHeight));
    m.put("ball_inputs", String.valueOf(ballInputs));
    m.put("ball_weight", String.valueOf(ballWeight));
    m.put("approach_weight", String.valueOf(approachWeight));
    m.put("goal_bonus", String.valueOf(goalBonus));
    m.put("w_upright", String.valueOf(wUpright));
    m.put("w_energy", String.valueOf(wEnergy));
    m.put("substeps", String.valueOf(substeps));
    return m;
  }

  /** The defaults overridden by those of {@code m} that are {@link #KEYS} (others are ignored). */
  public static KickConfig fromMap(Map<String, String> m) {
    KickConfig c = defaults(ControlMode.parse(m.getOrDefault("control", "direct")));
    Map<String, String> all = new LinkedHashMap<>(c.toMap());
    for (var e : m.entrySet())
      if (KEYS.contains(e.getKey())) all.put(e.getKey(), e.getValue().trim());
    return new KickConfig(
        ControlMode.parse(all.get("control")),
        all.get("keeper"),
        num(all, "episode_seconds"),
        num(all, "spawn_x_min"),
        num(all, "spawn_x_max"),
        num(all, "spawn_y"),
        num(all, "ball_x"),
        num(all, "ball_y"),
        num(all, "fall_height"),
        num(all, "goal_x"),
        num(all, "goal_half_width"),
        num(all, "goal_height"),
        num(all, "keeper_speed_min"),
        num(all, "keeper_speed_max"),
        num(all, "target_height"),
        bool(all, "ball_inputs"),
        num(all, "ball_weight"),
        num(all, "approach_weight"),
        num(all, "goal_bonus"),
        num(all, "w_upright"),
        num(all, "w_energy"),
        integer(all, "substeps"));
  }

  private static double num(Map<String, String> m, String key) {
    try {
      return Double.parseDouble(m.get(key));
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "kick setting " + key + " must be a number, not '" + m.get(key) + "'");
    }
  }

  private static int integer(Map<String, String> m, String key) {
    try {
      return Integer.parseInt(m.get(key));
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "kick setting " + key + " must be a whole number, not '" + m.get(key) + "'");
    }
  }

  /** Physics timestep of these settings: 1/30 s divided into {@link #substeps}. */
  public double timestep() {
    return 1.0 / (30 * substeps);
  }

  private static boolean bool(Map<String, String> m, String key) {
    String v = m.get(key);
    if (!v.equals("true") && !v.equals("false"))
      throw new BadInputException(
          "kick setting " + key + " must be true or false, not '" + v + "'");
    return v.equals("true");
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v))
      throw new BadInputException("kick setting " + key + " must be a positive number, not " + v);
  }

  private static void finite(String key, double v) {
    if (!Double.isFinite(v))
      throw new BadInputException("kick setting " + key + " must be finite, not " + v);
  }
}
