package kinesis.task;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;

/**
 * One imitation episode on one clip from its first frame (or a later one), without auto-reset: the
 * runner of evaluation and of {@code kinesis play}. After each {@link #step} the mean tracking
 * distance of that step is available ({@link #meanDistance}), and the state can be recorded into a
 * {@link Rollout.Builder}. Owns its simulation data; the model is the caller's.
 */
public final class ImitationEpisode implements AutoCloseable {
  /** How a step ended. */
  public enum Outcome {
    CONTINUE,
    TERMINATED,
    TRUNCATED,
    UNSTABLE
  }

  private final ImitationEnv env;
  private final TrackedClips clip;
  private final double[] keypoints;
  private final double[] terms = new double[4];
  private final List<String> trackedNames;
  private boolean over = true;

  /**
   * {@code cfg}'s random start is ignored: the episode starts where {@link #start} or {@link
   * #startFrom} says.
   */
  public ImitationEpisode(BodyModel body, Clip clip, ImitationConfig cfg) {
    ImitationConfig fixed =
        new ImitationConfig(
            cfg.control(),
            cfg.reward(),
            cfg.terminationDistance(),
            cfg.meanTermination(),
            false,
            Curriculum.NONE,
            cfg.conventions());
    this.clip = new TrackedClips(body, List.of(clip));
    env = new ImitationEnv(body, this.clip, new MuscleControl(body.sim), fixed, 0, 1);
    env.autoReset = false;
    keypoints = new double[3 * body.trackedBodies.length];
    trackedNames = body.variant.tracked();
  }

  public int obsDim() {
    return env.obsDim();
  }

  /** Control steps per second of simulated time (30). */
  public double controlRate() {
    return 1 / env.controlStep();
  }

  /** Starts (or restarts) the episode at frame 0 and writes its first observation. */
  public void start(float[] obs) {
    env.resetCounters();
    env.startEpisode(obs, 0);
    over = false;
  }

  /**
   * Starts (or restarts) the episode at the first frame at or after {@code frame} from which
   * training may start (one with a stored pose), as training's random starts do; returns that
   * frame, or -1 without starting when none leaves a step to play.
   */
  public int startFrom(int frame, float[] obs) {
    int f = clip.startFrameFrom(0, frame);
    if (f < 0) return -1;
    env.resetCounters();
    env.startEpisodeAt(obs, 0, f);
    over = false;
    return f;
  }

  /** Applies one action; writes the next observation unless the episode ended. */
  public Outcome step(float[] action, float[] obs) {
    if (over) throw new IllegalStateException("the episode has ended; call start first");
    Outcome o =
        switch (env.step(action, 0, obs, 0)) {
          case ImitationEnv.CONTINUE -> Outcome.CONTINUE;
          case ImitationEnv.TERMINATED -> Outcome.TERMINATED;
          case ImitationEnv.TRUNCATED -> Outcome.TRUNCATED;
          default -> Outcome.UNSTABLE;
        };
    over = o != Outcome.CONTINUE;
    return o;
  }

  /** The running episode's whole state, for {@link #load} (to try actions ahead and come back). */
  public byte[] save() {
    if (over) throw new IllegalStateException("the episode has ended");
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var out = new java.io.DataOutputStream(bytes)) {
        env.save(out);
      }
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Returns to a state written by {@link #save} of this episode; the next step continues from it.
   */
  public void load(byte[] state) {
    try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
      env.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    over = false;
  }

  /** Mean distance (m) over tracked bodies between simulation and reference after the last step. */
  public double meanDistance() {
    return env.meanDistance;
  }

  /**
   * How the body stood against its reference when the episode ended ({@link TrackingError#NONE}
   * while it runs or after an unstable step).
   */
  public TrackingError endError() {
    return over ? env.trackingError(trackedNames) : TrackingError.NONE;
  }

  /** Control steps taken in this episode. */
  public int steps() {
    return env.steps();
  }

  /** Reward of the last step. */
  public double reward() {
    return env.reward;
  }

  /** Records the state after the last step with its reference keypoints and reward terms. */
  public void record(Rollout.Builder into) {
    Clip c = clip.clip(0);
    c.sample(env.steps() * env.controlStep(), clip.keypoints(0), keypoints, null);
    System.arraycopy(env.terms, 0, terms, 0, 4);
    into.record(env.data(), keypoints, terms);
  }

  @Override
  public void close() {
    env.close();
  }
}
