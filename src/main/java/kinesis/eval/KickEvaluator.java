package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.Rng;
import kinesis.task.kick.Goalkeeper;
import kinesis.task.kick.KickConfig;
import kinesis.task.kick.KickEpisode;
import kinesis.task.kick.KickScene;

/**
 * Evaluation of the penalty kick (paper Fig. 4C): per goalkeeper strategy, kicks from frame 0 of a
 * start clip with the spawn and the goalkeeper's speed limit of kick i drawn from a stream derived
 * from the seed, the strategy and i, and the policy's deterministic action. Success: a goal with
 * the body up; effort: mean squared muscle activation.
 */
public final class KickEvaluator {
  private KickEvaluator() {}

  /**
   * One kick: spawn (m), how it ended, whether it scored or fell, effort, return, control steps,
   * the ball at the end.
   */
  public record Kick(
      double x,
      double y,
      String end,
      boolean scored,
      boolean fell,
      double effort,
      double episodeReturn,
      int steps,
      double[] ball) {}

  /** The random stream of kick {@code i} against {@code s}. */
  @SuppressWarnings("EnumOrdinal") // the ordinal seeds the stream; changing it changes every kick
  static long stream(long seed, Goalkeeper.Strategy s, int i) {
    return Rng.forEnv(seed + 0x632BE59BD9B4E019L * (s.ordinal() + 1), i).state();
  }

  public static List<Kick> run(
      KickScene scene,
      Clip start,
      KickConfig cfg,
      Goalkeeper.Strategy s,
      Supplier<Controller> controllers,
      int trials,
      long seed,
      int threads) {
    if (trials < 1) throw new BadInputException("--trials must be at least 1, not " + trials);
    return Trials.run(
        trials, threads, controllers, (c, i) -> kick(scene, start, cfg, s, c, i, seed));
  }

  /**
   * Kick {@code i} of a run with {@code seed} against {@code s}: its spawn, goalkeeper and
   * controller seeded by i alone.
   */
  public static Kick kick(
      KickScene scene,
      Clip start,
      KickConfig cfg,
      Goalkeeper.Strategy s,
      Controller c,
      int i,
      long seed) {
    c.reseed(seed * 0x9E3779B97F4A7C15L + i);
    return kick(scene, start, cfg, s, c, stream(seed, s, i));
  }

  static Kick kick(
      KickScene scene,
      Clip start,
      KickConfig cfg,
      Goalkeeper.Strategy s,
      Controller c,
      long stream) {
    try (KickEpisode ep = new KickEpisode(scene, start, cfg)) {
      if (c.obsDim() != ep.obsDim()) {
        throw new BadInputException(
            "the policy expects "
                + c.obsDim()
                + " observations, the kick gives "
                + ep.obsDim()
                + (cfg.ballInputs() ? " (ball_inputs=true adds 8)" : " (ball_inputs=false)"));
      }
      float[] obs = new float[ep.obsDim()], act = new float[c.actionDim()];
      ep.start(stream, s, obs);
      double ret = 0;
      boolean going;
      do {
        c.act(obs, act);
        going = ep.step(act, obs);
        ret += ep.reward();
      } while (going);
      return new Kick(
          ep.spawnX(),
          ep.spawnY(),
          ep.end(),
          ep.scored(),
          ep.fell(),
          ep.effort(),
          ret,
          ep.steps(),
          ep.ball());
    }
  }

  /** Success rate, the rates of each ending, mean effort, return and episode length (s). */
  public static Map<String, Object> summary(List<Kick> kicks) {
    int n = kicks.size();
    Map<String, Integer> ends = new LinkedHashMap<>();
    for (String e : List.of("goal", "miss", "fall", "timeout", "unstable")) ends.put(e, 0);
    double effort = 0, ret = 0, seconds = 0;
    int scored = 0;
    for (Kick k : kicks) {
      ends.merge(k.end(), 1, Integer::sum);
      if (k.scored()) scored++;
      effort += k.effort();
      ret += k.episodeReturn();
      seconds += k.steps() / 30.0;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kicks", n);
    m.put("success_rate", (double) scored / n);
    for (var e : ends.entrySet()) m.put(e.getKey() + "_rate", (double) e.getValue() / n);
    m.put("effort", effort / n);
    m.put("mean_return", ret / n);
    m.put("mean_seconds", seconds / n);
    return m;
  }

  /** Per-kick rows for JSON. */
  public static List<Map<String, Object>> rows(List<Kick> kicks) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Kick k : kicks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("spawn_x", k.x());
      m.put("spawn_y", k.y());
      m.put("end", k.end());
      m.put("effort", k.effort());
      m.put("return", k.episodeReturn());
      m.put("steps", k.steps());
      m.put("ball", k.ball());
      out.add(m);
    }
    return out;
  }
}
