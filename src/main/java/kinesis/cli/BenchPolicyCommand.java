package kinesis.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.eval.PolicyBench;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.Machine;
import kinesis.nn.Precision;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ControlMode;
import kinesis.task.ImitationEpisode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis bench policy}: real-time factor of closed-loop inference (policy + physics) on one
 * thread.
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description =
        "Closed-loop inference speed on one thread: policy (MoE: gate + chosen expert) + 5 physics substeps per action.")
final class BenchPolicyCommand implements Callable<Integer> {
  @Option(names = "--policy", description = "Run, checkpoint or MoE directory.")
  Path policy;

  @Option(
      names = "--paper-size-moe",
      description = "A paper-size mixture (3 experts, random weights) instead of --policy.")
  boolean paperSize;

  @Option(
      names = "--model",
      defaultValue = "legs",
      description = "Model for --paper-size-moe (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--seconds",
      defaultValue = "5",
      description = "Measured wall-clock seconds (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--weights",
      defaultValue = "float32",
      description =
          "Inference weights: float32, int16 or int8 (per-row scales; training weights stay float32; default: ${DEFAULT-VALUE}).")
  String weights;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    if ((policy == null) == !paperSize)
      throw new BadInputException("give either --policy CKPT or --paper-size-moe");
    if (!(seconds > 0)) throw new BadInputException("--seconds must be positive");
    PolicySpec spec = policy != null ? Policies.load(policy) : null;
    String variant = spec != null ? spec.env().getOrDefault("model", "legs") : model;
    ControlMode control =
        ControlMode.parse(spec != null ? spec.env().getOrDefault("control", "direct") : "direct");
    Map<String, Object> r;
    try (BodyModel body = BodyModel.load(variant)) {
      if (spec == null) {
        int obs;
        try (ImitationEpisode ep =
            new ImitationEpisode(
                body,
                kinesis.task.Clips.standing(body, 1),
                kinesis.task.ImitationConfig.evaluation(control))) {
          obs = ep.obsDim();
        }
        spec = PolicyBench.paperSizeMixture(obs, body.sim.nu);
      }
      r = PolicyBench.run(body, spec, control, seconds, Precision.parse(weights));
    }
    if (json) {
      System.out.println(Json.write(Machine.describe(r)));
    } else {
      System.out.printf(
          "%s (%s weights) on %s, 1 thread: %.2f ms per action (policy %.3f ms, physics %.3f ms) = %.1f x real time%n",
          r.get("policy"),
          r.get("weights"),
          r.get("model"),
          ReportValues.real(r.get("ms_per_action")),
          ReportValues.real(r.get("inference_ms_per_action")),
          ReportValues.real(r.get("physics_ms_per_action")),
          ReportValues.real(r.get("realtime_factor_1thread")));
      System.out.printf(
          "weights read per action %.1f MB; a streaming read of as many bytes takes %.3f ms here: inference at %.0f %% of that limit%n",
          ((Number) r.get("weight_bytes_per_action")).longValue() / 1e6,
          ReportValues.real(r.get("memory_probe_ms")),
          100 * (double) r.get("inference_fraction_of_memory_limit"));
      if (r.containsKey("max_abs_action_difference")) {
        System.out.printf(
            "actions vs float32 weights: max |difference| %.2e, mean %.2e%n",
            ReportValues.real(r.get("max_abs_action_difference")),
            ReportValues.real(r.get("mean_abs_action_difference")));
      }
    }
    return 0;
  }
}
