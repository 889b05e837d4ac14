package kinesis.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.eval.Distillation;
import kinesis.eval.Protocol;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.ClipVariants;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis distill}: one Gaussian policy learnt from a teacher (a mixture of experts or a
 * single policy) by DAgger on the training clips ({@link Distillation}). Writes the student of
 * every round to {@code OUT/rounds/R}, the last one to {@code OUT} itself, and {@code
 * OUT/distill.json}.
 */
@Command(
    name = "distill",
    mixinStandardHelpOptions = true,
    description =
        "Distil a policy (e.g. a mixture of experts) into one Gaussian policy by DAgger on the training clips.")
final class DistillCommand implements Callable<Integer> {
  @Option(
      names = "--teacher",
      required = true,
      description = "Policy to learn from: a mixture, a run, a checkpoint or a policy folder.")
  Path teacher;

  @Option(names = "--out", required = true, description = "Folder of the student (created).")
  Path out;

  @Option(
      names = "--motions",
      description = "Clip set (default: the teacher's; its training split is played).")
  String motions;

  @Option(names = "--clips", description = "Only these clips (comma-separated names).")
  String clips;

  @Option(
      names = "--variants",
      split = ",",
      paramLabel = "KIND",
      description =
          "Also play these variants of the clips (mirror, stops, speed=S, as eval --variants makes them).")
  List<String> variants = new ArrayList<>();

  @Option(
      names = "--rounds",
      defaultValue = "8",
      description = "DAgger rounds after the teacher's own (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--starts",
      defaultValue = "3",
      description =
          "Episodes per clip and round: from frame 0, then from random stored poses; the teacher's round plays twice as many (default: ${DEFAULT-VALUE}).")
  int starts;

  @Option(
      names = "--epochs",
      defaultValue = "30",
      description = "Passes over all labels in each round's fit (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--noise",
      defaultValue = "0.2",
      description =
          "Standard deviation of the action noise on half of the teacher's episodes (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(
      names = "--lookahead",
      defaultValue = "0",
      paramLabel = "H",
      description =
          "Label with the lookahead oracle over the teacher mixture's experts instead of its gate: every --lookahead-every steps each expert is tried H control steps ahead in the simulator and the one that keeps tracking longest labels (0 = off; default: ${DEFAULT-VALUE}).")
  int lookahead;

  @Option(
      names = "--lookahead-every",
      defaultValue = "5",
      paramLabel = "K",
      description =
          "With --lookahead: control steps between the oracle's choices (default: ${DEFAULT-VALUE}).")
  int lookaheadEvery;

  @Option(
      names = "--hidden",
      split = ",",
      defaultValue = "256,256",
      description = "Widths of the student's SiLU trunk (default: ${DEFAULT-VALUE}).")
  int[] hidden;

  @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: 0).")
  long seed;

  @Option(names = "--threads", description = "Clips played in parallel (default: all cores).")
  Integer threads;

  @Option(names = "--json", description = "Progress on stderr, a JSON summary on stdout.")
  boolean json;

  private int played;

  /** Initial σ = e^-1.5 ≈ 0.22 of the student's action noise, for a later fine-tune with PPO. */
  static final float LOG_STD = -1.5f;

  @Override
  public Integer call() {
    PolicySpec spec = Policies.load(teacher);
    ClipVariants.check(variants);
    for (int h : hidden) if (h < 1) throw new BadInputException("--hidden widths must be positive");
    Distillation.Settings settings =
        new Distillation.Settings(
            rounds,
            starts,
            epochs,
            noise,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads,
            seed,
            lookahead,
            lookaheadEvery);
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    String model = env.getOrDefault("model", "legs");
    String set = motions != null ? motions : env.getOrDefault("motions", "public-locomotion");
    // how the teacher was trained (its gate, its starting checkpoint, its probes) is not the
    // student's
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("gate_")
                    || k.equals("init_from")
                    || k.equals("init_samples")
                    || k.equals("eval_every"));
    env.put("distilled_from", Policies.resolve(teacher).toString());
    if (clips != null) env.put("clips", clips); // the student's clips, not the teacher's
    else env.remove("clips");
    if (!variants.isEmpty()) env.put("distill_variants", String.join(",", variants));
    if (lookahead > 0) env.put("distill_lookahead", lookahead + " every " + lookaheadEvery);
    PrintStream progress = json ? System.err : System.out;
    List<Map<String, Object>> done = new ArrayList<>();
    try (BodyModel body = BodyModel.load(model)) {
      List<Clip> play = new ArrayList<>(ClipSet.open(set, model).select("train", clips));
      if (play.isEmpty()) throw new BadInputException("no training clips in " + set);
      play.addAll(ClipVariants.of(List.copyOf(play), variants, body));
      played = play.size();
      Policy student =
          new Policy(
              Policy.Kind.GAUSSIAN,
              spec.obsDim(),
              hidden,
              spec.actionDim(),
              LOG_STD,
              new Rng(seed),
              new VecGemm(1));
      progress.printf(
          "distilling %s into a Gaussian policy %s on %d clips: %d rounds%n",
          spec.describe(), java.util.Arrays.toString(hidden), play.size(), rounds);
      Distillation.run(
          body,
          play,
          Protocol.PAPER.config(env),
          spec,
          student,
          settings,
          r -> {
            ExpertSpec s = ExpertSpec.of(student, env, "distilled, round " + r.round());
            s.write(out.resolve("rounds").resolve(String.valueOf(r.round())));
            s.write(out);
            progress.printf(
                Locale.ROOT,
                "round %d: %,d states (%,d in all), fit mse %.4f, clips from frame 0 %.1f %%%n",
                r.round(),
                r.states(),
                r.total(),
                r.mse(),
                100 * r.coverage());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", r.round());
            m.put("states", r.states());
            m.put("total_states", r.total());
            m.put("fit_mse", r.mse());
            m.put("coverage_paper", r.coverage());
            done.add(m);
            writeSummary(spec, set, done);
          });
    }
    if (json) System.out.println(Json.write(summary(spec, set, done)));
    return 0;
  }

  private Map<String, Object> summary(PolicySpec spec, String set, List<Map<String, Object>> done) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("teacher", Policies.resolve(teacher).toString());
    s.put("teacher_kind", spec.describe());
    s.put("motions", set);
    if (clips != null) s.put("clips", clips);
    s.put("variants", variants);
    s.put("clips_played", played);
    s.put("hidden", hidden);
    s.put("rounds", done);
    s.put("starts", starts);
    s.put("epochs", epochs);
    s.put("noise", noise);
    s.put("lookahead", lookahead);
    s.put("lookahead_every", lookaheadEvery);
    s.put("seed", seed);
    return s;
  }

  private void writeSummary(PolicySpec spec, String set, List<Map<String, Object>> done) {
    Json.write(out.resolve("distill.json"), summary(spec, set, done));
  }
}
