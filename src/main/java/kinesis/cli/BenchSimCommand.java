package kinesis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.body.Variant;
import kinesis.io.Assets;
import kinesis.io.Json;
import kinesis.io.Machine;
import kinesis.sim.MuJoCo;
import kinesis.sim.StepBench;
import kinesis.sim.StepProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis bench sim}: {@code mj_step} throughput from Java on 1 and T threads, against a
 * plain C loop over the same library and model measured in the same invocation (interleaved). The C
 * loop's own scaling (T threads in one process, and T one-thread processes side by side) shows what
 * the machine allows. {@code --profile} instead prints where {@code mj_step} spends its time for
 * each model, from MuJoCo's own timers in the C loop.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description =
        "mj_step throughput from Java vs a plain C loop over the same library and model; --profile: MuJoCo's timers per model.")
final class BenchSimCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      defaultValue = "legs",
      description =
          "Model variant (default: ${DEFAULT-VALUE}); with --profile also a comma-separated list or 'all'.")
  String model;

  @Option(
      names = "--profile",
      description =
          "Print where mj_step spends its time (MuJoCo's timers, C loop, 1 thread) for each --model.")
  boolean profile;

  @Option(
      names = "--seconds",
      defaultValue = "3",
      description = "Seconds per measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--threads",
      description = "Threads for the parallel figure (default: all cores).")
  Integer threads;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "Interleaved C/Java rounds; the best of each is kept.")
  int rounds;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (t < 1 || t > 64 || seconds <= 0 || rounds < 1)
      throw new kinesis.io.BadInputException(
          "--threads (1..64), --seconds and --rounds must be positive");
    if (profile) return profile();
    try (BodyModel body = BodyModel.load(model)) {
      StepBench.stepsPerSecond(body.sim, Math.min(1, seconds), 1); // JIT warm-up
      double c1 = 0, j1 = 0;
      for (int r = 0; r < rounds; r++) {
        c1 = Math.max(c1, cLoop(body.file, seconds, 1));
        j1 = Math.max(j1, StepBench.stepsPerSecond(body.sim, seconds, 1));
      }
      double cT = cLoop(body.file, seconds, t);
      double jT = StepBench.stepsPerSecond(body.sim, seconds, t);
      double cP = cProcesses(body.file, seconds, t);
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
      r.put("c_thread_scaling", round3(cT / c1));
      r.put("c_steps_per_s_processes", round(cP));
      r.put("c_process_scaling", round3(cP / c1));
      r.put("timestep", body.sim.timestep());
      r.put("mujoco_version", MuJoCo.versionString());
      if (json) {
        System.out.println(Json.write(Machine.describe(r)));
      } else {
        System.out.printf(
            "%s: Java %.0f steps/s (1 thread), %.0f (%d threads); C %.0f / %.0f; Java/C %.3f; scaling Java %.2fx, "
                + "C %.2fx (threads), %.2fx (%d processes)%n",
            model, j1, jT, t, c1, cT, j1 / c1, jT / j1, cT / c1, cP / c1, t);
      }
    }
    return 0;
  }

  /** Profiles each model of {@code --model} in turn and prints JSON or one table per model. */
  private int profile() throws IOException, InterruptedException {
    List<String> names =
        model.equals("all")
            ? Catalogue.ALL.stream().map(Variant::name).toList()
            : List.of(model.split(",", 0));
    List<Map<String, Object>> profiles = new ArrayList<>();
    for (String name : names) {
      Variant v = Catalogue.get(name.trim());
      StepProfile p =
          StepProfile.parse(v.name(), finish(cStart(Assets.resolve(v.file()), seconds, 1, true)));
      profiles.add(p.toMap());
      if (!json) System.out.print(p.table());
    }
    if (json) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("seconds_per_model", seconds);
      r.put("threads", 1);
      r.put("mujoco_version", MuJoCo.versionString());
      r.put("profiles", profiles);
      System.out.println(Json.write(Machine.describe(r)));
    }
    return 0;
  }

  /** Aggregate steps/s of the C loop on {@code threads} threads in one process. */
  static double cLoop(Path modelFile, double seconds, int threads)
      throws IOException, InterruptedException {
    return stepsPerSecond(finish(cStart(modelFile, seconds, threads, false)));
  }

  /** Summed steps/s of {@code n} one-thread C loops run side by side as separate processes. */
  static double cProcesses(Path modelFile, double seconds, int n)
      throws IOException, InterruptedException {
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) ps.add(cStart(modelFile, seconds, 1, false));
    double total = 0;
    for (Process p : ps) total += stepsPerSecond(finish(p));
    return total;
  }

  private static Process cStart(Path modelFile, double seconds, int threads, boolean profile)
      throws IOException {
    Path exe = Path.of(System.getProperty("kinesis.native.dir", "target/native"), "c_step_bench");
    if (!Files.isExecutable(exe))
      throw new IllegalStateException("C reference loop not built: " + exe);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                exe.toString(),
                modelFile.toString(),
                Double.toString(seconds),
                Integer.toString(threads)));
    if (profile) cmd.add("profile");
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static String finish(Process p) throws IOException, InterruptedException {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException("C reference loop failed: " + out);
    return out;
  }

  static double stepsPerSecond(String out) {
    for (String line : out.split("\n", 0)) {
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
