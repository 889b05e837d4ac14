package kinesis.eval;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;
import kinesis.task.ImitationEpisode.Outcome;

/**
 * An upper bound for a mixture's gate, not a policy: every {@code every} control steps each expert
 * is played {@code horizon} steps ahead in the simulator from the current state, and the one that
 * keeps tracking longest (then closest) acts until the next choice. It sees the simulator and the
 * reference ahead, which a gate never does; it tells whether the experts hold a way through a clip
 * that a better gate could find.
 */
public final class LookaheadOracle {
  private LookaheadOracle() {}

  /** One episode from frame 0 with its outcome and the expert chosen at each control step. */
  public record Played(ClipOutcome outcome, int[] experts) {}

  /** Every clip once, in clip order, on {@code threads} threads (each with its own experts). */
  public static List<Played> run(
      BodyModel body,
      List<Clip> clips,
      ImitationConfig cfg,
      Supplier<List<Controller>> experts,
      int horizon,
      int every,
      int threads) {
    return Trials.run(
        clips.size(),
        threads,
        experts,
        (e, i) -> episode(body, clips.get(i), cfg, e, horizon, every));
  }

  /** Plays {@code clip} from frame 0 under {@code cfg}, choosing among {@code experts}. */
  public static Played episode(
      BodyModel body,
      Clip clip,
      ImitationConfig cfg,
      List<Controller> experts,
      int horizon,
      int every) {
    if (horizon < 1 || every < 1 || every > horizon)
      throw new IllegalArgumentException("need 1 <= every <= horizon");
    try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
      float[] obs = new float[ep.obsDim()], act = new float[experts.get(0).actionDim()];
      double[] errors = new double[Math.max(16, clip.frames())];
      int[] chosen = new int[errors.length];
      int n = 0;
      ep.start(obs);
      Outcome o = Outcome.CONTINUE;
      while (o == Outcome.CONTINUE) {
        int best = choose(ep, obs, experts, null, -1, horizon);
        Controller c = experts.get(best);
        for (int k = 0; k < every && o == Outcome.CONTINUE; k++) {
          c.act(obs, act);
          o = ep.step(act, obs);
          if (o == Outcome.UNSTABLE) break;
          if (n == errors.length) {
            errors = Arrays.copyOf(errors, 2 * n);
            chosen = Arrays.copyOf(chosen, 2 * n);
          }
          chosen[n] = best;
          errors[n++] = ep.meanDistance();
        }
      }
      boolean failed = o == Outcome.TERMINATED || o == Outcome.UNSTABLE;
      ClipOutcome outcome =
          ClipOutcome.score(
              clip.name(),
              clip.skill(),
              (clip.frames() - 1) / clip.fps(),
              ep.controlRate(),
              Arrays.copyOf(errors, n),
              failed,
              ep.endError());
      return new Played(outcome, Arrays.copyOf(chosen, n));
    }
  }

  /**
   * The expert that, played alone from the episode's current state, takes most steps before the
   * episode ends badly (reaching the clip's end counts as lasting the whole horizon): {@code
   * preferred} when it lasts as long as any (-1: none preferred), else the one with the lowest mean
   * distance among those; only experts that {@code may} choose (all when null). The episode is left
   * as it was, {@code obs} (its current observation) is only read.
   */
  static int choose(
      ImitationEpisode ep,
      float[] obs,
      List<Controller> experts,
      boolean[] may,
      int preferred,
      int horizon) {
    byte[] state = ep.save();
    float[] o = new float[obs.length], act = new float[experts.get(0).actionDim()];
    int k = experts.size(), most = -1;
    int[] lasted = new int[k];
    double[] distance = new double[k];
    for (int e = 0; e < k; e++) {
      lasted[e] = -1;
      if (may != null && !may[e]) continue;
      Controller c = experts.get(e);
      System.arraycopy(obs, 0, o, 0, o.length);
      int steps = 0;
      double sum = 0;
      Outcome out = Outcome.CONTINUE;
      while (steps < horizon && out == Outcome.CONTINUE) {
        c.act(o, act);
        out = ep.step(act, o);
        if (out == Outcome.TERMINATED || out == Outcome.UNSTABLE) break;
        steps++;
        sum += ep.meanDistance();
      }
      lasted[e] = out == Outcome.TRUNCATED ? horizon : steps;
      distance[e] = sum / Math.max(1, steps);
      most = Math.max(most, lasted[e]);
      ep.load(state);
    }
    if (preferred >= 0 && lasted[preferred] == most) return preferred;
    int best = -1;
    for (int e = 0; e < k; e++)
      if (lasted[e] == most && (best < 0 || distance[e] < distance[best])) best = e;
    return best;
  }
}
