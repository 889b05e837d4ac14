package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.eval.MineManifest;
import kinesis.eval.Mining;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.GateTrainer;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.Policies;
import kinesis.task.VecEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis moe}: trains the gate of a mixture of frozen experts with PPO on the full training
 * split (reference §4.6). The result is a self-contained directory per checkpoint; running the same
 * command again continues.
 * <pre>
 *   ./kinesis moe --mine MINEDIR | --experts A,B,C  [--motions DIR] [--preset laptop] [key=value ...] --out DIR
 * </pre>
 */
@Command(name = "moe", mixinStandardHelpOptions = true,
    description = "Train the gate of a mixture of experts (frozen experts; action = chosen expert's mean) on the training split.")
final class MoeCommand implements Callable<Integer> {
  /** How environments are made (the imitation task; tests pass a small one). */
  private final EnvFactory environments;

  MoeCommand() {
    this(EnvFactory.tasks());
  }

  MoeCommand(EnvFactory environments) {
    this.environments = environments;
  }

  @Option(names = "--mine", description = "Mining directory: its experts, in order.")
  Path mine;

  @Option(names = "--experts", split = ",", description = "Expert runs or checkpoints, comma-separated.")
  List<Path> experts = new ArrayList<>();

  @Option(names = "--motions", description = "Clip set (default: the experts' set; its whole training split is used).")
  String motions;

  @Option(names = "--preset", defaultValue = "laptop", description = "laptop or paper (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--gate", split = ",", description = "Gate widths (default: 1024,512,256 with paper, 256,128 with laptop).")
  List<Integer> gate;

  @Option(names = "--out", required = true, description = "Directory of the mixture's checkpoints.")
  Path out;

  @Option(names = "--json", description = "Progress on stderr, a JSON summary on stdout.")
  boolean json;

  @Parameters(paramLabel = "key=value", description = "PPO settings of the gate training (e.g. iterations=100).")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    List<Path> sources = new ArrayList<>(experts);
    if (mine != null) {
      for (MineManifest.Stage st : MineManifest.read(mine.resolve(Mining.MANIFEST)).stages()) {
        if (st.checkpoint() != null) sources.add(mine.resolve(st.checkpoint()));
      }
    }
    if (sources.isEmpty()) throw new BadInputException("give --mine DIR or --experts A,B,...");
    List<ExpertSpec> specs = new ArrayList<>();
    for (Path p : sources) {
      if (!(Policies.load(p) instanceof ExpertSpec e)) throw new BadInputException(p, "is a mixture, not an expert");
      specs.add(e);
    }
    PpoConfig cfg = PpoConfig.preset(preset).with(overrides);
    int[] hidden = gate != null ? gate.stream().mapToInt(Integer::intValue).toArray()
        : preset.equals("paper") ? new int[] {1024, 512, 256} : new int[] {256, 128};
    Map<String, String> env = new LinkedHashMap<>(specs.get(0).env());
    env.remove("clips");
    if (motions != null) env.put("motions", Files.isDirectory(Path.of(motions)) ? Path.of(motions).toAbsolutePath().toString() : motions);
    MixtureSpec fresh = MixtureSpec.fresh(hidden, specs, cfg.seed());
    fresh = new MixtureSpec(fresh.gateHidden(), fresh.gateWeights(), fresh.experts(), env, "new");
    VecEnv vec = environments.create(env, cfg.numEnvs(), cfg.seed());
    Path last;
    try (GateTrainer t = GateTrainer.open(fresh, cfg, vec, out, json ? System.err : System.out)) {
      last = t.run();
    }
    if (json) {
      System.out.println(Json.write(Map.of("moe", last.toString(), "experts", specs.size())));
    } else {
      System.out.println("mixture of " + specs.size() + " experts: " + last + " (evaluate with ./kinesis eval --policy " + out + ")");
    }
    return 0;
  }
}
