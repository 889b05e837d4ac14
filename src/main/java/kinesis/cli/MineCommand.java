package kinesis.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.cluster.ClipJobs;
import kinesis.cluster.ClusterEval;
import kinesis.cluster.ClusterSettings;
import kinesis.eval.ClipProbe;
import kinesis.eval.MineManifest;
import kinesis.eval.Mining;
import kinesis.eval.Protocol;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Precision;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.task.ControlMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis mine}: hard-negative mining (paper Fig. 2). Running the same command again
 * continues.
 *
 * <pre>
 *   ./kinesis mine --motions DIR [--clips A,B] [--experts 3] [--iterations N] [--eval-every K] [--preset locomotion] [--cluster CONFIG] [key=value ...] --out DIR
 * </pre>
 */
@Command(
    name = "mine",
    mixinStandardHelpOptions = true,
    description =
        "Hard-negative mining: train experts, each on the clips the previous one fails (resumable; DIR/mine.json).")
final class MineCommand implements Callable<Integer> {
  /** How environments are made (the imitation task; tests pass a small one). */
  private final EnvFactory environments;

  MineCommand() {
    this(EnvFactory.tasks());
  }

  MineCommand(EnvFactory environments) {
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
      description = "Clip set (its training split; default: ${DEFAULT-VALUE}).")
  String motions;

  @Option(names = "--clips", description = "Mine these training clips only (comma-separated).")
  String clips;

  @Option(
      names = "--control",
      defaultValue = "direct",
      description = "direct | pd (default: ${DEFAULT-VALUE}).")
  String control;

  @Option(
      names = "--preset",
      defaultValue = "locomotion",
      description =
          "locomotion (laptop networks, the clip-set recipe), laptop or paper (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(
      names = "--experts",
      defaultValue = "3",
      description = "Maximum number of experts (default: ${DEFAULT-VALUE}).")
  int experts;

  @Option(
      names = "--iterations",
      defaultValue = "200",
      description = "PPO iterations per expert (default: ${DEFAULT-VALUE}).")
  long iterations;

  @Option(
      names = "--eval-every",
      paramLabel = "K",
      defaultValue = "0",
      description =
          "Every K iterations each expert plays its clips from frame 0 and logs Table I as curves, "
              + "as train --eval-every does (0 = off; an adopted expert 0 keeps its own; default: ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(
      names = "--protocol",
      defaultValue = "paper",
      description = "Failure rule of the evaluation: paper or train (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(names = "--threads", description = "Clips evaluated in parallel (default: all cores).")
  Integer threads;

  @Option(
      names = "--cluster",
      paramLabel = "CONFIG",
      description =
          "Spread each expert's failure search over workers (./kinesis worker) "
              + "joining this cluster config (YAML; default: $KINESIS_CLUSTER, else all in this JVM); training stays in this JVM. "
              + "The failed clips equal those of one JVM.")
  Path cluster;

  @Option(
      names = "--out",
      required = true,
      description = "Mining directory (created, or continued when it holds mine.json).")
  Path out;

  @Option(names = "--json", description = "Progress on stderr, the manifest on stdout.")
  boolean json;

  @Parameters(paramLabel = "key=value", description = "PPO or environment settings, as for train.")
  List<String> overrides = new ArrayList<>();

  @Override
  // ClusterEval logs to System.err, never closes it
  @SuppressWarnings("ClosingStandardOutputStreams")
  public Integer call() {
    if (!motions.equals("public-locomotion") && !Files.isDirectory(Path.of(motions))) {
      throw new BadInputException(
          Path.of(motions), "no such clip set (a directory, or public-locomotion)");
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("model", model);
    env.put("motions", Settings.motions(motions));
    env.put("control", ControlMode.parse(control).label());
    if (TrainCommand.checkedEvalEvery(evalEvery) > 0)
      env.put(ClipProbe.EVERY, String.valueOf(evalEvery));
    List<String> ppo = TrainCommand.splitSettings(overrides, env);
    TrainCommand.resolveImitation(env); // every stage's run saves its settings whole
    ClipSet set = ClipSet.open(env.get("motions"), model);
    List<String> names = set.select("train", clips).stream().map(Clip::name).toList();
    Mining.Settings s =
        new Mining.Settings(
            env,
            PpoConfig.preset(preset).with(ppo),
            iterations,
            experts,
            Protocol.parse(protocol).config(ControlMode.parse(control)),
            threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    PrintStream progress = json ? System.err : System.out;
    Path clusterConfig = TrainCommand.clusterConfig(cluster);
    MineManifest m;
    if (clusterConfig == null) {
      m = Mining.run(out, names, s, environments, n -> set.select("all", n), progress);
    } else {
      try (ClusterEval workers = new ClusterEval(ClusterSettings.read(clusterConfig), System.err)) {
        Mining.FailureSearch search =
            (cp, clipList, st) ->
                ClipJobs.run(
                    workers,
                    cp,
                    env.get("motions"),
                    model,
                    st.evaluation(),
                    true,
                    Precision.FLOAT32,
                    clipList,
                    0);
        m = Mining.run(out, names, s, environments, n -> set.select("all", n), search, progress);
      }
    }
    if (json) {
      System.out.println(Json.write(m.toMap()));
    } else {
      for (MineManifest.Stage st : m.stages()) {
        System.out.printf(
            "expert %d: %d clips, %s failed, checkpoint %s%n",
            st.expert(),
            st.clips().size(),
            st.failed() == null ? "?" : st.failed().size(),
            st.checkpoint());
      }
      System.out.println(
          "mining "
              + (m.done() ? "done: " + m.stoppedBecause() : "not finished")
              + "; train the gate with ./kinesis moe --mine "
              + out
              + " --out MOE");
    }
    return 0;
  }
}
