package kinesis.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.Machine;
import kinesis.rl.EnvFactory;
import kinesis.rl.LearnBench;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.task.ControlMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis bench learn}: samples/s of the whole training loop on the imitation environment,
 * against the same environments stepped with random actions in the same run.
 */
@Command(
    name = "learn",
    mixinStandardHelpOptions = true,
    description =
        "Training-loop samples/s (rollout + PPO update) vs random-action env steps/s, same run.")
final class BenchLearnCommand implements Callable<Integer> {
  /** How environments are made (the imitation task; tests pass a small one). */
  private final EnvFactory environments;

  BenchLearnCommand() {
    this(EnvFactory.tasks());
  }

  BenchLearnCommand(EnvFactory environments) {
    this.environments = environments;
  }

  @Option(
      names = "--model",
      defaultValue = "legs",
      description = "Model variant (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--motions",
      defaultValue = "public-locomotion",
      description = "Clip set (default: ${DEFAULT-VALUE}).")
  String motions;

  @Option(
      names = "--control",
      defaultValue = "direct",
      description = "direct | pd (default: ${DEFAULT-VALUE}).")
  String control;

  @Option(
      names = "--preset",
      defaultValue = "laptop",
      description = "laptop or paper (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(
      names = "--iterations",
      defaultValue = "3",
      description = "Timed PPO iterations after one warm-up (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--seconds",
      defaultValue = "3",
      description =
          "Seconds of random-action stepping for the reference (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--task",
      defaultValue = "speed",
      description =
          "speed: whole-loop samples/s vs random-action env steps/s; stand: train the standing-balance task until solved; "
              + "walk: train on the walking clip, evaluating the mean action from frame 0 as it learns (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(
      names = "--max-samples",
      description = "stand, walk: sample budget (default: stand 1000000, walk none).")
  Long maxSamples;

  @Option(
      names = "--max-seconds",
      description = "stand, walk: training-time budget (default: stand 900, walk 1200).")
  Double maxSeconds;

  @Option(
      names = "--eval-every",
      description = "stand, walk: iterations between evaluations (default: stand 5, walk 10).")
  Integer evalEvery;

  @Option(
      names = "--clip",
      defaultValue = WALK_CLIP,
      description = "walk: the clip (default: ${DEFAULT-VALUE}).")
  String clip;

  @Option(
      names = "--out",
      description = "walk: also write curve.csv, curve.png and result.json here.")
  java.nio.file.Path out;

  static final String WALK_CLIP = "dataset-1_walk_normal_001";

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Parameters(paramLabel = "key=value", description = "PPO overrides, e.g. num_envs=32.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    if (task.equals("stand")) return stand();
    if (task.equals("walk")) return walk();
    if (!task.equals("speed"))
      throw new BadInputException("--task must be speed, stand or walk, not '" + task + "'");
    if (iterations < 1 || !(seconds > 0))
      throw new BadInputException("--iterations and --seconds must be positive");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("model", model);
    env.put("motions", motions);
    env.put("control", ControlMode.parse(control).label());
    RunConfig run = new RunConfig(env, PpoConfig.preset(preset).with(overrides));
    Map<String, Object> r = LearnBench.run(run, environments, iterations, seconds);
    if (json) {
      System.out.println(Json.write(Machine.describe(r)));
    } else {
      System.out.printf(
          "training %.0f samples/s (rollout %.0f, update %.0f; update share %.2f) vs random-action env %.0f steps/s: ratio %.3f "
              + "(rollout alone %.3f; %s, %s envs, gemm %s x%s)%n",
          ReportValues.real(r.get("training_samples_per_s")),
          ReportValues.real(r.get("rollout_samples_per_s")),
          ReportValues.real(r.get("update_samples_per_s")),
          ReportValues.real(r.get("update_share")),
          ReportValues.real(r.get("env_random_steps_per_s")),
          ReportValues.real(r.get("ratio_vs_env")),
          ReportValues.real(r.get("rollout_vs_env")),
          r.get("hidden"),
          r.get("num_envs"),
          r.get("gemm"),
          r.get("threads"));
    }
    return 0;
  }

  /**
   * Walking benchmark: PPO and environment settings as for {@code train} (e.g. {@code assist=1}),
   * curve and samples to 25/50/90 % training-protocol coverage.
   */
  private int walk() {
    int every = evalEvery == null ? 10 : evalEvery;
    long samples = maxSamples == null ? 0 : maxSamples;
    double seconds = maxSeconds == null ? 1200 : maxSeconds;
    if (every < 1 || samples < 0 || !(seconds > 0))
      throw new BadInputException(
          "--eval-every and --max-seconds must be positive, --max-samples non-negative");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("model", model);
    env.put("motions", motions);
    env.put("control", ControlMode.parse(control).label());
    env.put("clips", clip);
    List<String> ppo = TrainCommand.splitSettings(overrides, env);
    RunConfig run = new RunConfig(env, PpoConfig.preset(preset).with(ppo));
    kinesis.motion.Clip c = kinesis.motion.ClipSet.open(motions, model).select("all", clip).get(0);
    Map<String, Object> r =
        kinesis.eval.WalkBench.run(run, environments, c, samples, seconds, every, out, System.err);
    if (json) {
      System.out.println(Json.write(Machine.describe(r)));
    } else {
      System.out.printf(
          "walk (%s, %s, %s): %,d samples in %.0f s of training (%d samples/s); samples to 25/50/90 %% coverage: %s / %s / %s; "
              + "final mean action from frame 0: training protocol %.1f %%, paper protocol %.1f %% (MPJPE %.0f mm)%n",
          model,
          clip,
          preset,
          ReportValues.whole(r.get("samples")),
          ReportValues.real(r.get("seconds")),
          ReportValues.whole(r.get("samples_per_s")),
          orDash(r.get("samples_to_25pct_coverage")),
          orDash(r.get("samples_to_50pct_coverage")),
          orDash(r.get("samples_to_90pct_coverage")),
          percent(r.get("final_coverage_train")),
          percent(r.get("final_coverage_paper")),
          orNaN(r.get("final_mpjpe_paper_mm")));
    }
    return 0;
  }

  private static String orDash(Object o) {
    return o == null ? "not reached" : String.format("%,d", (Long) o);
  }

  private static double orNaN(Object o) {
    return o instanceof Double d ? d : Double.NaN;
  }

  private static double percent(Object o) {
    return o instanceof Double d ? 100 * d : Double.NaN;
  }

  private int stand() {
    long samples = maxSamples == null ? 1_000_000 : maxSamples;
    double seconds = maxSeconds == null ? 900 : maxSeconds;
    int every = evalEvery == null ? 5 : evalEvery;
    if (every < 1 || samples < 1 || !(seconds > 0)) {
      throw new BadInputException("--eval-every, --max-samples and --max-seconds must be positive");
    }
    Map<String, Object> r =
        kinesis.rl.StandBench.run(
            model,
            PpoConfig.preset(preset).with(overrides),
            10,
            every,
            samples,
            seconds,
            System.err);
    if (json) {
      System.out.println(Json.write(Machine.describe(r)));
    } else {
      System.out.printf(
          "stand (%s, %s): %s after %,d samples in %.1f s of training (%d samples/s)%n",
          model,
          preset,
          Boolean.TRUE.equals(r.get("solved")) ? "solved" : "NOT solved",
          ReportValues.whole(r.get("samples")),
          ReportValues.real(r.get("seconds")),
          ReportValues.whole(r.get("samples_per_s")));
    }
    return Boolean.TRUE.equals(r.get("solved")) ? 0 : 1;
  }
}
