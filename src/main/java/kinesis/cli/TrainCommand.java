package kinesis.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.task.VecEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis train}: PPO (Lattice by default) on the motion-imitation task.
 * <pre>
 *   ./kinesis train --model legs --motions DIR [--preset laptop|paper] [key=value ...] --out RUN
 *   ./kinesis train --resume RUN [iterations=N]
 * </pre>
 * The run directory gets config.yaml, metrics.csv, checkpoints/ and plots/. Ctrl-C saves a checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a policy with PPO; key=value settings override the preset (see config.yaml of a run).")
final class TrainCommand implements Callable<Integer> {
  /** Settings that may change when a run is resumed (the others would break the continuation). */
  private static final Set<String> RESUMABLE = Set.of("iterations", "checkpoint_every");

  /** How environments are made; tests substitute a small task. */
  static EnvFactory environments = TrainCommand::createEnvironment;

  @Option(names = "--model", defaultValue = "legs", description = "Model variant (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--motions", description = "Folder (or file) of motion clips to imitate.")
  Path motions;

  @Option(names = "--preset", defaultValue = "laptop", description = "laptop or paper (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--out", description = "Run directory to create.")
  Path out;

  @Option(names = "--resume", description = "Continue the run in this directory from its newest checkpoint.")
  Path resume;

  @Option(names = "--json", description = "Progress on stderr, a JSON summary on stdout.")
  boolean json;

  @Parameters(paramLabel = "key=value", description = "Overrides of PPO settings, e.g. iterations=100 hidden=[512,512].")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream progress = json ? System.err : System.out;
    Trainer trainer;
    if (resume != null) {
      if (out != null || motions != null) throw new BadInputException("--resume takes the run directory only (plus iterations=N)");
      for (String o : overrides) {
        String key = o.contains("=") ? o.substring(0, o.indexOf('=')).trim().replace('-', '_') : o;
        if (!RESUMABLE.contains(key)) throw new BadInputException("cannot change '" + key + "' when resuming (allowed: " + RESUMABLE + ")");
      }
      if (!overrides.isEmpty()) {
        RunConfig old = RunConfig.load(resume.resolve("config.yaml"));
        new RunConfig(old.env(), old.ppo().with(overrides)).save(resume.resolve("config.yaml"));
      }
      trainer = Trainer.resume(resume, environments, progress);
      progress.println("resuming " + resume + " after iteration " + trainer.iteration());
    } else {
      if (out == null) throw new BadInputException("--out RUN is required (or --resume RUN)");
      if (motions == null) throw new BadInputException("--motions DIR is required");
      if (!Files.exists(motions)) throw new BadInputException(motions, "no such motion file or folder");
      Map<String, String> env = new LinkedHashMap<>();
      env.put("model", model);
      env.put("motions", motions.toAbsolutePath().normalize().toString());
      RunConfig run = new RunConfig(env, PpoConfig.preset(preset).with(overrides));
      trainer = Trainer.start(run, environments, out, progress);
    }
    try (trainer) {
      trainer.saveOnShutdown();
      trainer.run();
      if (json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run", (resume != null ? resume : out).toString());
        r.put("iterations", trainer.iteration());
        r.put("global_step", trainer.globalStep());
        System.out.println(Json.write(r));
      }
    }
    return 0;
  }

  /**
   * WIRING POINT for the imitation environment (package {@code kinesis.task}, being written in
   * parallel): build {@code numEnvs} environments of variant {@code options.get("model")} imitating the
   * clips in {@code options.get("motions")}, seeded with {@code seed}. One line once it exists.
   */
  static VecEnv createEnvironment(Map<String, String> options, int numEnvs, long seed) {
    throw new BadInputException("the motion-imitation environment is not in this build yet (kinesis.task); "
        + "model " + options.get("model") + ", motions " + options.get("motions"));
  }
}
