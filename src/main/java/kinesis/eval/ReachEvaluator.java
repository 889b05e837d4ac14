package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.Rng;
import kinesis.task.Rollout;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.ReachEpisode;

/**
 * Evaluation of goal reaching (kinesis-reference.md §6.1, paper Fig. 4B): trials from frame 0 of a
 * start clip, the goal of trial i drawn uniformly in the configured square in the start's heading
 * frame from a stream derived from the seed and i, the policy's deterministic action.
 */
public final class ReachEvaluator {
  private ReachEvaluator() {}

  /**
   * One trial: the goal offset (m, start's heading frame: forward, left), whether it succeeded or
   * fell, the final distance (m), the time (s) at which the root first came within the success
   * radius (NaN if never), the return and the steps taken.
   */
  public record Trial(
      double forward,
      double left,
      boolean success,
      boolean fell,
      double finalDistance,
      double reachSeconds,
      double episodeReturn,
      int steps) {}

  /** The goal offset of trial {@code i}. */
  public static double[] goal(long seed, int i, double range) {
    Rng rng = Rng.forEnv(seed, i);
    return new double[] {(2 * rng.nextDouble() - 1) * range, (2 * rng.nextDouble() - 1) * range};
  }

  public static List<Trial> run(
      BodyModel body,
      Clip start,
      ReachConfig cfg,
      Supplier<Controller> controllers,
      int trials,
      long seed,
      int threads) {
    if (trials < 1) throw new BadInputException("--trials must be at least 1, not " + trials);
    return Trials.run(trials, threads, controllers, (c, i) -> trial(body, start, cfg, c, i, seed));
  }

  /**
   * Trial {@code i} of a run, its goal and controller seeded as {@link #run} seeds them: the same
   * outcome in whichever JVM it runs.
   */
  public static Trial trial(
      BodyModel body, Clip start, ReachConfig cfg, Controller c, int i, long seed) {
    c.reseed(seed * 0x9E3779B97F4A7C15L + i);
    double[] g = goal(seed, i, cfg.goalRange());
    return trial(body, start, cfg, c, g[0], g[1], null);
  }

  /**
   * One trial toward the goal ({@code forward}, {@code left}); records every state into {@code
   * recorder} when not null.
   */
  public static Trial trial(
      BodyModel body,
      Clip start,
      ReachConfig cfg,
      Controller c,
      double forward,
      double left,
      Rollout.Builder recorder) {
    try (ReachEpisode ep = new ReachEpisode(body, start, cfg)) {
      if (c.obsDim() != ep.obsDim()) {
        throw new BadInputException(
            "policy expects "
                + c.obsDim()
                + " observations, model "
                + body.variant.name()
                + " gives "
                + ep.obsDim());
      }
      float[] obs = new float[ep.obsDim()], act = new float[c.actionDim()];
      ep.start(forward, left, obs);
      if (recorder != null) ep.record(recorder, body);
      double ret = 0;
      boolean going;
      do {
        c.act(obs, act);
        going = ep.step(act, obs);
        ret += ep.reward();
        if (recorder != null) ep.record(recorder, body);
      } while (going);
      int reached = ep.reachedStep();
      return new Trial(
          forward,
          left,
          ep.succeeded(),
          ep.fell(),
          ep.distance(),
          reached < 0 ? Double.NaN : reached / 30.0,
          ret,
          ep.steps());
    }
  }

  /**
   * Success rate, fall rate, mean final distance, mean time to reach (successes only) and mean
   * return.
   */
  public static Map<String, Object> summary(List<Trial> trials) {
    int n = trials.size(), ok = 0, fell = 0, reached = 0;
    double dist = 0, time = 0, ret = 0;
    for (Trial t : trials) {
      if (t.success()) ok++;
      if (t.fell()) fell++;
      dist += t.finalDistance();
      ret += t.episodeReturn();
      if (t.success() && !Double.isNaN(t.reachSeconds())) {
        time += t.reachSeconds();
        reached++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trials", n);
    m.put("success_rate", (double) ok / n);
    m.put("fall_rate", (double) fell / n);
    m.put("mean_final_distance_m", dist / n);
    m.put("mean_time_to_reach_s", reached > 0 ? time / reached : null);
    m.put("mean_return", ret / n);
    return m;
  }

  /**
   * Success fraction per cell of a {@code cells} × {@code cells} grid over the goal square ({@code
   * [row = left][col = forward]}, both from −range to range); NaN where no trial fell in.
   */
  public static double[][] heatmap(List<Trial> trials, double range, int cells) {
    double[][] ok = new double[cells][cells], n = new double[cells][cells];
    for (Trial t : trials) {
      int col = cell(t.forward(), range, cells), row = cell(t.left(), range, cells);
      n[row][col]++;
      if (t.success()) ok[row][col]++;
    }
    double[][] out = new double[cells][cells];
    for (int r = 0; r < cells; r++)
      for (int c = 0; c < cells; c++) out[r][c] = n[r][c] > 0 ? ok[r][c] / n[r][c] : Double.NaN;
    return out;
  }

  private static int cell(double v, double range, int cells) {
    return Math.max(0, Math.min(cells - 1, (int) Math.floor((v + range) / (2 * range) * cells)));
  }

  /** Per-trial rows for JSON. */
  public static List<Map<String, Object>> rows(List<Trial> trials) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Trial t : trials) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("forward_m", t.forward());
      m.put("left_m", t.left());
      m.put("success", t.success());
      m.put("fell", t.fell());
      m.put("final_distance_m", t.finalDistance());
      m.put("time_to_reach_s", Double.isNaN(t.reachSeconds()) ? null : t.reachSeconds());
      m.put("return", t.episodeReturn());
      m.put("steps", t.steps());
      out.add(m);
    }
    return out;
  }
}
