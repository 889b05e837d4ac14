package kinesis.eval;

import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.SteerEpisode;
import kinesis.task.reach.SteerInput;

/**
 * One directional-control episode driven by a policy, shared by the scripted run ({@link Steering})
 * and the live viewer: before every action the command in force is read from a {@link SteerInput}
 * and the goal moved accordingly. Not thread-safe; owns its episode.
 */
public final class SteerDriver implements AutoCloseable {
  /** Control steps per second. */
  public static final double FPS = 30;

  private final SteerEpisode episode;
  private final Controller policy;
  private final float[] obs, act;

  public SteerDriver(
      BodyModel body, Clip start, ReachConfig cfg, Controller policy, double seconds) {
    episode = new SteerEpisode(body, start, cfg, seconds);
    if (policy.obsDim() != episode.obsDim()) {
      episode.close();
      throw new BadInputException(
          "policy expects "
              + policy.obsDim()
              + " observations, model "
              + body.variant.name()
              + " gives "
              + episode.obsDim());
    }
    this.policy = policy;
    obs = new float[episode.obsDim()];
    act = new float[policy.actionDim()];
  }

  /** (Re)starts at frame 0 of the start clip. */
  public void start() {
    episode.start(obs);
  }

  /** Episode time now (s). */
  public double time() {
    return episode.steps() / FPS;
  }

  /** Moves the goal as {@code input} says now, acts and steps; true while the episode goes on. */
  public boolean step(SteerInput input) {
    episode.command(input.at(time()), obs);
    policy.act(obs, act);
    return episode.step(act, obs);
  }

  public SteerEpisode episode() {
    return episode;
  }

  @Override
  public void close() {
    episode.close();
  }
}
