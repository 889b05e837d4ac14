package kinesis.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.nn.VecGemm;
import kinesis.rl.EnvFactory;
import kinesis.rl.LearnBench;
import kinesis.rl.MetricsLog;
import kinesis.rl.Plots;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.task.ControlMode;

/**
 * The walking learning benchmark: trains on one clip and, every few iterations, runs the mean
 * action from frame 0 under both protocols (training: any tracked body beyond 0.15 m ends the
 * episode; paper: mean beyond 0.5 m). Reports the curve and the samples at which the training-protocol
 * frame coverage first reached 25 %, 50 % and 90 %. Evaluation time is not counted as training time.
 */
public final class WalkBench {
  private WalkBench() {}

  /** Coverage levels whose first crossing is reported. */
  public static final double[] LEVELS = {0.25, 0.5, 0.9};

  /** Columns of the curve (the training metrics' names where they are the same quantity). */
  public static final List<String> COLUMNS = List.of("iteration", "global_step", "seconds", "charts/episodic_length",
      "charts/frame_coverage", "losses/approx_kl", "charts/policy_learning_rate", "env/assist_scale",
      "eval/coverage_train", "eval/steps_train", "eval/coverage_paper", "eval/mpjpe_paper_mm", "eval/success_paper");

  /**
   * Trains the run's configuration on {@code clip} until {@code maxSamples} (0 = no limit) or
   * {@code maxSeconds} of training; writes curve.csv, curve.png and the result into {@code out}
   * when it is not null. Returns the JSON-ready result.
   */
  public static Map<String, Object> run(RunConfig run, EnvFactory factory, Clip clip, long maxSamples, double maxSeconds,
      int evalEvery, Path out, PrintStream log) {
    Path dir = tempDir();
    ControlMode control = ControlMode.parse(run.env().getOrDefault("control", "direct"));
    List<double[]> rows = new ArrayList<>();
    Map<String, Long> reached = new LinkedHashMap<>();
    double trainSeconds = 0;
    long evalNanos = 0;
    try (BodyModel body = BodyModel.load(run.env().getOrDefault("model", "legs"));
        Trainer t = Trainer.start(run, factory, dir, new PrintStream(PrintStream.nullOutputStream()))) {
      long start = System.nanoTime();
      while ((maxSamples == 0 || t.globalStep() < maxSamples) && trainSeconds < maxSeconds) {
        t.iterate();
        trainSeconds = (System.nanoTime() - start - evalNanos) / 1e9;
        if (t.iteration() % evalEvery != 0) continue;
        long e0 = System.nanoTime();
        Controller c = ExpertSpec.of(t.ppo.policy, run.env(), "bench").controller(new VecGemm(1), true);
        ClipOutcome train = Evaluator.episode(body, clip, Protocol.TRAIN.config(control), c);
        ClipOutcome paper = Evaluator.episode(body, clip, Protocol.PAPER.config(control), c);
        evalNanos += System.nanoTime() - e0;
        Map<String, Double> m = t.lastMetrics();
        rows.add(new double[] {t.iteration(), t.globalStep(), trainSeconds, m.get("charts/episodic_length"),
            m.get("charts/frame_coverage"), m.get("losses/approx_kl"), m.get("charts/policy_learning_rate"),
            m.getOrDefault("env/assist_scale", 0.0), train.coverage(), train.steps(), paper.coverage(), paper.mpjpeMm(),
            paper.success() ? 1 : 0});
        for (double level : LEVELS) {
          if (train.coverage() >= level) reached.putIfAbsent(key(level), t.globalStep());
        }
        log.printf("iter %5d  samples %,10d  %6.0f s  train ep_len %5.1f  frame 0, mean action: train protocol %5.1f %% (%d steps), paper %5.1f %% MPJPE %.0f mm%s%n",
            t.iteration(), t.globalStep(), trainSeconds, m.get("charts/episodic_length"), 100 * train.coverage(), train.steps(),
            100 * paper.coverage(), paper.mpjpeMm(), paper.success() ? " success" : "");
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("task", "walk");
      r.put("clip", clip.name());
      r.put("env", run.env());
      r.put("ppo", run.ppo().toMap());
      r.put("samples", t.globalStep());
      r.put("seconds", Math.round(trainSeconds * 10) / 10.0);
      r.put("samples_per_s", Math.round(t.globalStep() / trainSeconds)); // training time only
      r.put("evaluation_seconds", Math.round(evalNanos / 1e8) / 10.0);
      for (double level : LEVELS) r.put("samples_to_" + key(level), reached.get(key(level)));
      double[] last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      r.put("final_coverage_train", last == null ? null : last[8]);
      r.put("final_coverage_paper", last == null ? null : last[10]);
      r.put("final_mpjpe_paper_mm", last == null ? null : last[11]);
      r.put("best_coverage_train", rows.stream().mapToDouble(x -> x[8]).max().orElse(Double.NaN));
      List<Map<String, Object>> curve = new ArrayList<>();
      for (double[] row : rows) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) p.put(COLUMNS.get(i), row[i]);
        curve.add(p);
      }
      r.put("curve", curve);
      if (out != null) write(out, rows, r);
      return r;
    } finally {
      LearnBench.deleteTree(dir);
    }
  }

  private static String key(double level) {
    return Math.round(level * 100) + "pct_coverage";
  }

  private static void write(Path out, List<double[]> rows, Map<String, Object> result) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (MetricsLog csv = MetricsLog.create(out.resolve("curve.csv"), COLUMNS)) {
      for (double[] row : rows) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) m.put(COLUMNS.get(i), row[i]);
        csv.append(m);
      }
    }
    Plots.write(out.resolve("curve.png"), COLUMNS, rows);
    kinesis.io.Json.write(out.resolve("result.json"), result);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kinesis-bench-walk");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
