package kinesis.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.Machine;
import kinesis.rl.TrainBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis bench train}: one PPO update of the paper-size networks on a 51,200-sample batch
 * (samples/s, GFLOP/s against a plain SGEMM measured in the same run) and one Lattice policy step
 * on 2,048 samples (against the Python reference's 700 ms).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "PPO update speed at the paper's size vs a plain SGEMM peak measured in the same run.")
final class BenchTrainCommand implements Callable<Integer> {
  @Option(
      names = "--batch",
      defaultValue = "51200",
      description = "Samples in the update batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--epochs",
      defaultValue = "10",
      description = "PPO epochs of the update (default: ${DEFAULT-VALUE}, the paper's).")
  int epochs;

  @Option(
      names = "--chunk",
      defaultValue = "4096",
      description = "Rows per forward/backward pass (default: ${DEFAULT-VALUE}).")
  int chunk;

  @Option(
      names = "--reps",
      defaultValue = "9",
      description = "Timed repetitions of the Lattice step; the median is kept.")
  int reps;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (batch < 1 || epochs < 1 || chunk < 1 || reps < 1)
      throw new BadInputException("--batch, --epochs, --chunk and --reps must be positive");
    Map<String, Object> r = TrainBench.run(batch, epochs, chunk, reps);
    if (json) {
      System.out.println(Json.write(Machine.describe(r)));
    } else {
      System.out.printf(
          "PPO update (%s x%s, batch %s, %s epochs): %.1f s, %.0f samples/s, %.1f GFLOP/s = %.2f of the SGEMM peak (%.1f GFLOP/s)%n",
          r.get("gemm"),
          r.get("threads"),
          r.get("batch"),
          r.get("epochs"),
          ReportValues.real(r.get("update_s")),
          ReportValues.real(r.get("samples_per_s")),
          ReportValues.real(r.get("gflops")),
          ReportValues.real(r.get("ratio_vs_gemm_peak")),
          ReportValues.real(r.get("gemm_peak_gflops")));
      System.out.printf(
          "Lattice policy step on 2,048 samples: %.1f ms (%.1f GFLOP/s)%n",
          ReportValues.real(r.get("lattice_step_ms_2048")),
          ReportValues.real(r.get("lattice_step_gflops")));
    }
    return 0;
  }
}
