package kinesis.task.kick;

import java.util.List;
import kinesis.motion.Clip;
import kinesis.task.MuscleControl;
import kinesis.task.Rng;
import kinesis.task.TaskEnv;
import kinesis.task.TrackedClips;

/**
 * One kick without auto-reset, the runner of {@code kinesis kick eval}: starts at frame 0 of a clip
 * with the root at a spawn drawn from a given random stream, against a given goalkeeper strategy.
 * Owns its simulation data; the scene is the caller's.
 */
public final class KickEpisode implements AutoCloseable {
  private final KickEnv env;
  private final KickConfig cfg;
  private double spawnX, spawnY;

  public KickEpisode(KickScene scene, Clip start, KickConfig cfg) {
    this.cfg = cfg;
    env =
        new KickEnv(
            scene,
            new TrackedClips(scene.body, List.of(start)),
            new MuscleControl(scene.body.sim),
            cfg);
    env.autoReset = false;
  }

  public int obsDim() {
    return env.obsDim();
  }

  /**
   * Starts a kick: spawn and goalkeeper speed drawn from a stream in state {@code rngState}, the
   * keeper playing {@code strategy}.
   */
  public void start(long rngState, Goalkeeper.Strategy strategy, float[] obs) {
    Rng rng = env.rng();
    rng.setState(rngState);
    spawnX = cfg.spawnXMin() + (cfg.spawnXMax() - cfg.spawnXMin()) * rng.nextDouble();
    spawnY = (2 * rng.nextDouble() - 1) * cfg.spawnY();
    env.start(0, 0, spawnX, spawnY, strategy, obs, 0);
  }

  /** Applies one action; true while the kick goes on. */
  public boolean step(float[] action, float[] obs) {
    return env.step(action, 0, obs, 0) == TaskEnv.CONTINUE;
  }

  /** How the kick ended: goal, miss, fall, timeout or unstable (none while it goes on). */
  public String end() {
    return env.end.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A goal scored with the body still up (the episode ends on a fall before a goal can count). */
  public boolean scored() {
    return env.end == KickEnv.End.GOAL;
  }

  public boolean fell() {
    return env.end == KickEnv.End.FALL || env.end == KickEnv.End.UNSTABLE;
  }

  public double reward() {
    return env.reward();
  }

  public int steps() {
    return env.steps();
  }

  /** Mean over the steps of the mean squared muscle activation. */
  public double effort() {
    return env.effort();
  }

  public double spawnX() {
    return spawnX;
  }

  public double spawnY() {
    return spawnY;
  }

  /** The ball's centre now (world, m). */
  public double[] ball() {
    return env.ball();
  }

  @Override
  public void close() {
    env.close();
  }
}
