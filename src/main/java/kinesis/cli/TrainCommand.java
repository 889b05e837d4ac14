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
import kinesis.cluster.ClusterSettings;
import kinesis.cluster.ClusterVecEnv;
import kinesis.eval.ClipProbe;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.ClipSet;
import kinesis.rl.Checkpoint;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.Probe;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.rl.moe.MixtureActors;
import kinesis.rl.moe.Policies;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationVecEnv;
import kinesis.task.RewardConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis train}: PPO (Lattice by default) on the motion-imitation task.
 *
 * <pre>
 *   ./kinesis train --model legs --motions DIR [--preset laptop|paper] [key=value ...] --out RUN
 *   ./kinesis train --resume RUN [iterations=N]
 * </pre>
 *
 * Settings are PPO keys ({@link PpoConfig#DESCRIPTIONS}) or environment keys ({@link
 * ImitationConfig#KEYS}, e.g. {@code control=pd}). The run directory gets config.yaml, metrics.csv,
 * checkpoints/ and plots/. Ctrl-C saves a checkpoint.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a policy with PPO; key=value settings override the preset (see config.yaml of a run).")
final class TrainCommand implements Callable<Integer> {
  /** Settings that may change when a run is resumed (the others would break the continuation). */
  private static final Set<String> RESUMABLE =
      Set.of("iterations", "checkpoint_every", "action_std_max", "bound_loss", "censored_actions");

  /**
   * Task settings that may change when a run is resumed: they keep no state (the pushes, the reward
   * weights and scales; the value network then learns the new returns).
   */
  private static final Set<String> RESUMABLE_TASK = resumableTask();

  private static Set<String> resumableTask() {
    Set<String> keys = new java.util.TreeSet<>(RewardConfig.KEYS);
    keys.addAll(List.of("push", "push_every"));
    return Set.copyOf(keys);
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** How environments are made (the imitation task; tests pass a small one). */
  private final EnvFactory environments;

  TrainCommand() {
    this(EnvFactory.tasks());
  }

  TrainCommand(EnvFactory environments) {
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
      description =
          "Clip set: a directory or public-locomotion (default: ${DEFAULT-VALUE}; its training split is used).")
  String motions;

  @Option(
      names = "--clips",
      description =
          "Train on these clips only (comma-separated names; default: the whole training split).")
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

  @Option(names = "--out", description = "Run directory to create.")
  Path out;

  @Option(
      names = "--resume",
      description = "Continue the run in this directory from its newest checkpoint.")
  Path resume;

  @Option(
      names = "--init-from",
      description =
          "Start the new run from the weights, optimiser and normaliser of this run or checkpoint directory (same network), "
              + "or from a mixture's expert (MOE/experts/K: its policy and normaliser, a new value network).")
  Path initFrom;

  @Option(
      names = "--eval-every",
      paramLabel = "K",
      description =
          "Every K iterations play the mean action from frame 0 of the first training clip under both protocols and log "
              + "eval/coverage_train, eval/coverage_paper, eval/mpjpe_paper_mm, … (0 = off; kept with the run, may be changed on --resume).")
  Integer evalEvery;

  @Option(names = "--json", description = "Progress on stderr, a JSON summary on stdout.")
  boolean json;

  @Option(
      names = "--cluster",
      paramLabel = "CONFIG",
      description =
          "Be the learner of a cluster run: rollout workers (./kinesis worker --join HOST:PORT) "
              + "step the environments (YAML cluster config; default: $KINESIS_CLUSTER, else all in this JVM with no open port).")
  Path cluster;

  /** The cluster config of {@code --cluster}, else {@code KINESIS_CLUSTER}, else null (one JVM). */
  static Path clusterConfig(Path option) {
    if (option != null) return option;
    String env = System.getenv("KINESIS_CLUSTER");
    return env == null || env.isBlank() ? null : Path.of(env);
  }

  /** The run's environments: made here, or stepped by the workers of a cluster. */
  private EnvFactory environments(RunConfig run, PrintStream progress) {
    Path config = clusterConfig(cluster);
    if (config == null) return environments;
    return ClusterVecEnv.factory(ClusterSettings.read(config), run, environments, progress);
  }

  @Parameters(
      paramLabel = "key=value",
      description = "Overrides of PPO settings, e.g. iterations=100 hidden=[512,512].")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream progress = json ? System.err : System.out;
    Trainer trainer;
    if (resume != null) {
      if (out != null || initFrom != null)
        throw new BadInputException("--resume takes the run directory only (plus iterations=N)");
      resumeSettings(
          resume, overrides, evalEvery == null ? null : String.valueOf(checkedEvalEvery()));
      Probe probe = probe(RunConfig.load(resume.resolve("config.yaml")).env());
      EnvFactory envs = environments(RunConfig.load(resume.resolve("config.yaml")), progress);
      trainer =
          Trainer.withProbe(
              probe, () -> Trainer.resume(resume, envs, new MixtureActors(), progress, probe));
      progress.println("resuming " + resume + " after iteration " + trainer.iteration());
    } else {
      if (out == null)
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--out RUN is required (or --resume RUN)");
      if (!motions.equals("public-locomotion") && !Files.isDirectory(Path.of(motions))) {
        throw new BadInputException(
            Path.of(motions), "no such clip set (a directory, or public-locomotion)");
      }
      Map<String, String> env = new LinkedHashMap<>();
      env.put("model", model);
      env.put("motions", Settings.motions(motions));
      env.put("control", ControlMode.parse(control).label());
      if (clips != null && !clips.isBlank()) {
        ClipSet.open(env.get("motions"), model).select("all", clips); // validates the names now
        env.put("clips", clips);
      }
      List<String> ppo = splitSettings(overrides, env);
      resolveImitation(env);
      if (evalEvery != null && checkedEvalEvery() > 0)
        env.put(ClipProbe.EVERY, String.valueOf(evalEvery));
      Checkpoint init = initFrom == null ? null : Checkpoint.read(Policies.resolve(initFrom));
      if (init != null) env.putAll(init.origin(initFrom));
      RunConfig run = new RunConfig(env, PpoConfig.preset(preset).with(ppo));
      Probe probe = probe(env);
      EnvFactory envs = environments(run, progress);
      trainer =
          Trainer.withProbe(probe, () -> Trainer.start(run, envs, out, progress, init, probe));
      if (init != null)
        progress.println("initialised from " + initFrom + " (" + init.describe() + ")");
    }
    try (trainer) {
      runToEnd(trainer, resume != null ? resume : out, json);
    }
    return 0;
  }

  /**
   * Trains until the run's iterations are done or the process is stopped (a checkpoint is saved
   * either way); with {@code json}, prints the run folder, iterations and samples as JSON.
   */
  static void runToEnd(Trainer trainer, Path run, boolean json) {
    trainer.saveOnShutdown();
    trainer.run();
    if (json) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("run", run.toString());
      r.put("iterations", trainer.iteration());
      r.put("global_step", trainer.globalStep());
      Map<String, Double> last = new LinkedHashMap<>();
      trainer
          .lastMetrics()
          .forEach(
              (k, v) -> {
                if (Double.isFinite(v)) last.put(k, v);
              });
      r.put("last_iteration", last);
      if (!trainer.lastProbe().isEmpty()) r.put("last_probe", trainer.lastProbe());
      System.out.println(Json.write(r));
    }
  }

  /**
   * Writes the settings a resume may change ({@link #RESUMABLE} PPO keys, the clip options of
   * {@link ImitationVecEnv#CLIP_OPTIONS}, the pushes and reward settings of {@link
   * #RESUMABLE_TASK}, and {@code eval_every} unless null) into the run's config.yaml; any other
   * changed key is bad input (one repeated with its saved value, as when the same command is run
   * again, changes nothing).
   */
  static void resumeSettings(Path run, List<String> overrides, String evalEvery) {
    RunConfig old = RunConfig.load(run.resolve("config.yaml"));
    Map<String, String> env = new LinkedHashMap<>(old.env());
    List<String> ppo = new ArrayList<>();
    for (String o : overrides) {
      String key = Settings.key(o), value = Settings.value(o);
      if (RESUMABLE.contains(key)) ppo.add(o);
      else if (ImitationVecEnv.CLIP_OPTIONS.contains(key)) {
        env.put(key, value);
        ImitationVecEnv.validateClipOptions(env);
      } else if (RESUMABLE_TASK.contains(key)) {
        ImitationConfig.training(ControlMode.DIRECT).with(key, value); // checks the value
        env.put(key, value);
      } else if (!unchanged(old, o) && !sameTaskSetting(old.env(), key, value))
        throw new BadInputException(
            "cannot change '"
                + key
                + "' when resuming (allowed: "
                + RESUMABLE
                + ", "
                + ImitationVecEnv.CLIP_OPTIONS
                + ", "
                + RESUMABLE_TASK
                + ")");
    }
    if (evalEvery != null) env.put(ClipProbe.EVERY, evalEvery);
    if (ppo.isEmpty() && env.equals(old.env())) return;
    new RunConfig(env, old.ppo().with(ppo), old.experts()).save(run.resolve("config.yaml"));
  }

  /** True when {@code given} is the saved value of the task setting {@code key}. */
  private static boolean sameTaskSetting(Map<String, String> env, String key, String given) {
    String saved = env.get(key);
    if (!ImitationConfig.KEYS.contains(key) || saved == null) return false;
    if (saved.equals(given)) return true;
    try {
      return Double.parseDouble(saved) == Double.parseDouble(given);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** True when the PPO override {@code o} gives the value the run already has. */
  private static boolean unchanged(RunConfig run, String o) {
    try {
      return run.ppo().with(List.of(o)).equals(run.ppo());
    } catch (BadInputException e) {
      return false;
    }
  }

  private int checkedEvalEvery() {
    return checkedEvalEvery(evalEvery);
  }

  /** {@code --eval-every K}: 0 (off) or positive. */
  static int checkedEvalEvery(int k) {
    if (k < 0) throw new BadInputException("--eval-every must be 0 (off) or positive, not " + k);
    return k;
  }

  /** The run's frame-0 evaluation ({@code eval_every} in its options), or null. */
  static Probe probe(Map<String, String> env) {
    return ClipProbe.forRun(
        env,
        () -> {
          String model = env.getOrDefault("model", "legs"), names = env.get("clips");
          ClipSet set = ClipSet.open(env.getOrDefault("motions", "public-locomotion"), model);
          return set.select(names == null ? "train" : "all", names);
        });
  }

  /**
   * Puts every imitation setting's resolved value into {@code env} (training defaults under the
   * given overrides), so a run saves its settings whole and later default changes cannot alter it.
   */
  static void resolveImitation(Map<String, String> env) {
    env.putAll(
        ImitationConfig.training(ControlMode.parse(env.getOrDefault("control", "direct")))
            .withAll(env)
            .toMap());
  }

  /**
   * Moves the environment settings ({@link ImitationConfig#KEYS} and the clip options, validated
   * now) of {@code key=value} overrides into {@code env}; returns the others (PPO settings).
   */
  static List<String> splitSettings(List<String> overrides, Map<String, String> env) {
    List<String> ppo = new ArrayList<>();
    for (String o : overrides) {
      String key = Settings.key(o), value = Settings.value(o);
      if (ImitationVecEnv.CLIP_OPTIONS.contains(key)) {
        env.put(key, value);
        ImitationVecEnv.validateClipOptions(env);
      } else if (ImitationConfig.KEYS.contains(key)) {
        ImitationConfig.training(ControlMode.DIRECT).with(key, value); // validates now
        env.put(key, value);
      } else {
        ppo.add(o);
      }
    }
    return ppo;
  }
}
