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
import kinesis.motion.Clip;
import kinesis.rl.EnvFactory;
import kinesis.rl.MetricsLog;
import kinesis.rl.Plots;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.task.ControlMode;

/**
 * The walking learning benchmark: trains on one clip and, every few iterations, runs the mean
 * action from frame 0 under both protocols (training: any tracked body beyond 0.15 m ends the
 * episode; paper: mean beyond 0.5 m). Reports the curve and the samples at which the
 * training-protocol frame coverage first reached 25 %, 50 % and 90 %. Evaluation time is not
 * counted as training time.
 */
public final class WalkBench {
  private WalkBench() {}

  /** Coverage levels whose first crossing is reported. */
  private static final double[] LEVELS = {0.25, 0.5, 0.9};

  /** Columns of the curve (the training metrics' names where they are the same quantity). */
  public static final List<String> COLUMNS =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  "iteration",
                  "global_step",
                  "seconds",
                  "charts/episodic_length",
                  "charts/frame_coverage",
                  "losses/approx_kl",
                  "charts/policy_learning_rate",
                  "env/assist_scale"),
              ClipProbe.NAMES.stream())
          .toList();

  private static final int COVERAGE_TRAIN = COLUMNS.indexOf("eval/coverage_train"),
      COVERAGE_PAPER = COLUMNS.indexOf("eval/coverage_paper"),
      MPJPE_PAPER = COLUMNS.indexOf("eval/mpjpe_paper_mm");

  /**
   * Trains the run's configuration on {@code clip} until {@code maxSamples} (0 = no limit) or
   * {@code maxSeconds} of training; writes curve.csv, curve.png and the result into {@code out}
   * when it is not null. Returns the JSON-ready result.
   */
  public static Map<String, Object> run(
      RunConfig run,
      EnvFactory factory,
      Clip clip,
      long maxSamples,
      double maxSeconds,
      int evalEvery,
      Path out,
      PrintStream log) {
    Path dir = tempDir();
    ControlMode control = ControlMode.parse(run.env().getOrDefault("control", "direct"));
    List<double[]> rows = new ArrayList<>();
    Map<String, Long> reached = new LinkedHashMap<>();
    double trainSeconds = 0;
    long start = System.nanoTime();
    ClipProbe probe =
        new ClipProbe(run.env().getOrDefault("model", "legs"), clip, List.of(), control, evalEvery);
    Trainer trainer;
    try {
      trainer =
          Trainer.start(
              run, factory, dir, new PrintStream(PrintStream.nullOutputStream()), null, probe);
    } catch (RuntimeException e) {
      probe.close();
      kinesis.io.AtomicFiles.deleteTreeUnchecked(dir);
      throw e;
    }
    try (Trainer t = trainer) { // closes the probe too
      while ((maxSamples == 0 || t.globalStep() < maxSamples) && trainSeconds < maxSeconds) {
        t.iterate();
        Map<String, Double> m = t.lastMetrics();
        trainSeconds +=
            m.get("time/rollout_s")
                + m.get("time/update_s"); // the probe's episodes are not training time
        if (t.iteration() % evalEvery != 0) continue;
        double[] row = new double[COLUMNS.size()];
        row[2] = trainSeconds;
        for (int i = 0; i < row.length; i++)
          if (i != 2) row[i] = m.getOrDefault(COLUMNS.get(i), 0.0);
        rows.add(row);
        double coverage = m.get("eval/coverage_train");
        for (double level : LEVELS) {
          if (coverage >= level) reached.putIfAbsent(key(level), t.globalStep());
        }
        log.printf(
            "iter %5d  samples %,10d  %6.0f s  train ep_len %5.1f  frame 0, mean action: train protocol %5.1f %% (%.0f steps), paper %5.1f %% MPJPE %.0f mm%s%n",
            t.iteration(),
            t.globalStep(),
            trainSeconds,
            m.get("charts/episodic_length"),
            100 * coverage,
            m.get("eval/steps_train"),
            100 * m.get("eval/coverage_paper"),
            m.get("eval/mpjpe_paper_mm"),
            m.get("eval/success_paper") > 0 ? " success" : "");
      }
      double evalSeconds = (System.nanoTime() - start) / 1e9 - trainSeconds;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("task", "walk");
      r.put("clip", clip.name());
      r.put("env", run.env());
      r.put("ppo", run.ppo().toMap());
      r.put("samples", t.globalStep());
      r.put("seconds", Math.round(trainSeconds * 10) / 10.0);
      r.put("samples_per_s", Math.round(t.globalStep() / trainSeconds)); // training time only
      r.put("evaluation_seconds", Math.round(evalSeconds * 10) / 10.0); // probe episodes and set-up
      for (double level : LEVELS) r.put("samples_to_" + key(level), reached.get(key(level)));
      double[] last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      r.put("final_coverage_train", last == null ? null : last[COVERAGE_TRAIN]);
      r.put("final_coverage_paper", last == null ? null : last[COVERAGE_PAPER]);
      r.put("final_mpjpe_paper_mm", last == null ? null : last[MPJPE_PAPER]);
      r.put(
          "best_coverage_train",
          rows.stream().mapToDouble(x -> x[COVERAGE_TRAIN]).max().orElse(Double.NaN));
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
      kinesis.io.AtomicFiles.deleteTreeUnchecked(dir);
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
