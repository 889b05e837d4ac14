package kinesis.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.cluster.ClusterBench;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.task.ControlMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis bench cluster}: training samples/s with 1..N rollout workers on loopback against
 * one JVM, same run.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Training samples/s with 1..N rollout workers (Pekko, loopback) vs one JVM in the same run; learner overhead, bytes/sample, a scaling model.")
final class BenchClusterCommand implements Callable<Integer> {
  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Up to this many workers (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--iterations",
      defaultValue = "3",
      description =
          "Timed iterations after one warm-up, per configuration (default: ${DEFAULT-VALUE}).")
  int iterations;

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
      names = "--preset",
      defaultValue = "laptop",
      description = "laptop or paper (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Parameters(paramLabel = "key=value", description = "PPO overrides, e.g. num_envs=32.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    if (workers < 1 || iterations < 1)
      throw new BadInputException("--workers and --iterations must be at least 1");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("model", model);
    env.put("motions", motions);
    env.put("control", ControlMode.DIRECT.label());
    RunConfig run = new RunConfig(env, PpoConfig.preset(preset).with(overrides));
    Map<String, Object> r =
        ClusterBench.run(run, EnvFactory.tasks(), workers, iterations, System.err);
    if (json) {
      System.out.println(Json.write(r));
      return 0;
    }
    System.out.printf(
        "one JVM: %.0f samples/s (%s)%n",
        ReportValues.real(r.get("one_jvm_samples_per_s")), r.get("cpu_model"));
    for (Object o : (List<?>) r.get("cluster")) {
      Map<?, ?> m = (Map<?, ?>) o;
      System.out.printf(
          "%s worker(s): %.0f samples/s, ratio %.2f; learner overhead %.3f s/iteration; %.0f bytes/sample%n",
          m.get("workers"),
          ReportValues.real(m.get("samples_per_s")),
          ReportValues.real(m.get("ratio_vs_one_jvm")),
          ReportValues.real(m.get("learner_overhead_s")),
          ReportValues.real(m.get("bytes_per_sample")));
    }
    return 0;
  }
}
