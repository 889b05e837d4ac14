package kinesis.task.reach;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.task.MuscleControl;
import kinesis.task.Rollout;
import kinesis.task.TaskEnv;
import kinesis.task.TrackedClips;

/**
 * One goal-reaching trial without auto-reset, the runner of {@code kinesis reach eval}: starts at
 * frame 0 of a clip with the goal at an offset in the start's heading frame. Owns its simulation
 * data; the model is the caller's.
 */
public final class ReachEpisode implements AutoCloseable {
  private final ReachEnv env;
  private final double[] keypoints;
  private final int rootSlot;

  public ReachEpisode(BodyModel body, Clip start, ReachConfig cfg) {
    env =
        new ReachEnv(
            body, new TrackedClips(body, List.of(start)), new MuscleControl(body.sim), cfg);
    env.autoReset = false;
    keypoints = new double[3 * body.trackedBodies.length];
    int slot = 0;
    for (int j = 0; j < body.trackedBodies.length; j++)
      if (body.trackedBodies[j] == body.rootBody) slot = j;
    rootSlot = slot;
  }

  ReachEnv env() {
    return env;
  }

  public int obsDim() {
    return env.obsDim();
  }

  /** Control steps of a whole episode. */
  public int maxSteps() {
    return env.maxSteps();
  }

  /**
   * Starts a trial with the goal {@code forward} m ahead and {@code left} m to the left of the
   * start.
   */
  public void start(double forward, double left, float[] obs) {
    env.start(0, 0, 0, forward, left, obs, 0);
  }

  /**
   * Applies one action; true while the trial goes on. The outcome is {@link #succeeded} / {@link
   * #fell}.
   */
  public boolean step(float[] action, float[] obs) {
    outcome = env.step(action, 0, obs, 0);
    return outcome == TaskEnv.CONTINUE;
  }

  private int outcome = TaskEnv.CONTINUE;

  /** The trial ended with the root within the success radius. */
  public boolean succeeded() {
    return outcome == TaskEnv.TRUNCATED;
  }

  /** The trial ended because the root dropped below the fall height (or the simulation broke). */
  public boolean fell() {
    return (outcome == TaskEnv.TERMINATED && env.steps() < env.maxSteps())
        || outcome == TaskEnv.UNSTABLE;
  }

  /** Horizontal distance from the root to the goal now (m). */
  public double distance() {
    return env.distance();
  }

  /** Control steps taken. */
  public int steps() {
    return env.steps();
  }

  /** Step at which the root first came within the success radius, or −1. */
  public int reachedStep() {
    return env.reachedStep;
  }

  public double reward() {
    return env.reward();
  }

  /**
   * Records the state after the last step; the root's reference keypoint is the goal, the others
   * where their bodies are.
   */
  public void record(Rollout.Builder into, BodyModel body) {
    var d = env.data();
    double[] xpos = d.xpos.toArray();
    int[] tracked = body.trackedBodies;
    for (int j = 0; j < tracked.length; j++)
      System.arraycopy(xpos, 3 * tracked[j], keypoints, 3 * j, 3);
    double[] g = env.goal();
    keypoints[3 * rootSlot] = g[0];
    keypoints[3 * rootSlot + 1] = g[1];
    keypoints[3 * rootSlot + 2] = 0;
    into.record(d, keypoints, env.terms);
  }

  @Override
  public void close() {
    env.close();
  }
}
