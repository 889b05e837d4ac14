package kinesis.task.kick;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.sim.DoubleView;
import kinesis.sim.MjLayout;
import kinesis.task.AbstractTaskEnv;
import kinesis.task.BodyState;
import kinesis.task.ClipStart;
import kinesis.task.MuscleControl;
import kinesis.task.MusclePhysics;
import kinesis.task.ObsLayout;
import kinesis.task.Observations;
import kinesis.task.RewardConfig;
import kinesis.task.Rewards;
import kinesis.task.Rotations;
import kinesis.task.TrackedClips;

/**
 * One penalty-kick environment. An episode starts from a clip frame (training: a random clip and
 * frame) with the root spawned behind the ball facing the goal (+x), the ball at rest on its spot
 * and the goalkeeper at the centre with its strategy and speed limit. Each control step the
 * goalkeeper moves first, then the muscles act over the substeps. The observation is the imitation
 * observation in which every tracked body's target is where it is and the root's target is the ball
 * (at the target height), optionally followed by the ball block. The episode ends on a goal
 * (terminated; a success, as the body is still up), a miss past the goal line or a fall
 * (terminated), or at the time limit (truncated).
 */
final class KickEnv extends AbstractTaskEnv {
  /** Outcomes of an ended episode (for evaluation and statistics). */
  enum End {
    NONE,
    GOAL,
    MISS,
    FALL,
    TIMEOUT,
    UNSTABLE
  }

  private final KickScene scene;
  private final ClipStart start;
  private final TrackedClips clips;
  private final KickConfig cfg;
  private final double kUp, dt, ballRadius;
  private final int[] tracked;
  private final int rootSlot, maxSteps, imitationDim;
  private final double[] refPos, refVel, obs, act, keeperRel = new double[3];
  private final DoubleView mocapPos;
  final Goalkeeper keeper;

  // episode
  private double previous;
  private int steps;
  End end = End.NONE;
  double effortSum;
  final double[] terms = new double[KickRewards.TERMS.size()];

  /** When false, an ended episode is left as it ended (evaluation); the next needs a start. */
  boolean autoReset = true;

  long goals, misses, falls, timeouts;

  KickEnv(KickScene scene, TrackedClips clips, MuscleControl muscles, KickConfig cfg) {
    super(physics(scene.body, muscles, cfg), KickRewards.TERMS.size());
    BodyModel body = scene.body;
    this.scene = scene;
    this.clips = clips;
    this.cfg = cfg;
    kUp = RewardConfig.kinesis().kUp();
    tracked = body.trackedBodies.clone();
    rootSlot = rootSlot(body);
    imitationDim = ObsLayout.imitation(body.robotBodyCount(), tracked.length).dim();
    refPos = new double[3 * tracked.length];
    refVel = new double[3 * tracked.length];
    obs = new double[layout(body, cfg.ballInputs()).dim()];
    act = new double[body.sim.na];
    dt = cfg.substeps() * body.sim.timestep();
    maxSteps = cfg.episodeSteps(dt);
    ballRadius = scene.ballRadius;
    mocapPos = physics.d.doubles(MjLayout.D_mocap_pos, body.sim.nmocap, 3);
    start = new ClipStart(clips, body);
    keeper = new Goalkeeper(cfg.goalHalfWidth(), cfg.keeperSpeedMin(), cfg.keeperSpeedMax());
  }

  /**
   * The body in motion, once the scene is known to track the root and to run at the settings' time
   * step (checked before allocating).
   */
  private static MusclePhysics physics(BodyModel body, MuscleControl muscles, KickConfig cfg) {
    rootSlot(body);
    if (Math.abs(body.sim.timestep() - cfg.timestep()) > 1e-12) {
      throw new IllegalArgumentException(
          "the scene runs at "
              + body.sim.timestep()
              + " s, the settings want "
              + cfg.timestep()
              + " s");
    }
    return new MusclePhysics(
        body, muscles, cfg.control(), RewardConfig.kinesis().kEnergy(), cfg.substeps());
  }

  /** The imitation observation of the body, then (with {@code ballInputs}) the ball block. */
  static ObsLayout layout(BodyModel body, boolean ballInputs) {
    ObsLayout im = ObsLayout.imitation(body.robotBodyCount(), body.trackedBodies.length);
    if (!ballInputs) return im;
    List<ObsLayout.Block> blocks = new ArrayList<>(im.blocks());
    blocks.add(
        new ObsLayout.Block(
            "ball",
            im.dim(),
            8,
            "ball minus root (3, m), ball velocity (3, m/s), goalkeeper minus root (x, y; m); heading frame"));
    return new ObsLayout(blocks);
  }

  int obsDim() {
    return obs.length;
  }

  int maxSteps() {
    return maxSteps;
  }

  int steps() {
    return steps;
  }

  @Override
  public void resetCounters() {}

  /**
   * A training episode: random clip and frame, spawn uniform behind the ball, the configured
   * strategy (mix: one of three).
   */
  @Override
  // "mix" draws the strategy by index; the random stream depends on it
  @SuppressWarnings("EnumOrdinal")
  public void startEpisode(float[] out, int off) {
    int clip = rng.nextInt(clips.size());
    int frame = clips.randomFrame(clip, rng);
    double x = cfg.spawnXMin() + (cfg.spawnXMax() - cfg.spawnXMin()) * rng.nextDouble();
    double y = (2 * rng.nextDouble() - 1) * cfg.spawnY();
    Goalkeeper.Strategy s =
        cfg.keeper().equals("mix")
            ? Goalkeeper.Strategy.values()[rng.nextInt(3)]
            : Goalkeeper.Strategy.parse(cfg.keeper());
    start(clip, frame, x, y, s, out, off);
  }

  /**
   * Starts an episode at frame {@code frame} of clip {@code clip} with the root at (x, y) facing
   * +x, against {@code strategy}.
   */
  void start(
      int clip, int frame, double x, double y, Goalkeeper.Strategy strategy, float[] out, int off) {
    start.place(physics, clip, frame, x, y, 0);
    var d = physics.d;
    int q = scene.ballQpos;
    d.qpos.set(q, cfg.ballX());
    d.qpos.set(q + 1, cfg.ballY());
    d.qpos.set(q + 2, ballRadius);
    d.qpos.set(q + 3, 1);
    for (int i = 4; i < 7; i++) d.qpos.set(q + i, 0);
    for (int i = 0; i < 6; i++) d.qvel.set(scene.ballDof + i, 0);
    keeper.reset(strategy, rng);
    placeKeeper();
    physics.capture(true);
    var s = physics.state;
    previous =
        KickRewards.distance(s.xpos[3 * s.root], s.xpos[3 * s.root + 1], cfg.ballX(), cfg.ballY());
    steps = 0;
    effortSum = 0;
    end = End.NONE;
    writeObservation(out, off);
  }

  private void placeKeeper() {
    int m = scene.keeperMocap;
    mocapPos.set(m, 0, cfg.goalX());
    mocapPos.set(m, 1, keeper.y());
    mocapPos.set(m, 2, 0);
  }

  @Override
  public int step(float[] actions, int aOff, float[] out, int oOff) {
    keeper.step(
        dt,
        physics.d.xpos.get(scene.ballBody, 1),
        rng); // the ball as MuJoCo last computed it (also right after a snapshot load)
    placeKeeper();
    double energy = physics.act(actions, aOff, null);
    steps++;
    if (Double.isNaN(energy)) {
      instabilities++;
      reward = 0;
      return finish(End.UNSTABLE, UNSTABLE, out, oOff);
    }
    var s = physics.state;
    int b = 3 * scene.ballBody;
    physics.d.act.copyTo(act, 0);
    double sq = 0;
    for (double a : act) sq += a * a;
    effortSum += act.length > 0 ? sq / act.length : 0;
    int r = 3 * s.root;
    double bx = s.xpos[b], by = s.xpos[b + 1], bz = s.xpos[b + 2];
    double d = KickRewards.distance(s.xpos[r], s.xpos[r + 1], bx, by);
    boolean fell = s.xpos[r + 2] < cfg.fallHeight();
    boolean goal = !fell && KickRewards.isGoal(cfg, bx, by, bz);
    double toward = KickRewards.towardGoal(bx, by, s.linVel[b], s.linVel[b + 1], cfg.goalX());
    KickRewards.terms(cfg, toward, previous, d, goal, Rewards.upright(s, kUp), energy, terms);
    reward = KickRewards.total(terms);
    termSums.add(terms);
    previous = d;
    if (fell) {
      falls++;
      return finish(End.FALL, TERMINATED, out, oOff);
    }
    if (goal) {
      goals++;
      return finish(End.GOAL, TERMINATED, out, oOff);
    }
    if (KickRewards.isMiss(cfg, bx, by, bz)) {
      misses++;
      return finish(End.MISS, TERMINATED, out, oOff);
    }
    if (steps >= maxSteps) {
      timeouts++;
      return finish(End.TIMEOUT, TRUNCATED, out, oOff);
    }
    writeObservation(out, oOff);
    return CONTINUE;
  }

  private int finish(End e, int outcome, float[] out, int oOff) {
    end = e;
    if (autoReset) startEpisode(out, oOff);
    return outcome;
  }

  /**
   * The imitation observation with every target at its body, the root's at the ball; then the ball
   * block.
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
    int b = 3 * scene.ballBody, r = 3 * s.root;
    refPos[3 * rootSlot] = s.xpos[b];
    refPos[3 * rootSlot + 1] = s.xpos[b + 1];
    refPos[3 * rootSlot + 2] = cfg.targetHeight();
    Observations.imitation(s, tracked, refPos, refVel, obs);
    if (cfg.ballInputs()) ballBlock(s, b, r, imitationDim);
    for (int i = 0; i < obs.length; i++) out[off + i] = (float) obs[i];
  }

  private void ballBlock(BodyState s, int b, int r, int o) {
    double ch = s.headingCos, sh = s.headingSin;
    Rotations.toHeading(
        ch,
        sh,
        s.xpos[b] - s.xpos[r],
        s.xpos[b + 1] - s.xpos[r + 1],
        s.xpos[b + 2] - s.xpos[r + 2],
        obs,
        o);
    Rotations.toHeading(ch, sh, s.linVel[b], s.linVel[b + 1], s.linVel[b + 2], obs, o + 3);
    Rotations.toHeading(
        ch, sh, cfg.goalX() - s.xpos[r], keeper.y() - s.xpos[r + 1], 0, keeperRel, 0);
    obs[o + 6] = keeperRel[0];
    obs[o + 7] = keeperRel[1];
  }

  /** World position of the ball's centre now. */
  double[] ball() {
    var s = physics.state;
    int b = 3 * scene.ballBody;
    return new double[] {s.xpos[b], s.xpos[b + 1], s.xpos[b + 2]};
  }

  /** Mean over the episode's steps of the mean squared muscle activation. */
  double effort() {
    return steps > 0 ? effortSum / steps : 0;
  }

  @Override
  @SuppressWarnings("EnumOrdinal") // the snapshot format stores the episode end as its ordinal
  public void save(DataOutputStream out) throws IOException {
    out.writeDouble(previous);
    out.writeInt(steps);
    out.writeDouble(effortSum);
    out.writeInt(end.ordinal());
    out.writeLong(rng.state());
    for (long v : new long[] {instabilities, goals, misses, falls, timeouts}) out.writeLong(v);
    keeper.save(out);
    termSums.save(out);
    physics.save(out);
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    previous = in.readDouble();
    steps = in.readInt();
    effortSum = in.readDouble();
    end = End.values()[in.readInt()];
    rng.setState(in.readLong());
    instabilities = in.readLong();
    goals = in.readLong();
    misses = in.readLong();
    falls = in.readLong();
    timeouts = in.readLong();
    keeper.load(in);
    termSums.load(in);
    physics.load(in); // the goalkeeper's mocap position is part of the simulation state
  }
}
