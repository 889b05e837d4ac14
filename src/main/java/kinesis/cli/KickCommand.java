package kinesis.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.cluster.ClusterEval;
import kinesis.cluster.ClusterSettings;
import kinesis.cluster.KickJobs;
import kinesis.eval.KickEvaluator;
import kinesis.eval.KickFigure;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.nn.VecGemm;
import kinesis.rl.Checkpoint;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.kick.Goalkeeper;
import kinesis.task.kick.KickConfig;
import kinesis.task.kick.KickScene;
import kinesis.task.kick.KickVecEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis kick train|eval}: the penalty kick on the MyoChallenge 2025 pitch with the
 * legs-back body (paper §III-E c, Fig. 4C).
 */
@Command(
    name = "kick",
    mixinStandardHelpOptions = true,
    description =
        "Penalty kick (legs-back on the MyoChallenge 2025 pitch): train or fine-tune a policy to score past a goalkeeper, and evaluate it.",
    subcommands = {KickCommand.Train.class, KickCommand.Eval.class})
final class KickCommand {
  static final String MODEL = KickScene.VARIANT.name();

  /**
   * Task settings into {@code settings} and PPO settings (returned) from {@code key=value}
   * arguments; {@code control} only when no starting policy fixes it.
   */
  private static List<String> split(
      List<String> args, Map<String, String> settings, boolean ppoAllowed, boolean controlFixed) {
    List<String> ppo = new ArrayList<>();
    for (String o : args) {
      String key = Settings.key(o);
      if (key.equals("control") && controlFixed)
        throw new BadInputException(
            "the control mode comes from the starting policy (" + settings.get("control") + ")");
      if (KickConfig.KEYS.contains(key)) settings.put(key, Settings.value(o));
      else if (ppoAllowed) ppo.add(o);
      else
        throw new BadInputException(
            "unknown kick setting '"
                + key
                + "' (known: "
                + KickConfig.KEYS
                + ", control excepted)");
    }
    return ppo;
  }

  /** The environment options a policy was trained with, checked to be a legs-back body. */
  private static void requireLegsBack(Object model, Path from) {
    if (!MODEL.equals(String.valueOf(model))) {
      throw new BadInputException(
          from,
          "is a policy of model "
              + model
              + "; the kick needs a "
              + MODEL
              + " policy (290 muscles)");
    }
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description =
          "Train a kick policy from scratch (no --from, or --from none) or fine-tune a legs-back run, checkpoint or policy "
              + "(continue with ./kinesis train --resume RUN).")
  static final class Train implements Callable<Integer> {
    private final EnvFactory environments;

    Train() {
      this(EnvFactory.tasks());
    }

    Train(EnvFactory environments) {
      this.environments = environments;
    }

    @Option(
        names = "--from",
        description =
            "legs-back run, checkpoint or policy folder to fine-tune; none (the default) trains from scratch.")
    String from = "none";

    @Option(names = "--out", required = true, description = "Run directory to create.")
    Path out;

    @Option(
        names = "--motions",
        defaultValue = KickVecEnv.STANDING,
        description =
            "Start states: standing (the legs-back standing pose) or a clip set whose training split gives them (default: ${DEFAULT-VALUE}).")
    String motions;

    @Option(
        names = "--preset",
        defaultValue = "laptop",
        description = "laptop or paper PPO settings (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--json", description = "Progress on stderr, a JSON summary on stdout.")
    boolean json;

    @Parameters(
        paramLabel = "key=value",
        description =
            "Task settings (keeper, episode_seconds, spawn_x_min, spawn_x_max, spawn_y, ball_weight, "
                + "approach_weight, goal_bonus, w_upright, w_energy, ball_inputs, substeps, …) or PPO settings (iterations=100, …).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
      PrintStream progress = json ? System.err : System.out;
      boolean scratch = from.equals("none");
      Checkpoint init = null;
      Map<String, Object> manifest = Map.of();
      Map<String, String> settings = new LinkedHashMap<>();
      if (!scratch) {
        init = Checkpoint.read(Policies.resolve(Path.of(from)));
        manifest = init.manifest();
        Map<?, ?> initEnv = manifest.get("env") instanceof Map<?, ?> m ? m : Map.of();
        Settings.requireReferenceObservation(initEnv, Path.of(from), "the kick");
        requireLegsBack(
            ((Map<?, ?>) initEnv).containsKey("model") ? initEnv.get("model") : "legs",
            Path.of(from));
        settings.put(
            "control",
            String.valueOf(
                ((Map<?, ?>) initEnv).containsKey("control") ? initEnv.get("control") : "direct"));
        // the starting policy reads the imitation observation unless it was trained on the kick
        // with the ball block
        settings.put(
            "ball_inputs",
            "kick".equals(initEnv.get("task"))
                ? String.valueOf(initEnv.get("ball_inputs"))
                : "false");
      }
      List<String> ppo = split(overrides, settings, true, !scratch);
      KickConfig cfg = KickConfig.fromMap(settings); // validates now
      Map<String, String> env = new LinkedHashMap<>();
      env.put("task", "kick");
      env.put("model", MODEL);
      env.put("motions", motions.equals(KickVecEnv.STANDING) ? motions : Settings.motions(motions));
      KickVecEnv.starts(env.get("motions"), null); // the start states exist
      env.putAll(cfg.toMap());
      if (scratch) env.put("init_from", "none (trained from scratch)");
      else env.putAll(init.origin(Path.of(from)));
      RunConfig run =
          new RunConfig(
              env,
              PpoConfig.preset(preset).with(scratch ? ppo : Settings.fineTuning(manifest, ppo)));
      try (Trainer trainer =
          scratch
              ? Trainer.start(run, environments, out, progress)
              : Trainer.start(run, environments, out, progress, init, null)) {
        progress.println(
            (scratch
                    ? "trained from scratch"
                    : "initialised from " + from + " (" + init.describe() + ")")
                + ", task: kick, goalkeeper "
                + cfg.keeper()
                + ", observation "
                + trainer.env().obsDim());
        TrainCommand.runToEnd(trainer, out, json);
      }
      return 0;
    }
  }

  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "Kicks per goalkeeper strategy from frame 0 of a start state, spawned behind the ball: success rate (goal with the body up), "
              + "effort (mean squared activation), how the kicks ended, and a bar chart (PNG with --out).")
  static final class Eval implements Callable<Integer> {
    @Option(
        names = "--policy",
        required = true,
        description = "Run, checkpoint or policy folder (legs-back).")
    Path policy;

    @Option(
        names = "--trials",
        defaultValue = "1000",
        description = "Kicks per goalkeeper strategy (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(
        names = "--keeper",
        defaultValue = "all",
        description = "stationary, random, block or all (default: ${DEFAULT-VALUE}).")
    String keeper;

    @Option(
        names = "--seed",
        defaultValue = "0",
        description = "Seed of the spawns and goalkeepers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--start",
        defaultValue = KickVecEnv.STANDING,
        description =
            "Start state: standing, or a clip of --motions whose first frame is used (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(
        names = "--motions",
        defaultValue = "public-locomotion",
        description = "Clip set of --start (default: ${DEFAULT-VALUE}).")
    String motions;

    @Option(names = "--out", description = "Folder for results.json (every kick) and kick.png.")
    Path out;

    @Option(
        names = "--cluster",
        paramLabel = "CONFIG",
        description =
            "Spread the kicks over workers (./kinesis worker) joining this "
                + "cluster config (YAML; default: $KINESIS_CLUSTER, else all in this JVM). Kicks equal those of one JVM.")
    Path cluster;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(
        paramLabel = "key=value",
        description = "Task settings overriding the policy's (e.g. spawn_y=1).")
    List<String> overrides = new ArrayList<>();

    @Override
    // ClusterEval logs to System.err, never closes it
    @SuppressWarnings("ClosingStandardOutputStreams")
    public Integer call() {
      List<Goalkeeper.Strategy> strategies =
          keeper.equals("all")
              ? List.of(Goalkeeper.Strategy.values())
              : List.of(Goalkeeper.Strategy.parse(keeper));
      if (trials < 1) throw new BadInputException("--trials must be at least 1, not " + trials);
      PolicySpec spec = Policies.load(policy);
      requireLegsBack(spec.env().getOrDefault("model", "legs"), policy);
      Map<String, String> settings = new LinkedHashMap<>(spec.env());
      if (!"kick".equals(spec.env().get("task")))
        settings.put("ball_inputs", "false"); // an imitation or reaching policy
      split(overrides, settings, false, true);
      KickConfig cfg = KickConfig.fromMap(settings);
      Clip clip =
          start.equals(KickVecEnv.STANDING)
              ? KickVecEnv.starts(KickVecEnv.STANDING, null).get(0)
              : kinesis.motion.ClipSet.open(motions, MODEL).get(start);
      long t0 = System.nanoTime();
      Map<String, Map<String, Object>> by = new LinkedHashMap<>();
      Map<String, Object> detail = new LinkedHashMap<>();
      Path clusterConfig = TrainCommand.clusterConfig(cluster);
      try (KickScene scene = KickScene.load(cfg.timestep());
          ClusterEval workers =
              clusterConfig == null
                  ? null
                  : new ClusterEval(ClusterSettings.read(clusterConfig), System.err)) {
        for (Goalkeeper.Strategy s : strategies) {
          var kicks =
              workers != null
                  ? KickJobs.run(
                      workers, Policies.resolve(policy), motions, clip.name(), cfg, s, trials, seed)
                  : KickEvaluator.run(
                      scene,
                      clip,
                      cfg,
                      s,
                      () -> spec.controller(new VecGemm(1), false),
                      trials,
                      seed,
                      Runtime.getRuntime().availableProcessors());
          by.put(s.label(), KickEvaluator.summary(kicks));
          detail.put(s.label(), KickEvaluator.rows(kicks));
        }
      }
      double seconds = (System.nanoTime() - t0) * 1e-9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("policy", Assets.recorded(Policies.resolve(policy)));
      r.put("model", MODEL);
      r.put("start", clip.name());
      r.put("seed", seed);
      r.put("settings", cfg.toMap());
      r.put("keepers", by);
      r.put("seconds", seconds);
      if (out != null) {
        Settings.createFolder(out);
        Map<String, Object> full = new LinkedHashMap<>(r);
        full.put("kicks_detail", detail);
        Json.write(out.resolve("results.json"), full);
        KickFigure.write(
            out.resolve("kick.png"),
            by,
            String.format("penalty kick: %d kicks per goalkeeper, seed %d", trials, seed));
      }
      if (json) {
        System.out.println(Json.write(r));
      } else {
        System.out.printf(
            "policy %s, %d kicks per goalkeeper from %s, spawn x %.1f–%.1f m, y ±%.1f m (seed %d), %.1f s%n",
            r.get("policy"),
            trials,
            clip.name(),
            cfg.spawnXMin(),
            cfg.spawnXMax(),
            cfg.spawnY(),
            seed,
            seconds);
        System.out.printf(
            "%-11s %8s %8s %8s %8s %8s %8s %8s%n",
            "goalkeeper", "success", "goal", "miss", "fall", "timeout", "effort", "return");
        for (var e : by.entrySet()) {
          Map<String, Object> m = e.getValue();
          System.out.printf(
              "%-11s %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7.1f%% %8.4f %8.1f%n",
              e.getKey(),
              100 * (double) m.get("success_rate"),
              100 * (double) m.get("goal_rate"),
              100 * (double) m.get("miss_rate"),
              100 * (double) m.get("fall_rate"),
              100 * (double) m.get("timeout_rate"),
              (double) m.get("effort"),
              (double) m.get("mean_return"));
        }
        if (out != null)
          System.out.println(
              "wrote " + out.resolve("results.json") + " and " + out.resolve("kick.png"));
      }
      return 0;
    }
  }
}
