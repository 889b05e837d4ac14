package kinesis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.io.Json;
import kinesis.sim.MuJoCo;
import kinesis.sim.StepBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis bench sim}: {@code mj_step} throughput from Java on 1 and T threads, against a
 * plain C loop over the same library and model measured in the same invocation (interleaved).
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "mj_step throughput from Java vs a plain C loop over the same library and model.")
final class BenchSimCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "legs", description = "Model variant (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--seconds", defaultValue = "3", description = "Seconds per measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--threads", description = "Threads for the parallel figure (default: all cores).")
  Integer threads;

  @Option(names = "--rounds", defaultValue = "2", description = "Interleaved C/Java rounds; the best of each is kept.")
  int rounds;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (t < 1 || seconds <= 0 || rounds < 1) throw new kinesis.io.BadInputException("--threads, --seconds and --rounds must be positive");
    try (BodyModel body = BodyModel.load(model)) {
      StepBench.stepsPerSecond(body.sim, Math.min(1, seconds), 1); // JIT warm-up
      double c1 = 0, j1 = 0;
      for (int r = 0; r < rounds; r++) {
        c1 = Math.max(c1, cLoop(body.file, seconds, 1));
        j1 = Math.max(j1, StepBench.stepsPerSecond(body.sim, seconds, 1));
      }
      double cT = cLoop(body.file, seconds, t);
      double jT = StepBench.stepsPerSecond(body.sim, seconds, t);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("model", model);
      r.put("threads", t);
      r.put("seconds_per_measurement", seconds);
      r.put("steps_per_s_1thread", round(j1));
      r.put("steps_per_s_all_threads", round(jT));
      r.put("c_steps_per_s_1thread", round(c1));
      r.put("c_steps_per_s_all_threads", round(cT));
      r.put("ratio_vs_c", round3(j1 / c1));
      r.put("ratio_vs_c_all_threads", round3(jT / cT));
      r.put("thread_scaling", round3(jT / j1));
      r.put("timestep", body.sim.timestep());
      r.put("mujoco_version", MuJoCo.versionString());
      if (json) {
        System.out.println(Json.write(r));
      } else {
        System.out.printf("%s: Java %.0f steps/s (1 thread), %.0f (%d threads); C %.0f / %.0f; Java/C %.3f; scaling %.2fx%n",
            model, j1, jT, t, c1, cT, j1 / c1, jT / j1);
      }
    }
    return 0;
  }

  static double cLoop(Path modelFile, double seconds, int threads) throws IOException, InterruptedException {
    Path exe = Path.of(System.getProperty("kinesis.native.dir", "target/native"), "c_step_bench");
    if (!Files.isExecutable(exe)) throw new IllegalStateException("C reference loop not built: " + exe);
    Process p = new ProcessBuilder(exe.toString(), modelFile.toString(), Double.toString(seconds),
        Integer.toString(threads)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException("C reference loop failed: " + out);
    for (String line : out.split("\n")) {
      if (line.startsWith("steps_per_s ")) return Double.parseDouble(line.substring(12).trim());
    }
    throw new IllegalStateException("unexpected C reference output: " + out);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
