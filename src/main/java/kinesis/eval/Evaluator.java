package kinesis.eval;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;
import kinesis.task.Rollout;

/**
 * Evaluation of a policy on clips (reference §5): each clip once from its first frame with the
 * policy's deterministic action (a mixture samples its expert), until the episode terminates or
 * reaches the clip's end. Clips run in parallel, one controller per thread; clip i's random stream
 * is derived from the seed and i, so the outcome does not depend on the thread count.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Outcomes in clip order. */
  public static List<ClipOutcome> run(
      BodyModel body,
      List<Clip> clips,
      ImitationConfig cfg,
      Supplier<Controller> controllers,
      long seed,
      int threads) {
    return Trials.run(
        clips.size(), threads, controllers, (c, i) -> clip(body, clips.get(i), i, cfg, c, seed));
  }

  /**
   * Clip {@code index} of a list, seeded as {@link #run} seeds it: the same outcome in whichever
   * JVM it runs.
   */
  public static ClipOutcome clip(
      BodyModel body, Clip clip, int index, ImitationConfig cfg, Controller c, long seed) {
    return clip(body, clip, index, cfg, c, seed, null);
  }

  /** {@link #clip} that also records the episode into {@code recorder} (when not null). */
  public static ClipOutcome clip(
      BodyModel body,
      Clip clip,
      int index,
      ImitationConfig cfg,
      Controller c,
      long seed,
      Rollout.Builder recorder) {
    c.reseed(seed * 0x9E3779B97F4A7C15L + index);
    return episode(body, clip, cfg, c, recorder);
  }

  /** One clip, one episode, scored with {@link ClipOutcome#score}. */
  public static ClipOutcome episode(BodyModel body, Clip clip, ImitationConfig cfg, Controller c) {
    return episode(body, clip, cfg, c, null);
  }

  /**
   * {@link #episode} that also records the initial state and every step into {@code recorder} (when
   * not null).
   */
  public static ClipOutcome episode(
      BodyModel body, Clip clip, ImitationConfig cfg, Controller c, Rollout.Builder recorder) {
    try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
      float[] obs = new float[ep.obsDim()], act = new float[c.actionDim()];
      if (c.obsDim() != ep.obsDim()) {
        throw new kinesis.io.BadInputException(
            "policy expects "
                + c.obsDim()
                + " observations, model "
                + body.variant.name()
                + " gives "
                + ep.obsDim());
      }
      double[] errors = new double[Math.max(16, clip.frames())];
      int n = 0;
      ep.start(obs);
      if (recorder != null) ep.record(recorder);
      ImitationEpisode.Outcome o;
      do {
        c.act(obs, act);
        o = ep.step(act, obs);
        if (o != ImitationEpisode.Outcome.UNSTABLE) {
          if (n == errors.length) errors = Arrays.copyOf(errors, 2 * n);
          errors[n++] = ep.meanDistance();
          if (recorder != null) ep.record(recorder);
        }
      } while (o == ImitationEpisode.Outcome.CONTINUE);
      boolean failed =
          o == ImitationEpisode.Outcome.TERMINATED || o == ImitationEpisode.Outcome.UNSTABLE;
      double rate = ep.controlRate();
      return ClipOutcome.score(
          clip.name(),
          clip.skill(),
          (clip.frames() - 1) / clip.fps(),
          rate,
          Arrays.copyOf(errors, n),
          failed,
          ep.endError());
    }
  }
}
