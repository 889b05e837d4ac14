package kinesis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.eval.emg.EmgBenchmark;
import kinesis.eval.emg.EmgFigure;
import kinesis.eval.emg.HumanBaseline;
import kinesis.eval.emg.HumanData;
import kinesis.eval.emg.MuscleMap;
import kinesis.eval.emg.SyntheticRollout;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kinesis emg ROLLOUT...}: correlation of simulated muscle activity with human EMG. */
@Command(
    name = "emg",
    mixinStandardHelpOptions = true,
    description =
        "Compare the gait-averaged muscle activity of rollouts with human EMG (Falisse et al. 2019, "
            + "Santuz et al. 2020): Pearson r per muscle and subject, the human-to-human baseline, and the "
            + "joint-angle error (MPJAE) against the human kinematics. Cycles run from initial contact (heel strike or forefoot landing) to the next.")
final class EmgCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "ROLLOUT",
      description = "Rollout files (*.rollout.npz); their cycles are pooled.")
  List<Path> rollouts = new ArrayList<>();

  @Option(
      names = "--dataset",
      defaultValue = "all",
      description = "falisse2019 | santuz2020 | all (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--side",
      defaultValue = "right",
      description =
          "Leg under test: right | left (default: ${DEFAULT-VALUE}; the human data are right legs).")
  String side;

  @Option(
      names = "--signal",
      defaultValue = "act",
      description =
          "act (muscle activation) | ctrl (excitation, as the original notebook) (default: ${DEFAULT-VALUE}).")
  String signal;

  @Option(
      names = "--min-cycles",
      defaultValue = "3",
      description = "Fewest gait cycles accepted (default: ${DEFAULT-VALUE}).")
  int minCycles;

  @Option(
      names = "--out",
      description = "Folder for emg.json and one emg-DATASET.png figure per data set.")
  Path out;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(
      names = "--human-baseline",
      description = "Print only the human-to-human baseline of the data set(s).")
  boolean humanBaseline;

  @Option(
      names = "--self-check",
      description =
          "Run the benchmark on rollouts made of the human curves themselves (expects r = 1, MPJAE = 0); with --out also saves them.")
  boolean selfCheck;

  @Option(
      names = "--model",
      defaultValue = "legs",
      description = "Model whose names the self-check rollouts use (default: ${DEFAULT-VALUE}).")
  String model;

  @Override
  public Integer call() {
    List<String> names = dataset.equals("all") ? HumanData.NAMES : List.of(dataset);
    List<HumanData> sets = new ArrayList<>();
    for (String n : names) sets.add(HumanData.load(n));
    if (!signal.equals("act") && !signal.equals("ctrl"))
      throw new BadInputException("--signal must be act or ctrl, got '" + signal + "'");
    EmgBenchmark.Options options =
        EmgBenchmark.Options.defaults()
            .withSide(side)
            .withControls(signal.equals("ctrl"))
            .withMinCycles(minCycles);
    if (humanBaseline) return printBaseline(sets);
    if (selfCheck) return selfCheck(sets, options);
    if (rollouts.isEmpty())
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "no rollout given (or use --human-baseline / --self-check)");
    List<EmgBenchmark.Source> sources = new ArrayList<>();
    for (Path p : rollouts) sources.add(new EmgBenchmark.Source(p, RolloutFile.read(p)));
    List<EmgBenchmark.Result> results = new ArrayList<>();
    MuscleMap map = MuscleMap.load();
    for (HumanData d : sets) results.add(EmgBenchmark.evaluate(sources, d, map, options));
    report(results, rollouts);
    return 0;
  }

  private int printBaseline(List<HumanData> sets) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (HumanData d : sets) all.put(d.name(), HumanBaseline.of(d).toJson());
    if (json) {
      Object body =
          sets.size() == 1
              ? Map.of("dataset", sets.get(0).name(), "human_baseline", all.get(sets.get(0).name()))
              : Map.of("dataset", "all", "human_baseline", all);
      System.out.println(Json.write(body));
      return 0;
    }
    for (HumanData d : sets) {
      HumanBaseline b = HumanBaseline.of(d);
      System.out.printf(
          "%s  %s baseline: r = %.3f ± %.3f (sem), %d pairs, range %.3f .. %.3f%n",
          d.name(),
          b.kind(),
          b.mean(),
          b.sem(),
          b.pairMeans().length,
          kinesis.eval.emg.Stats.min(b.pairMeans()),
          kinesis.eval.emg.Stats.max(b.pairMeans()));
    }
    return 0;
  }

  private int selfCheck(List<HumanData> sets, EmgBenchmark.Options options) {
    MuscleMap map = MuscleMap.load();
    Rollout.Meta layout;
    try (BodyModel body = BodyModel.load(model)) {
      layout = Rollout.builder(body, "", 30, List.of(), List.of(), "", 0).meta();
    }
    List<EmgBenchmark.Result> results = new ArrayList<>();
    boolean pass = true;
    List<Path> files = new ArrayList<>();
    for (HumanData d : sets) {
      Rollout r = SyntheticRollout.fromHuman(d, 0, map, side, layout, 6);
      Path file = Path.of("selfcheck-" + d.name() + RolloutFile.SUFFIX);
      if (out != null) {
        file = out.resolve(file);
        RolloutFile.write(file, r);
        r = RolloutFile.read(file); // check the file round trip too
      }
      files.add(file);
      // compare with the subject whose curves were played
      HumanData one =
          new HumanData(
              d.name(),
              d.description() + " (subject " + d.subjects().get(0) + " only)",
              d.normalisation(),
              d.channels(),
              List.of(d.subjects().get(0)),
              new double[][][] {d.emg()[0]},
              d.joints(),
              d.trials(),
              d.stanceFraction());
      EmgBenchmark.Result res =
          EmgBenchmark.evaluate(List.of(new EmgBenchmark.Source(file, r)), one, map, options);
      results.add(res);
      double minR = java.util.Arrays.stream(res.r()[0]).min().orElse(Double.NaN);
      boolean ok = minR > 1 - 1e-6 && (res.mpjae().isEmpty() || res.mpjaeMean() < 1e-3);
      pass &= ok;
      if (!json) {
        System.out.printf(
            "self-check %-12s min r = %.6f, MPJAE = %s deg: %s%n",
            d.name(),
            minR,
            res.mpjae().isEmpty() ? "n/a" : String.format("%.5f", res.mpjaeMean()),
            ok ? "pass" : "FAIL");
      }
    }
    if (json) {
      Map<String, Object> j = summary(results, files);
      j.put("self_check", pass ? "pass" : "fail");
      System.out.println(Json.write(j));
    } else if (out != null) {
      writeFiles(results, files);
    }
    return pass ? 0 : 1;
  }

  private void report(List<EmgBenchmark.Result> results, List<Path> files) {
    if (out != null) writeFiles(results, files);
    if (json) {
      System.out.println(Json.write(summary(results, files)));
      return;
    }
    for (EmgBenchmark.Result r : results) printTable(r);
    if (out != null) System.out.println("wrote " + out.resolve("emg.json") + " and figures");
  }

  private void writeFiles(List<EmgBenchmark.Result> results, List<Path> files) {
    Json.write(out.resolve("emg.json"), summary(results, files));
    for (EmgBenchmark.Result r : results)
      EmgFigure.write(r, out.resolve("emg-" + r.data().name() + ".png"));
  }

  /**
   * One data set: its result object; several: the results by data set plus the headline numbers.
   */
  private static Map<String, Object> summary(List<EmgBenchmark.Result> results, List<Path> files) {
    Map<String, Object> j = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (Path p : files) names.add(p.toString());
    if (results.size() == 1) {
      j.putAll(results.get(0).toJson());
      j.put("rollouts", names);
      return j;
    }
    j.put("dataset", "all");
    j.put("rollouts", names);
    Map<String, Object> mean = new LinkedHashMap<>(),
        baseline = new LinkedHashMap<>(),
        perMuscle = new LinkedHashMap<>(),
        datasets = new LinkedHashMap<>();
    Object mpjae = null;
    int cycles = 0;
    for (EmgBenchmark.Result r : results) {
      Map<String, Object> one = r.toJson();
      datasets.put(r.data().name(), one);
      mean.put(r.data().name(), one.get("mean_correlation"));
      baseline.put(r.data().name(), one.get("human_baseline"));
      perMuscle.put(r.data().name(), one.get("per_muscle"));
      if (one.get("mpjae_deg") != null) mpjae = one.get("mpjae_deg");
      cycles = r.cycles().kept().size();
    }
    j.put("cycles_used", cycles);
    j.put("mean_correlation", mean);
    j.put("mpjae_deg", mpjae);
    j.put("human_baseline", baseline);
    j.put("per_muscle", perMuscle);
    j.put("datasets", datasets);
    return j;
  }

  private static void printTable(EmgBenchmark.Result r) {
    HumanData d = r.data();
    var sel = r.cycles();
    System.out.printf("%n%s — %s%n", d.name(), d.description());
    System.out.printf(
        "%s leg, signal %s, %d cycles used of %d (%d duration outliers dropped), %.3f ± %.3f s%n",
        r.options().side(),
        r.options().controls() ? "ctrl" : "act",
        sel.kept().size(),
        r.cyclesFound(),
        sel.dropped().size(),
        sel.meanSeconds(),
        sel.sdSeconds());
    HumanBaseline b = r.baseline();
    System.out.printf(
        "%-24s %-34s %18s %14s%n", "channel", "model muscles", "r model-human", "r human-human");
    for (int c = 0; c < r.channels().size(); c++) {
      double[] rc = new double[r.r().length];
      boolean defined = true;
      for (int s = 0; s < rc.length; s++) {
        defined &= Double.isFinite(r.r()[s][c]);
        rc[s] = Double.isFinite(r.r()[s][c]) ? r.r()[s][c] : 0;
      }
      String model =
          defined
              ? (rc.length > 1
                  ? String.format(
                      "%.3f ± %.3f",
                      kinesis.eval.emg.Stats.mean(rc), kinesis.eval.emg.Stats.sem(rc))
                  : String.format("%.3f", rc[0]))
              : "n/a (constant)";
      double[] hh = b.perChannel()[b.channels().indexOf(r.channels().get(c))];
      System.out.printf(
          "%-24s %-34s %18s %14s%n",
          r.channels().get(c),
          String.join(",", r.muscles().get(c)),
          model,
          hh.length == 0 ? "-" : String.format("%.3f", kinesis.eval.emg.Stats.mean(hh)));
    }
    System.out.printf(
        "mean correlation  %.3f ± %.3f (sem over %d subject%s); human baseline %.3f ± %.3f (%s, %d pairs)%n",
        r.meanCorrelation(),
        kinesis.eval.emg.Stats.sem(r.subjectMeans()),
        r.subjectMeans().length,
        r.subjectMeans().length == 1 ? "" : "s",
        b.mean(),
        b.sem(),
        b.kind(),
        b.pairMeans().length);
    double[] shifted = r.shiftedMeans();
    int best = 0;
    for (int k = 1; k < shifted.length; k++) if (shifted[k] > shifted[best]) best = k;
    System.out.printf(
        "timing check      best with the model read %d of %d points later: r %.3f (unshifted %.3f)%n",
        best, shifted.length, shifted[best], shifted[0]);
    if (!r.mpjae().isEmpty()) {
      StringBuilder sb = new StringBuilder("MPJAE (deg)      ");
      r.mpjae().forEach((k, v) -> sb.append(String.format("%s %.2f  ", k, v)));
      sb.append(String.format("mean %.2f", r.mpjaeMean()));
      System.out.println(sb);
    }
  }
}
