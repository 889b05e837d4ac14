package kinesis.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.io.BadInputException;
import kinesis.io.Json;
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
@Command(name = "learn", mixinStandardHelpOptions = true,
    description = "Training-loop samples/s (rollout + PPO update) vs random-action env steps/s, same run.")
final class BenchLearnCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "legs", description = "Model variant (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--motions", defaultValue = "public-locomotion", description = "Clip set (default: ${DEFAULT-VALUE}).")
  String motions;

  @Option(names = "--control", defaultValue = "direct", description = "direct | pd (default: ${DEFAULT-VALUE}).")
  String control;

  @Option(names = "--preset", defaultValue = "laptop", description = "laptop or paper (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--iterations", defaultValue = "3", description = "Timed PPO iterations after one warm-up (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--seconds", defaultValue = "3", description = "Seconds of random-action stepping for the reference (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--task", defaultValue = "speed",
      description = "speed: whole-loop samples/s vs random-action env steps/s; stand: train the standing-balance task until solved (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(names = "--max-samples", defaultValue = "1000000", description = "stand: sample budget (default: ${DEFAULT-VALUE}).")
  long maxSamples;

  @Option(names = "--max-seconds", defaultValue = "900", description = "stand: training-time budget (default: ${DEFAULT-VALUE}).")
  double maxSeconds;

  @Option(names = "--eval-every", defaultValue = "5", description = "stand: iterations between evaluations (default: ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Parameters(paramLabel = "key=value", description = "PPO overrides, e.g. num_envs=32.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    if (task.equals("stand")) return stand();
    if (!task.equals("speed")) throw new BadInputException("--task must be speed or stand, not '" + task + "'");
    if (iterations < 1 || !(seconds > 0)) throw new BadInputException("--iterations and --seconds must be positive");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("model", model);
    env.put("motions", motions);
    env.put("control", ControlMode.parse(control).label());
    RunConfig run = new RunConfig(env, PpoConfig.preset(preset).with(overrides));
    Map<String, Object> r = LearnBench.run(run, TrainCommand.environments, iterations, seconds);
    if (json) {
      System.out.println(Json.write(r));
    } else {
      System.out.printf("training %.0f samples/s (rollout %.0f, update %.0f; update share %.2f) vs random-action env %.0f steps/s: ratio %.3f (%s, %s envs, gemm %s x%s)%n",
          r.get("training_samples_per_s"), r.get("rollout_samples_per_s"), r.get("update_samples_per_s"), r.get("update_share"),
          r.get("env_random_steps_per_s"), r.get("ratio_vs_env"), r.get("hidden"), r.get("num_envs"), r.get("gemm"), r.get("threads"));
    }
    return 0;
  }

  private int stand() {
    if (evalEvery < 1 || maxSamples < 1 || !(maxSeconds > 0)) {
      throw new BadInputException("--eval-every, --max-samples and --max-seconds must be positive");
    }
    Map<String, Object> r = kinesis.rl.StandBench.run(model, PpoConfig.preset(preset).with(overrides), 10, evalEvery,
        maxSamples, maxSeconds, System.err);
    if (json) {
      System.out.println(Json.write(r));
    } else {
      System.out.printf("stand (%s, %s): %s after %,d samples in %.1f s of training (%d samples/s)%n", model, preset,
          Boolean.TRUE.equals(r.get("solved")) ? "solved" : "NOT solved", r.get("samples"), r.get("seconds"),
          r.get("samples_per_s"));
    }
    return Boolean.TRUE.equals(r.get("solved")) ? 0 : 1;
  }
}
