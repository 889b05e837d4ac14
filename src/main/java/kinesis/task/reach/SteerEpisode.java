package kinesis.task.reach;

import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.task.Rollout;

/**
 * Directional control (kinesis-reference.md §6.2): the goal-reaching environment whose goal is
 * moved before every action to {@code distance} m from the pelvis in the commanded direction
 * (relative to the heading at the start), or onto the pelvis for "stop". The episode lasts the
 * schedule's duration and ends early only when the body falls. Owns its simulation data.
 */
public final class SteerEpisode implements AutoCloseable {
  private final ReachEpisode episode;
  private final ReachEnv env;
  private double startHeading;

  public SteerEpisode(BodyModel body, Clip start, ReachConfig cfg, double seconds) {
    ReachConfig c = ReachConfig.fromMap(withDuration(cfg, seconds));
    episode = new ReachEpisode(body, start, c);
    env = episode.env();
  }

  private static Map<String, String> withDuration(ReachConfig cfg, double seconds) {
    Map<String, String> m = new java.util.LinkedHashMap<>(cfg.toMap());
    m.put("episode_seconds", String.valueOf(seconds));
    return m;
  }

  public int obsDim() {
    return episode.obsDim();
  }

  /** Starts at frame 0 of the start clip; remembers its heading. */
  public void start(float[] obs) {
    episode.start(0, 0, obs);
    startHeading = env.root()[2];
  }

  /**
   * Puts the goal where {@code c} says, relative to the pelvis now, and rewrites the observation.
   */
  public void command(SteerSchedule.Command c, float[] obs) {
    double[] r = env.root();
    if (c.stop()) {
      env.moveGoal(r[0], r[1], obs, 0);
    } else {
      double a = startHeading + Math.toRadians(c.direction());
      env.moveGoal(r[0] + c.distance() * Math.cos(a), r[1] + c.distance() * Math.sin(a), obs, 0);
    }
  }

  /** Applies one action; true while the episode goes on. */
  public boolean step(float[] action, float[] obs) {
    return episode.step(action, obs);
  }

  public boolean fell() {
    return episode.fell();
  }

  public int steps() {
    return episode.steps();
  }

  /** Root x, y (m) and heading (rad) now. */
  public double[] root() {
    return env.root();
  }

  /** The goal's world x, y (m). */
  public double[] goal() {
    return env.goal();
  }

  /** Horizontal distance from the pelvis to the goal now (m). */
  public double distance() {
    return env.distance();
  }

  /** Copies the generalised positions and muscle activations after the last step. */
  public void pose(double[] qpos, double[] act) {
    env.data().qpos.copyTo(0, qpos, 0, qpos.length);
    env.data().act.copyTo(0, act, 0, act.length);
  }

  public double startHeading() {
    return startHeading;
  }

  public void record(Rollout.Builder into, BodyModel body) {
    episode.record(into, body);
  }

  @Override
  public void close() {
    episode.close();
  }
}
