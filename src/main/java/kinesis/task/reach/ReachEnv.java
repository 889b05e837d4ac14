package kinesis.task.reach;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.sim.SimData;
import kinesis.task.AbstractTaskEnv;
import kinesis.task.ClipStart;
import kinesis.task.MuscleControl;
import kinesis.task.MusclePhysics;
import kinesis.task.ObsLayout;
import kinesis.task.Observations;
import kinesis.task.RewardConfig;
import kinesis.task.Rewards;
import kinesis.task.TrackedClips;

/**
 * One goal-reaching environment (kinesis-reference.md §6.1). An episode starts from a clip frame
 * turned to a heading (training: a random clip, frame and heading; evaluation: given), with a goal
 * at a given offset in the start's heading frame (training: uniform in the configured square). The
 * observation is the imitation observation in which every tracked body's target is where it is now
 * and the root's target is the goal (so imitation weights apply unchanged). The episode fails when
 * the root drops below the fall height; after the episode's length it ends as a success when the
 * root is within the success radius of the goal (truncated), else as a failure (terminated).
 */
final class ReachEnv extends AbstractTaskEnv {
  private final ClipStart start;
  private final TrackedClips clips;
  private final ReachConfig cfg;
  private final double kUp;
  private final int[] tracked;
  private final int rootSlot, maxSteps, diffRoot;
  private final double[] refPos, refVel, obs;

  // episode
  private double goalX, goalY, previous;
  private int steps;

  /** Step at which the root first came within the success radius (−1: not yet). */
  int reachedStep = -1;

  final double[] terms = new double[4];

  /** When false, an ended episode is left as it ended (evaluation); the next needs a start. */
  boolean autoReset = true;

  long successes, falls, misses;

  ReachEnv(BodyModel body, TrackedClips clips, MuscleControl muscles, ReachConfig cfg) {
    super(physics(body, muscles, cfg), 4);
    this.clips = clips;
    this.cfg = cfg;
    kUp = RewardConfig.kinesis().kUp();
    tracked = body.trackedBodies.clone();
    rootSlot = rootSlot(body);
    var m = body.sim;
    ObsLayout layout = ObsLayout.imitation(body.robotBodyCount(), tracked.length);
    diffRoot = layout.block("diff_local_body_pos").offset() + 3 * rootSlot;
    refPos = new double[3 * tracked.length];
    refVel = new double[3 * tracked.length];
    obs = new double[layout.dim()];
    maxSteps = cfg.episodeSteps(Catalogue.SUBSTEPS * m.timestep());
    start = new ClipStart(clips, body);
  }

  /** The body in motion, once the model is known to track its root (checked before allocating). */
  private static MusclePhysics physics(BodyModel body, MuscleControl muscles, ReachConfig cfg) {
    rootSlot(body);
    return new MusclePhysics(body, muscles, cfg.control(), RewardConfig.kinesis().kEnergy());
  }

  int obsDim() {
    return obs.length;
  }

  /** Control steps per episode. */
  int maxSteps() {
    return maxSteps;
  }

  @Override
  public void resetCounters() {}

  /**
   * A training episode: random clip, frame and heading; goal uniform in the square around the
   * start.
   */
  @Override
  public void startEpisode(float[] out, int off) {
    int clip = rng.nextInt(clips.size());
    int frame = clips.randomFrame(clip, rng);
    double heading = (2 * rng.nextDouble() - 1) * Math.PI;
    double r = cfg.goalRange(),
        forward = (2 * rng.nextDouble() - 1) * r,
        left = (2 * rng.nextDouble() - 1) * r;
    start(clip, frame, heading, forward, left, out, off);
  }

  /**
   * Starts an episode at frame {@code frame} of clip {@code clip} turned by {@code heading} rad,
   * with the goal {@code forward} m ahead of the root and {@code left} m to its left (start's
   * heading frame).
   */
  void start(
      int clip, int frame, double heading, double forward, double left, float[] out, int off) {
    start.apply(physics, clip, frame, heading);
    var s = physics.state;
    double x = s.xpos[3 * s.root], y = s.xpos[3 * s.root + 1], c = s.headingCos, sn = s.headingSin;
    goalX = x + c * forward - sn * left;
    goalY = y + sn * forward + c * left;
    previous = ReachRewards.distance(x, y, goalX, goalY);
    steps = 0;
    reachedStep = -1;
    writeObservation(out, off);
  }

  @Override
  public int step(float[] actions, int aOff, float[] out, int oOff) {
    double energy = physics.act(actions, aOff, null);
    steps++;
    if (Double.isNaN(energy)) {
      instabilities++;
      reward = 0;
      return end(UNSTABLE, out, oOff);
    }
    var s = physics.state;
    int r = 3 * s.root;
    double d = distance();
    ReachRewards.terms(cfg, previous, d, Rewards.upright(s, kUp), energy, terms);
    reward = ReachRewards.total(terms);
    termSums.add(terms);
    previous = d;
    if (d < cfg.successRadius() && reachedStep < 0) reachedStep = steps;
    if (s.xpos[r + 2] < cfg.fallHeight()) {
      falls++;
      return end(TERMINATED, out, oOff);
    }
    if (steps >= maxSteps) {
      boolean success = d < cfg.successRadius();
      if (success) successes++;
      else misses++;
      return end(success ? TRUNCATED : TERMINATED, out, oOff);
    }
    writeObservation(out, oOff);
    return CONTINUE;
  }

  /**
   * Moves the goal to world (x, y) and rewrites the observation (directional control moves it every
   * step).
   */
  void moveGoal(double x, double y, float[] out, int off) {
    goalX = x;
    goalY = y;
    previous = distance();
    writeObservation(out, off);
  }

  /** World x, y of the root and the start's heading are read by directional control. */
  double[] root() {
    var s = physics.state;
    return new double[] {
      s.xpos[3 * s.root], s.xpos[3 * s.root + 1], Math.atan2(s.headingSin, s.headingCos)
    };
  }

  /** Horizontal distance (m) from the root to the goal now. */
  double distance() {
    var s = physics.state;
    return ReachRewards.distance(s.xpos[3 * s.root], s.xpos[3 * s.root + 1], goalX, goalY);
  }

  /** The goal's world x, y. */
  double[] goal() {
    return new double[] {goalX, goalY};
  }

  int steps() {
    return steps;
  }

  private int end(int outcome, float[] out, int oOff) {
    if (autoReset) startEpisode(out, oOff);
    return outcome;
  }

  /**
   * The imitation observation with every target at its body's current place, the root's at the
   * goal.
   */
  private void writeObservation(float[] out, int off) {
    var s = physics.state;
    for (int j = 0; j < tracked.length; j++) {
      int p = 3 * tracked[j];
      for (int a = 0; a < 3; a++) {
        refPos[3 * j + a] = s.xpos[p + a];
        refVel[3 * j + a] = s.linVel[p + a];
      }
    }
    refPos[3 * rootSlot] = goalX;
    refPos[3 * rootSlot + 1] = goalY;
    refPos[3 * rootSlot + 2] = cfg.goalHeight();
    Observations.imitation(s, tracked, refPos, refVel, obs);
    if (cfg.referenceAliasing()) for (int a = 0; a < 3; a++) obs[diffRoot + a] = 0;
    for (int i = 0; i < obs.length; i++) out[off + i] = (float) obs[i];
  }

  SimData data() {
    return physics.d;
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeDouble(goalX);
    out.writeDouble(goalY);
    out.writeDouble(previous);
    out.writeInt(steps);
    out.writeInt(reachedStep);
    out.writeLong(rng.state());
    for (long v : new long[] {instabilities, successes, falls, misses}) out.writeLong(v);
    termSums.save(out);
    physics.save(out);
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    goalX = in.readDouble();
    goalY = in.readDouble();
    previous = in.readDouble();
    steps = in.readInt();
    reachedStep = in.readInt();
    rng.setState(in.readLong());
    instabilities = in.readLong();
    successes = in.readLong();
    falls = in.readLong();
    misses = in.readLong();
    termSums.load(in);
    physics.load(in);
  }
}
