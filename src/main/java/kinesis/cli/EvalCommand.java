package kinesis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.cluster.ClipJobs;
import kinesis.cluster.ClusterEval;
import kinesis.cluster.ClusterSettings;
import kinesis.eval.ClipOutcome;
import kinesis.eval.EvalReport;
import kinesis.eval.Evaluator;
import kinesis.eval.LookaheadOracle;
import kinesis.eval.Protocol;
import kinesis.io.Assets;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.ClipVariants;
import kinesis.nn.Precision;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ImitationConfig;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis eval}: Table-I metrics of a policy on a clip set (reference §5).
 *
 * <pre>
 *   ./kinesis eval --policy RUN|CHECKPOINT|MOE [--motions DIR] [--split test] [--protocol paper] [--runs N] [--json] [--out DIR [--rollouts failed|all]]
 * </pre>
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a policy on a clip set: frame coverage, success rate and MPJPE (Table I), per skill.")
final class EvalCommand implements Callable<Integer> {
  @Option(
      names = "--policy",
      required = true,
      description = "Run directory (newest checkpoint), checkpoint or MoE directory.")
  Path policy;

  @Option(
      names = "--motions",
      description = "Clip set directory or public-locomotion (default: the policy's training set).")
  String motions;

  @Option(
      names = "--split",
      defaultValue = "test",
      description = "train, test or all (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--clips", description = "Only these clips (comma-separated names).")
  String clips;

  @Option(
      names = "--protocol",
      defaultValue = "paper",
      description =
          "Failure rule: paper (mean distance > 0.5 m) or train (any body > 0.15 m) (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(
      names = "--runs",
      defaultValue = "1",
      description = "Repeated runs with seeds seed, seed+1, ... (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the first run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--weights",
      defaultValue = "float32",
      description =
          "Inference weights: float32, int16 or int8 (per-row scales; default: ${DEFAULT-VALUE}).")
  String weights;

  @Option(
      names = "--argmax",
      description = "Mixture: take the most likely expert instead of sampling it.")
  boolean argmax;

  @Option(names = "--threads", description = "Clips evaluated in parallel (default: all cores).")
  Integer threads;

  @Option(
      names = "--cluster",
      description =
          "Spread the clips over rollout workers (./kinesis worker) joining this cluster config "
              + "(YAML; default: $KINESIS_CLUSTER, else all in this JVM). Outcomes equal those of one JVM.")
  Path cluster;

  @Option(
      names = "--variants",
      split = ",",
      paramLabel = "KIND",
      description =
          "Evaluate on variants made from the chosen clips instead of the clips: mirror (left/right mirror "
              + "image), stops (a stop and a start made from each walk), speed=S (played S times as fast). "
              + "A validation set of motions no clip holds, for choosing among policies without the test split.")
  List<String> variants = new ArrayList<>();

  @Option(
      names = "--switch-margin",
      paramLabel = "M",
      description =
          "Mixture: keep the current expert unless the gate's choice outweighs it by more than M "
              + "(in [0, 1); default: the mixture's own, 0 unless moe --switch-margin set it).")
  Double switchMargin;

  @Option(
      names = "--lookahead",
      description =
          "Mixture: instead of its gate, try every expert H control steps ahead in the simulator and "
              + "take the one that tracks longest (an upper bound for a gate, not a policy).")
  Integer lookahead;

  @Option(
      names = "--lookahead-every",
      defaultValue = "5",
      description = "With --lookahead: control steps between choices (default: ${DEFAULT-VALUE}).")
  int lookaheadEvery;

  @Option(names = "--json", description = "Print JSON instead of the table.")
  boolean json;

  @Option(
      names = "--out",
      description = "Also write table.md, results.json, clips.csv and failed.txt here.")
  Path out;

  @Option(
      names = "--rollouts",
      description =
          "With --out: also save the first run's episodes as OUT/rollouts/CLIP.rollout.npz (for view, "
              + "render and emg): failed (the failed clips) or all.")
  String rollouts;

  @Override
  // ClusterEval logs to System.err, never closes it
  @SuppressWarnings("ClosingStandardOutputStreams")
  public Integer call() {
    if (runs < 1) throw new BadInputException("--runs must be at least 1");
    if (rollouts != null && !List.of("failed", "all").contains(rollouts))
      throw new BadInputException("--rollouts must be failed or all, not '" + rollouts + "'");
    if (rollouts != null && out == null)
      throw new BadInputException("--rollouts needs --out (the folder they are saved in)");
    if (rollouts != null && !variants.isEmpty())
      throw new BadInputException(
          "--rollouts saves episodes of the clips themselves, not --variants");
    PolicySpec spec = Policies.load(policy);
    if (switchMargin != null) {
      if (!(spec instanceof MixtureSpec m))
        throw new BadInputException("--switch-margin applies to a mixture of experts");
      if (TrainCommand.clusterConfig(cluster) != null)
        throw new BadInputException("--switch-margin is applied here: evaluate without --cluster");
      spec = m.withSwitchMargin(switchMargin);
    }
    EvalReport report;
    Path clusterConfig = lookahead == null ? TrainCommand.clusterConfig(cluster) : null;
    if (lookahead != null) {
      report = lookahead(spec);
    } else if (clusterConfig == null) {
      report =
          evaluate(
              spec,
              Assets.recorded(Policies.resolve(policy)),
              motions,
              split,
              clips,
              Protocol.parse(protocol),
              runs,
              seed,
              argmax,
              Precision.parse(weights),
              threads == null ? Runtime.getRuntime().availableProcessors() : threads,
              variants,
              null);
    } else {
      try (ClusterEval workers =
          new ClusterEval(
              ClusterSettings.read(clusterConfig), System.err)) { // stdout stays the report
        report =
            evaluate(
                spec,
                Assets.recorded(Policies.resolve(policy)),
                motions,
                split,
                clips,
                Protocol.parse(protocol),
                runs,
                seed,
                argmax,
                Precision.parse(weights),
                1,
                variants,
                workers);
      }
    }
    if (out != null) write(report, out);
    if (rollouts != null) saveRollouts(spec, report, out.resolve("rollouts"));
    System.out.print(json ? Json.write(report.json()) + "\n" : report.markdown());
    return 0;
  }

  /**
   * Plays the first run's episodes again, with the seeds the evaluation gave them (the same
   * episodes), and saves those of the failed clips, or of all, into {@code dir}.
   */
  private void saveRollouts(PolicySpec spec, EvalReport report, Path dir) {
    String model = spec.env().getOrDefault("model", "legs");
    List<Clip> list = clips(spec, motions, split, clips);
    ImitationConfig cfg = Protocol.parse(protocol).config(spec.env());
    List<ClipOutcome> evaluated = report.runs().get(0);
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new BadInputException(dir, "cannot create: " + e.getMessage());
    }
    try (BodyModel body = BodyModel.load(model)) {
      Controller ctl = spec.controller(new VecGemm(1), argmax, Precision.parse(weights));
      for (int i = 0; i < list.size(); i++) {
        if (rollouts.equals("failed") && evaluated.get(i).success()) continue;
        Clip c = list.get(i);
        Rollout.Builder b = PlayCommand.recorder(body, c, policy, seed);
        ClipOutcome again = Evaluator.clip(body, c, i, cfg, ctl, seed, b);
        if (!again.equals(evaluated.get(i)))
          System.err.println("warning: the saved episode of " + c.name() + " differs: " + again);
        RolloutFile.write(dir.resolve(c.name() + RolloutFile.SUFFIX), b.build());
      }
    }
  }

  /**
   * The {@link LookaheadOracle} over a mixture's experts (its gate unused), one run; the expert
   * chosen at each step is summarised per clip on stderr.
   */
  private EvalReport lookahead(PolicySpec spec) {
    if (!(spec instanceof MixtureSpec mixture))
      throw new BadInputException(
          policy, "--lookahead chooses among a mixture's experts; this is a single policy");
    if (runs != 1 || argmax || rollouts != null || cluster != null)
      throw new BadInputException("--lookahead takes no --runs, --argmax, --rollouts or --cluster");
    if (lookahead < 1 || lookaheadEvery < 1 || lookaheadEvery > lookahead)
      throw new BadInputException("--lookahead-every must be between 1 and --lookahead");
    Protocol rule = Protocol.parse(protocol);
    ImitationConfig cfg = rule.config(spec.env());
    Precision precision = Precision.parse(weights);
    List<LookaheadOracle.Played> played;
    try (BodyModel body = BodyModel.load(spec.env().getOrDefault("model", "legs"))) {
      List<Clip> list = variants(clips(spec, motions, split, clips), variants, body);
      played =
          LookaheadOracle.run(
              body,
              list,
              cfg,
              () ->
                  mixture.experts().stream()
                      .map(e -> e.controller(new VecGemm(1), true, precision))
                      .toList(),
              lookahead,
              lookaheadEvery,
              threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }
    List<ClipOutcome> outcomes = new ArrayList<>();
    for (LookaheadOracle.Played p : played) {
      outcomes.add(p.outcome());
      int[] uses = new int[mixture.experts().size()];
      for (int e : p.experts()) uses[e]++;
      StringBuilder line = new StringBuilder(p.outcome().clip() + ": experts used");
      for (int e = 0; e < uses.length; e++)
        if (uses[e] > 0) line.append(' ').append(e).append(':').append(uses[e]);
      System.err.println(line + " (control steps)");
    }
    String name =
        Assets.recorded(Policies.resolve(policy))
            + " (lookahead oracle over "
            + mixture.experts().size()
            + " experts: "
            + lookahead
            + " steps ahead, a choice every "
            + lookaheadEvery
            + "; an upper bound for a gate, not a policy)";
    return new EvalReport(name, split, rule, false, List.of(0L), List.of(outcomes));
  }

  /**
   * The {@code --variants} of {@code clips} (each made from the clips themselves), or the clips.
   */
  static List<Clip> variants(List<Clip> clips, List<String> kinds, BodyModel body) {
    if (kinds.isEmpty()) return clips;
    List<Clip> out = ClipVariants.of(clips, kinds, body);
    if (out.isEmpty())
      throw new BadInputException("--variants " + String.join(",", kinds) + " made no clips");
    return out;
  }

  /** The clip set to evaluate on: {@code motions}, else the one the policy was trained on. */
  private static String clipSet(PolicySpec spec, String motions) {
    return motions != null ? motions : spec.env().getOrDefault("motions", "public-locomotion");
  }

  /** The clips of a split (or of named clips) of {@link #clipSet}. */
  private static List<Clip> clips(PolicySpec spec, String motions, String split, String names) {
    String set = clipSet(spec, motions);
    List<Clip> list =
        ClipSet.open(set, spec.env().getOrDefault("model", "legs")).select(split, names);
    if (list.isEmpty()) throw new BadInputException("no clips in split '" + split + "' of " + set);
    return list;
  }

  /**
   * Evaluates {@code spec} (read from directory {@code name}) on a split of a clip set under a
   * protocol, {@code runs} times, here or on {@code workers}.
   */
  static EvalReport evaluate(
      PolicySpec spec,
      String name,
      String motions,
      String split,
      String clipNames,
      Protocol protocol,
      int runs,
      long seed,
      boolean argmax,
      Precision precision,
      int threads,
      List<String> variants,
      ClusterEval workers) {
    String model = spec.env().getOrDefault("model", "legs");
    String set = clipSet(spec, motions);
    if (workers != null && !variants.isEmpty())
      throw new BadInputException("--variants are made here: evaluate them without --cluster");
    ImitationConfig cfg = protocol.config(spec.env());
    boolean stochastic = spec.controller(new VecGemm(1), argmax).stochastic();
    List<List<ClipOutcome>> results = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    try (BodyModel body = BodyModel.load(model)) {
      List<Clip> clips = variants(clips(spec, motions, split, clipNames), variants, body);
      for (int r = 0; r < runs; r++) {
        seeds.add(seed + r);
        results.add(
            workers == null
                ? Evaluator.run(
                    body,
                    clips,
                    cfg,
                    () -> spec.controller(new VecGemm(1), argmax, precision),
                    seed + r,
                    threads)
                : ClipJobs.run(
                    workers, Path.of(name), set, model, cfg, argmax, precision, clips, seed + r));
      }
    }
    return new EvalReport(
        name + " (" + spec.describe() + ")", split, protocol, stochastic, seeds, results);
  }

  static void write(EvalReport report, Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new BadInputException(dir, "cannot create: " + e.getMessage());
    }
    AtomicFiles.writeString(dir.resolve("table.md"), report.markdown());
    AtomicFiles.writeString(dir.resolve("results.json"), Json.write(report.json()) + "\n");
    AtomicFiles.writeString(dir.resolve("clips.csv"), report.csv());
    AtomicFiles.writeString(
        dir.resolve("failed.txt"),
        String.join("\n", report.failed()) + (report.failed().isEmpty() ? "" : "\n"));
  }
}
