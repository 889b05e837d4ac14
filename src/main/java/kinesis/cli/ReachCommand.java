package kinesis.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.cluster.ClusterEval;
import kinesis.cluster.ClusterSettings;
import kinesis.cluster.ReachJobs;
import kinesis.eval.ReachEvaluator;
import kinesis.eval.ReachFigure;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.VecGemm;
import kinesis.rl.Checkpoint;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.ReachRewards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis reach train|eval}: target goal reaching fine-tuned from an imitation policy (paper
 * §III-E, Fig. 4B).
 */
@Command(
    name = "reach",
    mixinStandardHelpOptions = true,
    description =
        "Target goal reaching: fine-tune an imitation policy to walk to goals, and evaluate it.",
    subcommands = {ReachCommand.Train.class, ReachCommand.Eval.class})
final class ReachCommand {

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description =
          "Fine-tune a policy on goal reaching (same PPO as imitation; continue with ./kinesis train --resume RUN).")
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
        required = true,
        description = "Imitation (or reaching) run, checkpoint or policy folder to start from.")
    Path from;

    @Option(names = "--out", required = true, description = "Run directory to create.")
    Path out;

    @Option(
        names = "--motions",
        defaultValue = "public-locomotion",
        description =
            "Clip set whose training split gives the start states (default: ${DEFAULT-VALUE}).")
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
            "Task settings (goal_range, episode_seconds, fall_height, success_radius, progress_weight, bonus, w_upright, "
                + "w_energy, goal_height, reference_aliasing) or PPO settings (iterations=100, policy_lr=1e-4, …).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
      PrintStream progress = json ? System.err : System.out;
      Checkpoint init = Checkpoint.read(Policies.resolve(from));
      Map<String, Object> manifest = init.manifest();
      @SuppressWarnings("unchecked")
      Map<String, Object> initEnv =
          manifest.get("env") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      Settings.requireReferenceObservation(initEnv, from, "goal reaching");
      String model = String.valueOf(initEnv.getOrDefault("model", "legs"));
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("control", String.valueOf(initEnv.getOrDefault("control", "direct")));
      List<String> ppo = new ArrayList<>();
      for (String o : overrides) {
        String key = Settings.key(o);
        if (key.equals("control"))
          throw new BadInputException(
              "the control mode comes from the starting policy (" + settings.get("control") + ")");
        if (ReachConfig.KEYS.contains(key)) settings.put(key, Settings.value(o));
        else ppo.add(o);
      }
      ReachConfig cfg = ReachConfig.fromMap(settings); // validates now
      Map<String, String> env = new LinkedHashMap<>();
      env.put("task", "reach");
      env.put("model", model);
      env.put("motions", Settings.motions(motions));
      ClipSet.open(env.get("motions"), model).select("train", null); // the start states exist
      env.putAll(cfg.toMap());
      env.putAll(init.origin(from));
      RunConfig run =
          new RunConfig(env, PpoConfig.preset(preset).with(Settings.fineTuning(manifest, ppo)));
      try (Trainer trainer = Trainer.start(run, environments, out, progress, init, null)) {
        progress.println("initialised from " + from + " (" + init.describe() + "), task: reach");
        TrainCommand.runToEnd(trainer, out, json);
      }
      return 0;
    }
  }

  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "Goal-reaching trials from frame 0 of a start clip, goals uniform in the square around the start: success rate, "
              + "fall rate, final distance, time to reach, and a success heatmap over goal positions (PNG with --out).")
  static final class Eval implements Callable<Integer> {
    @Option(
        names = "--policy",
        required = true,
        description = "Run, checkpoint, policy or MoE folder.")
    Path policy;

    @Option(
        names = "--trials",
        defaultValue = "1000",
        description = "Number of trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(
        names = "--seed",
        defaultValue = "0",
        description = "Seed of the goals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--start",
        defaultValue = DemoCommand.CLIP,
        description = "Clip whose first frame is the start state (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(
        names = "--motions",
        description = "Clip set of the start clip (default: the policy's, else public-locomotion).")
    String motions;

    @Option(
        names = "--cells",
        defaultValue = "8",
        description = "Heatmap cells per side (default: ${DEFAULT-VALUE}).")
    int cells;

    @Option(
        names = "--out",
        description =
            "Folder for results.json, heatmap.png and one recorded trial (example.rollout.npz).")
    Path out;

    @Option(
        names = "--cluster",
        paramLabel = "CONFIG",
        description =
            "Spread the trials over workers (./kinesis worker) joining this "
                + "cluster config (YAML; default: $KINESIS_CLUSTER, else all in this JVM). Trials equal those of one JVM.")
    Path cluster;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(
        paramLabel = "key=value",
        description = "Task settings overriding the policy's (e.g. goal_range=1).")
    List<String> overrides = new ArrayList<>();

    @Override
    // ClusterEval logs to System.err, never closes it
    @SuppressWarnings("ClosingStandardOutputStreams")
    public Integer call() {
      if (cells < 1 || cells > 50)
        throw new BadInputException("--cells must be between 1 and 50, not " + cells);
      PolicySpec spec = Policies.load(policy);
      String model = spec.env().getOrDefault("model", "legs");
      Map<String, String> settings = new LinkedHashMap<>(spec.env());
      for (String o : overrides) {
        String key = Settings.key(o);
        if (!ReachConfig.KEYS.contains(key) || key.equals("control")) {
          throw new BadInputException(
              "unknown reach setting '"
                  + key
                  + "' (known: "
                  + ReachConfig.KEYS
                  + ", control excepted)");
        }
        settings.put(key, Settings.value(o));
      }
      ReachConfig cfg = ReachConfig.fromMap(settings);
      String set =
          motions != null ? motions : spec.env().getOrDefault("motions", "public-locomotion");
      Clip clip = ClipSet.open(set, model).get(start);
      List<ReachEvaluator.Trial> results;
      Rollout example = null;
      long t0 = System.nanoTime();
      try (BodyModel body = BodyModel.load(model)) {
        Path clusterConfig = TrainCommand.clusterConfig(cluster);
        if (clusterConfig == null) {
          results =
              ReachEvaluator.run(
                  body,
                  clip,
                  cfg,
                  () -> spec.controller(new VecGemm(1), false),
                  trials,
                  seed,
                  Runtime.getRuntime().availableProcessors());
        } else {
          try (ClusterEval workers =
              new ClusterEval(
                  ClusterSettings.read(clusterConfig), System.err)) { // stdout stays the report
            results =
                ReachJobs.run(
                    workers, Policies.resolve(policy), set, model, clip.name(), cfg, trials, seed);
          }
        }
        if (out != null) {
          double[] g = ReachEvaluator.goal(seed, 0, cfg.goalRange());
          Rollout.Builder b =
              Rollout.builder(
                  body,
                  clip.name(),
                  30,
                  body.variant.trackedKeypoints(),
                  ReachRewards.TERMS,
                  Assets.recorded(Policies.resolve(policy)),
                  seed);
          ReachEvaluator.trial(
              body, clip, cfg, spec.controller(new VecGemm(1), false), g[0], g[1], b);
          example = b.build();
        }
      }
      double seconds = (System.nanoTime() - t0) * 1e-9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("policy", Assets.recorded(Policies.resolve(policy)));
      r.put("model", model);
      r.put("start", clip.name());
      r.put("seed", seed);
      r.put("settings", cfg.toMap());
      r.putAll(ReachEvaluator.summary(results));
      double[][] grid = ReachEvaluator.heatmap(results, cfg.goalRange(), cells);
      r.put(
          "heatmap",
          Map.of(
              "cells",
              cells,
              "rows",
              "goal to the left, from -range to +range",
              "columns",
              "goal forward, from -range to +range",
              "success",
              grid));
      r.put("seconds", seconds);
      if (out != null) {
        Settings.createFolder(out);
        Map<String, Object> full = new LinkedHashMap<>(r);
        full.put("trials_detail", ReachEvaluator.rows(results));
        Json.write(out.resolve("results.json"), full);
        ReachFigure.write(
            out.resolve("heatmap.png"),
            grid,
            cfg.goalRange(),
            String.format(
                "goal reaching: %d trials, success %.1f %%",
                results.size(), 100 * (double) r.get("success_rate")));
        RolloutFile.write(out.resolve("example" + RolloutFile.SUFFIX), example);
      }
      if (json) {
        System.out.println(Json.write(r));
      } else {
        System.out.printf(
            "policy %s on %s, %d trials from frame 0 of %s, goals within ±%.1f m (seed %d), %.1f s%n",
            r.get("policy"), model, results.size(), clip.name(), cfg.goalRange(), seed, seconds);
        System.out.printf(
            "success %.1f %%   fell %.1f %%   final distance %.2f m   time to reach %s   return %.1f%n",
            100 * (double) r.get("success_rate"),
            100 * (double) r.get("fall_rate"),
            (double) r.get("mean_final_distance_m"),
            r.get("mean_time_to_reach_s") == null
                ? "—"
                : String.format("%.2f s", (double) r.get("mean_time_to_reach_s")),
            (double) r.get("mean_return"));
        if (out != null)
          System.out.println(
              "wrote "
                  + out.resolve("results.json")
                  + ", heatmap.png, example"
                  + RolloutFile.SUFFIX);
      }
      return 0;
    }
  }
}
