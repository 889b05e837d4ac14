package kinesis.task;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.sim.SimData;

/**
 * One imitation environment: its own {@link SimData} over the shared model, its own random stream,
 * and preallocated buffers, so that {@link #step} allocates nothing (kinesis-reference.md §3).
 *
 * <p>Episode: start at a frame of a clip (random in training, frame 0 in evaluation) from the
 * clip's initial pose (§2.1); each action runs 5 physics substeps; reward and termination compare
 * the state with the reference at the frame just reached, the observation looks one frame ahead.
 * Reference frames are interpolated at the exact time ({@link Clip#sample}); KINESIS's float32
 * truncation of the lookup is deliberately not reproduced. The episode is truncated when the reward
 * frame reaches the clip's last frame (so no step is scored against a clamped frame), and ends as
 * terminal when the simulation becomes unstable (counted; reward 0 for that step).
 */
final class ImitationEnv extends AbstractTaskEnv {
  /** Radius of gyration (m) that turns the body mass into the inertia of the assistive torque. */
  private static final double ASSIST_GYRATION = 0.2;

  private final SimData d;
  private final ImitationConfig cfg;
  private final TrackedClips clips;
  private final ClipPriority priority;
  private final int index, numEnvs;
  private final int[] tracked;
  private final double dt;
  final BodyState state;

  // preallocated buffers
  private final double[] refPos, refVel, obs;
  private final double[][] previewPos; // per ref_preview entry, the reference that far ahead
  private final ClipStart start;
  private final double[] rootRot = new double[9];
  private final double[] rootQpos = new double[7], rootQvel = new double[6];
  private final int rootBody;
  private final double assistKp, assistKd, assistKpRot, assistKdRot, mass;
  private final double[] push = new double[2];
  final double[] terms = new double[4];

  // episode bookkeeping
  private int clip, startFrame, steps, episodes;

  /**
   * Mean distance (m) between tracked bodies and their references after the last step (NaN if
   * unstable).
   */
  double meanDistance = Double.NaN;

  /**
   * When false, an ended episode is left as it ended (single-episode runs); the next step needs
   * {@link #startEpisode}.
   */
  boolean autoReset = true;

  float lastCoverage = Float.NaN;
  long terminations, truncations;

  /**
   * Curriculum state, set from the samples trained so far ({@link ImitationVecEnv#setProgress}).
   */
  double assistScale, terminationProgress = 1;

  /**
   * Sum of the assistive force's magnitude (N) over control steps, and the number of those steps.
   */
  double assistForceSum;

  long assistSteps;

  /** Control steps taken under a push ({@link Pushes}). */
  long pushedSteps;

  /** Control steps and terminations per clip since the last drain (for {@link ClipPriority}). */
  final long[] clipSteps, clipFailures;

  /** Reference time (s) of the frame the current action aims at. */
  private double targetTime;

  /** An environment that draws its random starts by its own {@link ClipPriority}. */
  ImitationEnv(
      BodyModel body,
      TrackedClips clips,
      MuscleControl muscles,
      ImitationConfig cfg,
      int index,
      int numEnvs) {
    this(
        body,
        clips,
        new ClipPriority(clips.size(), cfg.curriculum().clipPriority()),
        muscles,
        cfg,
        index,
        numEnvs);
  }

  ImitationEnv(
      BodyModel body,
      TrackedClips clips,
      ClipPriority priority,
      MuscleControl muscles,
      ImitationConfig cfg,
      int index,
      int numEnvs) {
    super(physics(body, muscles, cfg), 4);
    var m = body.sim;
    this.clips = clips;
    this.priority = priority;
    clipSteps = new long[clips.size()];
    clipFailures = new long[clips.size()];
    this.cfg = cfg;
    this.index = index;
    this.numEnvs = numEnvs;
    tracked = body.trackedBodies.clone();
    dt = Catalogue.SUBSTEPS * m.timestep();
    refPos = new double[3 * tracked.length];
    refVel = new double[3 * tracked.length];
    List<Integer> preview = cfg.conventions().preview();
    obs = new double[ObsLayout.imitation(body.robotBodyCount(), tracked.length, preview).dim()];
    previewPos = new double[preview.size()][3 * tracked.length];
    start = new ClipStart(clips, body);
    rootBody = body.rootBody;
    // assistive pull at strength 1: critically damped, natural frequency assist_hz, on the whole
    // body
    mass = m.totalMass();
    double w = 2 * Math.PI * cfg.curriculum().assistHz(),
        inertia = mass * ASSIST_GYRATION * ASSIST_GYRATION;
    assistKp = mass * w * w;
    assistKd = 2 * mass * w;
    assistKpRot = inertia * w * w;
    assistKdRot = 2 * inertia * w;
    terminationProgress = cfg.curriculum().terminationProgress(0);
    assistScale = cfg.curriculum().assistScale(0);
    d = physics.d;
    state = physics.state;
  }

  /** The body in motion, once the model is known to start with the root's free joint. */
  private static MusclePhysics physics(BodyModel body, MuscleControl muscles, ImitationConfig cfg) {
    var m = body.sim;
    if (m.njnt == 0
        || m.jntType().get(0) != 0
        || m.jntBodyId().get(0) != body.rootBody
        || m.jntQposAdr().get(0) != 0) {
      throw new BadInputException(body.file, "the first joint must be the root's free joint");
    }
    return new MusclePhysics(body, muscles, cfg.control(), cfg.reward().kEnergy());
  }

  int obsDim() {
    return obs.length;
  }

  /**
   * Forgets the episode count (evaluation clip order restarts) and the last coverage; statistics
   * are kept.
   */
  @Override
  public void resetCounters() {
    episodes = 0;
    lastCoverage = Float.NaN;
  }

  /**
   * Starts a new episode (episode counter drives the evaluation clip order); writes its first
   * observation.
   */
  @Override
  public void startEpisode(float[] out, int off) {
    if (cfg.randomStart()) {
      clip = priority.draw(rng);
      startFrame = clips.randomFrame(clip, rng);
    } else {
      clip = nextInOrder();
      startFrame = 0;
    }
    begin(out, off);
  }

  /**
   * Starts a new episode of the next clip in order at {@code frame}, which must be a start frame of
   * {@link TrackedClips#startFrameFrom} (random start ignored).
   */
  public void startEpisodeAt(float[] out, int off, int frame) {
    clip = nextInOrder();
    if (frame < 0 || clips.startFrameFrom(clip, frame) != frame)
      throw new IllegalArgumentException("frame " + frame + " is not a start frame");
    startFrame = frame;
    begin(out, off);
  }

  /** The clip of the next episode in evaluation order (the episode counter drives it). */
  private int nextInOrder() {
    return (int) ((index + (long) numEnvs * episodes) % clips.size());
  }

  private void begin(float[] out, int off) {
    episodes++;
    steps = 0;
    start.apply(physics, clip, startFrame, 0);
    sampleReference(1);
    writeObservation(out, off);
  }

  /**
   * Applies one action (unclipped policy output at {@code actions[aOff..]}), writes the next
   * observation at {@code out[oOff..]} (the next episode's first one when this one ended) and
   * returns the outcome; the reward is left in {@link #reward}.
   */
  @Override
  public int step(float[] actions, int aOff, float[] out, int oOff) {
    double energy = advance(actions, aOff);
    steps++;
    clipSteps[clip]++;
    if (Double.isNaN(energy)) {
      instabilities++;
      clipFailures[clip]++;
      reward = 0;
      meanDistance = Double.NaN;
      endEpisode(out, oOff);
      return UNSTABLE;
    }
    // reward and termination against the frame just reached
    double framePos = sampleReference(0);
    meanDistance = Rewards.meanDistance(state, tracked, refPos);
    RewardConfig rc = cfg.reward();
    terms[0] = Rewards.positionTracking(state, tracked, refPos, rc.kPos());
    terms[1] = Rewards.velocityTracking(state, tracked, refVel, rc.kVel());
    terms[2] = Rewards.upright(state, rc.kUp(), cfg.conventions().tilt());
    terms[3] = energy;
    reward = Rewards.total(rc, terms);
    termSums.add(terms);
    if (tooFar()) {
      terminations++;
      clipFailures[clip]++;
      endEpisode(out, oOff);
      return TERMINATED;
    }
    if (framePos >= clips.clip(clip).frames() - 1 - 1e-6) {
      truncations++;
      endEpisode(out, oOff);
      return TRUNCATED;
    }
    sampleReference(1);
    writeObservation(out, oOff);
    return CONTINUE;
  }

  /**
   * After a step that ended the episode (terminated or truncated, not unstable): the tracking error
   * against the frame just reached ({@link TrackingError}); {@code names} are the tracked bodies'.
   */
  TrackingError trackingError(java.util.List<String> names) {
    if (Double.isNaN(meanDistance)) return TrackingError.NONE;
    double[] sim = new double[3 * tracked.length];
    int root = 0;
    for (int j = 0; j < tracked.length; j++) {
      System.arraycopy(state.xpos, 3 * tracked[j], sim, 3 * j, 3);
      if (tracked[j] == rootBody) root = j;
    }
    Clip c = clips.clip(clip);
    int frame = (int) Math.max(0, Math.min(c.frames() - 1, Math.round(targetTime * c.fps())));
    return TrackingError.of(sim, refPos, root, c.rootQuat(), 4 * frame, names);
  }

  /**
   * The termination test of the configuration, moved along the termination curriculum in training.
   */
  private boolean tooFar() {
    if (cfg.meanTermination() || terminationProgress >= 1) {
      return Rewards.tooFar(
          state, tracked, refPos, cfg.terminationDistance(), cfg.meanTermination());
    }
    return Curriculum.terminates(
        meanDistance,
        Rewards.maxDistance(state, tracked, refPos),
        terminationProgress,
        cfg.curriculum().terminationStart(),
        cfg.terminationDistance());
  }

  /**
   * Physics of one action with the assistive force and the push when they are on; the energy term,
   * or NaN when unstable.
   */
  double advance(float[] actions, int aOff) {
    boolean pushed = startPush();
    double energy = physics.act(actions, aOff, assistScale > 0 ? assistHook : null);
    releaseForces(pushed);
    return energy;
  }

  /** {@link #advance} for a double-precision action (tests against reference numbers). */
  double advance(double[] actions) {
    boolean pushed = startPush();
    double energy = physics.act(actions, assistScale > 0 ? assistHook : null);
    releaseForces(pushed);
    return energy;
  }

  private final Runnable assistHook = this::assist;

  /** Sets the root's external force to this step's push, if its window holds one. */
  private boolean startPush() {
    boolean on =
        Pushes.force(cfg.curriculum(), mass, dt, index, episodes, steps / Pushes.WINDOW, push);
    if (on) {
      d.xfrcApplied.set(rootBody, 0, push[0]);
      d.xfrcApplied.set(rootBody, 1, push[1]);
      pushedSteps++;
    }
    return on;
  }

  private void releaseForces(boolean pushed) {
    if (assistScale <= 0 && !pushed) return;
    for (int k = 0; k < 6; k++) d.xfrcApplied.set(rootBody, k, 0);
    if (assistScale > 0) assistSteps++;
  }

  /**
   * Training wheels: sets the root's external force and torque (world frame) to a PD pull toward
   * the reference root position, velocity, orientation and angular velocity of the frame being
   * aimed at, scaled by {@link #assistScale}. No weight feed-forward: the legs must carry the body
   * (at strength 1 a limp body sags by g/ω², about 6 cm at 2 Hz). A push of this step is added on
   * top. Adds the assistive force's magnitude to {@link #assistForceSum} once per action.
   */
  private void assist() {
    Clip c = clips.clip(clip);
    d.qpos.copyTo(0, rootQpos, 0, 7);
    d.qvel.copyTo(0, rootQvel, 0, 6);
    double s = assistScale, f2 = 0;
    for (int a = 0; a < 3; a++) {
      double f = s * (assistKp * (refPos[a] - rootQpos[a]) + assistKd * (refVel[a] - rootQvel[a]));
      d.xfrcApplied.set(rootBody, a, f + (a < 2 ? push[a] : 0));
      f2 += f * f;
    }
    // orientation error: rotation vector of q_ref ⊗ q⁻¹ (world frame)
    int frame = (int) Math.max(0, Math.min(c.frames() - 1, Math.round(targetTime * c.fps())));
    double[] q = c.rootQuat(), wRef = c.rootAngVel();
    double rw = q[4 * frame], rx = q[4 * frame + 1], ry = q[4 * frame + 2], rz = q[4 * frame + 3];
    double rn = Math.sqrt(rw * rw + rx * rx + ry * ry + rz * rz);
    double cw = rootQpos[3], cx = -rootQpos[4], cy = -rootQpos[5], cz = -rootQpos[6];
    double ew = (rw * cw - rx * cx - ry * cy - rz * cz) / rn,
        ex = (rw * cx + rx * cw + ry * cz - rz * cy) / rn,
        ey = (rw * cy - rx * cz + ry * cw + rz * cx) / rn,
        ez = (rw * cz + rx * cy - ry * cx + rz * cw) / rn;
    if (ew < 0) {
      ew = -ew;
      ex = -ex;
      ey = -ey;
      ez = -ez;
    }
    double vn = Math.sqrt(ex * ex + ey * ey + ez * ez),
        angle = 2 * Math.atan2(vn, ew),
        g = vn > 1e-12 ? angle / vn : 2;
    // current angular velocity: root frame → world
    Rotations.quatToMat(rootQpos, 3, rootRot, 0);
    double[] m = rootRot;
    double lx = rootQvel[3], ly = rootQvel[4], lz = rootQvel[5];
    d.xfrcApplied.set(
        rootBody,
        3,
        s
            * (assistKpRot * g * ex
                + assistKdRot * (wRef[3 * frame] - (m[0] * lx + m[1] * ly + m[2] * lz))));
    d.xfrcApplied.set(
        rootBody,
        4,
        s
            * (assistKpRot * g * ey
                + assistKdRot * (wRef[3 * frame + 1] - (m[3] * lx + m[4] * ly + m[5] * lz))));
    d.xfrcApplied.set(
        rootBody,
        5,
        s
            * (assistKpRot * g * ez
                + assistKdRot * (wRef[3 * frame + 2] - (m[6] * lx + m[7] * ly + m[8] * lz))));
    assistForceSum += Math.sqrt(f2) / Catalogue.SUBSTEPS;
  }

  private void endEpisode(float[] out, int oOff) {
    Clip c = clips.clip(clip);
    double covered = steps * dt * c.fps(), available = c.frames() - 1 - startFrame;
    lastCoverage = (float) Math.min(1, covered / available);
    if (autoReset) startEpisode(out, oOff);
  }

  /** Reference at {@code ahead} control steps after the current one; returns the frame position. */
  private double sampleReference(int ahead) {
    Clip c = clips.clip(clip);
    double t = startFrame / c.fps() + (steps + ahead) * dt;
    c.sample(lookupTime(c, t), clips.keypoints(clip), refPos, refVel);
    targetTime = t;
    return t * c.fps();
  }

  /** The clip time the reference is read at for time {@code t} (see {@link #referenceFrame}). */
  private double lookupTime(Clip c, double t) {
    return cfg.conventions().referenceLookup()
        ? referenceFrame(t, c.frames(), c.fps()) / c.fps()
        : t;
  }

  /**
   * The frame the reference code reads at time t (kinesis-reference.md §1.4): the clip length as a
   * float32, the phase clipped to [0, 1], and the frame position truncated (often the previous
   * frame).
   */
  static int referenceFrame(double t, int frames, double fps) {
    float len = (float) ((frames - 1) / fps);
    double phase = Math.max(0, Math.min(1, t / len));
    return (int) (phase * (frames - 1));
  }

  private void writeObservation(float[] out, int off) {
    int o = Observations.imitation(state, tracked, refPos, refVel, cfg.conventions().tilt(), obs);
    List<Integer> preview = cfg.conventions().preview();
    if (!preview.isEmpty()) {
      Clip c = clips.clip(clip);
      for (int i = 0; i < preview.size(); i++) {
        double t = targetTime + preview.get(i) * dt; // after the next frame's (clamped at the end)
        c.sample(lookupTime(c, t), clips.keypoints(clip), previewPos[i], null);
        o = Observations.localRefBodyPos(state, previewPos[i], obs, o);
      }
    }
    for (int i = 0; i < obs.length; i++) out[off + i] = (float) obs[i];
  }

  /** Current episode's start frame (for tests and tools). */
  int startFrame() {
    return startFrame;
  }

  /** Control steps taken in the current (or just ended) episode. */
  int steps() {
    return steps;
  }

  /** Seconds of simulation per control step. */
  double controlStep() {
    return dt;
  }

  SimData data() {
    return d;
  }

  // ---- snapshots ------------------------------------------------------------------------------

  /**
   * Writes everything needed to continue identically (simulation state, stale actuator values,
   * bookkeeping).
   */
  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(clip);
    out.writeInt(startFrame);
    out.writeInt(steps);
    out.writeInt(episodes);
    out.writeLong(rng.state());
    out.writeFloat(lastCoverage);
    out.writeLong(instabilities);
    out.writeLong(terminations);
    out.writeLong(truncations);
    termSums.save(out);
    physics.save(out);
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    int c = in.readInt(), f = in.readInt();
    if (c < 0 || c >= clips.size() || f < 0 || f >= clips.clip(c).frames())
      throw new IOException("clip index out of range");
    clip = c;
    startFrame = f;
    steps = in.readInt();
    episodes = in.readInt();
    rng.setState(in.readLong());
    lastCoverage = in.readFloat();
    instabilities = in.readLong();
    terminations = in.readLong();
    truncations = in.readLong();
    termSums.load(in);
    physics.load(in);
    // snapshots are taken right after the per-clip counts were drained
    Arrays.fill(clipSteps, 0);
    Arrays.fill(clipFailures, 0);
    sampleReference(1); // the reference the next action aims at (read by the assistive force)
  }

  /** Index of the clip of the current episode. */
  int clip() {
    return clip;
  }

  @Override
  public float lastCoverage() {
    return lastCoverage;
  }
}
