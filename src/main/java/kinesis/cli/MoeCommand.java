package kinesis.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.eval.ClipProbe;
import kinesis.eval.GateCloning;
import kinesis.eval.LookaheadCloning;
import kinesis.eval.MineManifest;
import kinesis.eval.Mining;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.ClipVariants;
import kinesis.motion.text.ComposedClips;
import kinesis.nn.Actor;
import kinesis.nn.Gemm;
import kinesis.nn.Rng;
import kinesis.rl.Actors;
import kinesis.rl.Checkpoint;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.Probe;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.GateActor;
import kinesis.rl.moe.MixtureActors;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.Policies;
import kinesis.task.ControlMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis moe}: trains the gate of a mixture of frozen experts with PPO on the full training
 * split (reference §4.6), as a run ({@code actor: gate}) of the same trainer as {@code train}: the
 * directory gets config.yaml, metrics.csv, plots/ and checkpoints/NNNN/, each also a self-contained
 * mixture. Running the same command again (or {@code train --resume}) continues.
 *
 * <pre>
 *   ./kinesis moe --mine MINEDIR | --experts A,B,C  [--motions DIR] [--preset laptop] [key=value ...] --out DIR
 * </pre>
 */
@Command(
    name = "moe",
    mixinStandardHelpOptions = true,
    description =
        "Train the gate of a mixture of experts (frozen experts; action = chosen expert's mean) on the training split.")
final class MoeCommand implements Callable<Integer> {
  /** Task settings fixed by the experts: what they observe and how their actions drive the body. */
  private static final List<String> EXPERTS_OWN =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("control"),
              kinesis.task.ImitationConfig.CONVENTION_KEYS.stream())
          .toList();

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

  @Option(
      names = "--experts",
      split = ",",
      description = "Expert runs or checkpoints, comma-separated.")
  List<Path> experts = new ArrayList<>();

  @Option(
      names = "--motions",
      description = "Clip set (default: the experts' set; its whole training split is used).")
  String motions;

  @Option(
      names = "--preset",
      defaultValue = "laptop",
      description =
          "laptop or paper (default: ${DEFAULT-VALUE}; gate_hidden [256,128] or [1024,512,256]).")
  String preset;

  @Option(
      names = "--out",
      required = true,
      description = "Run directory of the mixture (continued when it exists).")
  Path out;

  @Option(
      names = "--eval-every",
      paramLabel = "K",
      description =
          "Every K iterations play each training clip from frame 0 with the gate's most likely expert and log "
              + "Table I as curves, as train --eval-every does (0 = off; default: expert 0's setting; may be changed when continuing).")
  Integer evalEvery;

  @Option(
      names = "--clone-epochs",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "A new gate first learns each training clip's best expert: every expert plays every clip from frame 0, "
              + "and N passes of cross-entropy teach the gate the best one's choice on its states (writes "
              + "gate-teachers.json; 0 = off, the reference's random gate; default: ${DEFAULT-VALUE}).")
  int cloneEpochs;

  @Option(
      names = "--specialists",
      split = ",",
      paramLabel = "K",
      description =
          "With --clone-epochs: experts (0-based, in --experts order) that teach only the clips their own run "
              + "trained on (its clips setting), e.g. single-clip fine-tunes; the others teach any clip.")
  List<Integer> specialists = new ArrayList<>();

  @Option(
      names = "--lookahead-rounds",
      paramLabel = "R",
      defaultValue = "0",
      description =
          "With --clone-epochs: then R rounds in which the mixture plays every training clip and, every "
              + "--lookahead-every steps, each expert is tried --lookahead steps ahead; the one that tracks "
              + "longest labels the state, and the gate is fitted on all labels (DAgger; default: ${DEFAULT-VALUE}).")
  int lookaheadRounds;

  @Option(
      names = "--lookahead",
      paramLabel = "H",
      defaultValue = "30",
      description = "Control steps each expert is tried ahead (default: ${DEFAULT-VALUE}).")
  int lookahead;

  @Option(
      names = "--lookahead-every",
      paramLabel = "K",
      defaultValue = "5",
      description = "Control steps between labelled states (default: ${DEFAULT-VALUE}).")
  int lookaheadEvery;

  @Option(
      names = "--lookahead-noise",
      paramLabel = "P",
      defaultValue = "0.2",
      description =
          "Share of labelled states after which a random expert acts until the next one, to visit states "
              + "off the gate's path (default: ${DEFAULT-VALUE}).")
  double lookaheadNoise;

  @Option(
      names = "--switch-margin",
      paramLabel = "M",
      description =
          "The mixture, acting, keeps its current expert unless the gate's choice outweighs it by more than "
              + "M (in [0, 1); kept in moe.json, eval --switch-margin overrides it; default: 0, the gate's "
              + "choice at every step).")
  Double switchMargin;

  @Option(
      names = "--lookahead-all-experts",
      description =
          "In the rounds any expert may label any state, the --specialists too (the cloning keeps them "
              + "to their own clips).")
  boolean lookaheadAllExperts;

  @Option(
      names = "--lookahead-restart",
      description =
          "In the rounds, an episode that falls goes on from the clip's next start frame after the fall "
              + "(a stored pose), so the rest of each clip is labelled too.")
  boolean lookaheadRestart;

  @Option(
      names = "--lookahead-compose",
      paramLabel = "FILE",
      description =
          "The rounds also play a clip composed from each sentence of FILE (one per line, the grammar of "
              + "t2m --source compose), stitched from the training clips alone.")
  Path lookaheadCompose;

  @Option(
      names = "--lookahead-variants",
      split = ",",
      paramLabel = "KIND",
      description =
          "The rounds also play these variants of each training clip: mirror, stops, speed=S (as eval "
              + "--variants makes them; a specialist may label its own clips' variants).")
  List<String> lookaheadVariants = new ArrayList<>();

  @Option(names = "--json", description = "Progress on stderr, a JSON summary on stdout.")
  boolean json;

  @Parameters(
      paramLabel = "key=value",
      description =
          "Settings of the gate training: PPO (e.g. iterations=100, gate_hidden=[512,256]) and the task's "
              + "training settings (e.g. clip_priority=0.5; not control, root_tilt, frame_lookup or ref_preview, which the experts fix).")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream progress = json ? System.err : System.out;
    MixtureActors.refuseLegacy(out);
    Trainer trainer;
    if (Files.exists(out.resolve("config.yaml"))
        && Checkpoint.list(out.resolve("checkpoints")).isEmpty()) {
      // stopped before its first checkpoint (e.g. killed): nothing to continue, start it again
      progress.println("no checkpoint in " + out + " yet: starting the mixture's training again");
      try {
        Files.deleteIfExists(out.resolve("config.yaml"));
        Files.deleteIfExists(out.resolve("metrics.csv"));
      } catch (java.io.IOException e) {
        throw new BadInputException(out, "cannot clean: " + e.getMessage());
      }
    }
    if (Files.exists(out.resolve("config.yaml"))) {
      if (!RunConfig.load(out.resolve("config.yaml")).ppo().actor().equals("gate"))
        throw new BadInputException(out, "holds a training run, not a mixture");
      TrainCommand.resumeSettings(
          out,
          overrides,
          evalEvery == null ? null : String.valueOf(TrainCommand.checkedEvalEvery(evalEvery)));
      Probe probe = TrainCommand.probe(RunConfig.load(out.resolve("config.yaml")).env());
      trainer =
          Trainer.withProbe(
              probe, () -> Trainer.resume(out, environments, new MixtureActors(), progress, probe));
      if (cloneEpochs > 0)
        progress.println("--clone-epochs teaches a new gate only; this one continues as it is");
      progress.println(
          "continuing "
              + out
              + " after iteration "
              + trainer.iteration()
              + " (its experts are the copies in its checkpoints)");
    } else {
      RunConfig run = newRun();
      Probe probe = TrainCommand.probe(run.env());
      trainer =
          Trainer.withProbe(
              probe,
              () ->
                  Trainer.start(
                      run,
                      environments,
                      cloneEpochs > 0 ? cloning(progress) : new MixtureActors(),
                      out,
                      progress,
                      null,
                      probe));
    }
    try (trainer) {
      trainer.saveOnShutdown();
      trainer.run();
    }
    List<Path> cps = Checkpoint.list(out.resolve("checkpoints"));
    Path last = cps.get(cps.size() - 1);
    int k = RunConfig.load(out.resolve("config.yaml")).experts().size();
    if (json) {
      System.out.println(
          Json.write(
              Map.of("moe", last.toString(), "experts", k, "iterations", trainer.iteration())));
    } else {
      System.out.println(
          "mixture of "
              + k
              + " experts: "
              + last
              + " (evaluate with ./kinesis eval --policy "
              + out
              + ")");
    }
    return 0;
  }

  /** The mixture's actors, a new gate cloned from each clip's best expert before PPO starts. */
  private Actors cloning(PrintStream progress) {
    MixtureActors inner = new MixtureActors();
    return new Actors() {
      @Override
      public Actor create(
          RunConfig run, int obsDim, int actDim, Path resumeFrom, Rng init, Gemm gemm) {
        Actor a = inner.create(run, obsDim, actDim, resumeFrom, init, gemm);
        if (resumeFrom == null && a instanceof GateActor g) cloneGate(g, run, progress);
        return a;
      }

      @Override
      public void attach(RunConfig run, Actor actor, Checkpoint cp, Path dir) {
        inner.attach(run, actor, cp, dir);
      }
    };
  }

  /** The gate run's setting that records the lookahead rounds. */
  static final String LOOKAHEAD = "gate_lookahead",
      LOOKAHEAD_VARIANTS = "gate_lookahead_variants",
      LOOKAHEAD_ALL = "gate_lookahead_all_experts",
      LOOKAHEAD_COMPOSE = "gate_lookahead_compose";

  private LookaheadCloning.Settings lookaheadSettings() {
    return new LookaheadCloning.Settings(
        lookaheadRounds, lookahead, lookaheadEvery, lookaheadNoise, cloneEpochs, lookaheadRestart);
  }

  /** The gate run's setting that names the specialists of --specialists. */
  static final String SPECIALISTS = "gate_specialists";

  private static Set<Integer> specialists(Map<String, String> env) {
    String s = env.getOrDefault(SPECIALISTS, "");
    Set<Integer> out = new TreeSet<>();
    for (String k : s.split(",", -1)) if (!k.isBlank()) out.add(Integer.parseInt(k.trim()));
    return out;
  }

  /**
   * Teaches {@code g} each training clip's best expert, then runs the lookahead rounds if asked;
   * writes gate-teachers.json.
   */
  private void cloneGate(GateActor g, RunConfig run, PrintStream progress) {
    Map<String, String> env = run.env();
    if (!env.getOrDefault("task", "imitation").equals("imitation"))
      throw new BadInputException("--clone-epochs needs experts of the imitation task");
    String model = env.getOrDefault("model", "legs");
    List<Clip> clips =
        ClipSet.open(env.getOrDefault("motions", "public-locomotion"), model).select("train", null);
    ControlMode control = ControlMode.parse(env.getOrDefault("control", "direct"));
    Set<Integer> specialists = specialists(env);
    progress.printf(
        "cloning the gate: %d experts play %d clips from frame 0, then %d epochs of cross-entropy%n",
        g.experts().size(), clips.size(), cloneEpochs);
    Map<String, Object> report = new LinkedHashMap<>();
    try (BodyModel body = BodyModel.load(model)) {
      GateCloning.Result r =
          GateCloning.clone(
              g,
              body,
              clips,
              specialists,
              control,
              cloneEpochs,
              run.ppo().seed(),
              Runtime.getRuntime().availableProcessors());
      progress.printf(
          Locale.ROOT,
          "cloned: %d states, the gate picks the teacher on %.1f %% of them (cross-entropy %.3g)%n",
          r.states(),
          100 * r.accuracy(),
          r.crossEntropy());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (GateCloning.Teacher t : r.teachers()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("clip", t.clip());
        row.put("teacher", t.expert());
        row.put("coverage", t.outcomes().stream().map(o -> o.coverage()).toList());
        row.put("mpjpe_mm", t.outcomes().stream().map(o -> o.mpjpeMm()).toList());
        rows.add(row);
      }
      report.put("epochs", cloneEpochs);
      report.put("specialists", List.copyOf(specialists));
      report.put("states", r.states());
      report.put("accuracy", r.accuracy());
      report.put("cross_entropy", r.crossEntropy());
      report.put("clips", rows);
      if (lookaheadRounds > 0)
        report.put(
            "lookahead_rounds",
            lookaheadRounds(g, body, model, clips, specialists, control, r, run, progress));
    }
    Json.write(out.resolve("gate-teachers.json"), report);
    progress.println("gate-teachers.json written");
  }

  /** The {@link LookaheadCloning} rounds after cloning, one summary row each. */
  private List<Map<String, Object>> lookaheadRounds(
      GateActor g,
      BodyModel body,
      String model,
      List<Clip> clips,
      Set<Integer> specialists,
      ControlMode control,
      GateCloning.Result cloned,
      RunConfig run,
      PrintStream progress) {
    progress.printf(
        Locale.ROOT,
        "lookahead rounds: %d, each expert tried %d steps ahead every %d steps (a random expert after %.0f %%)%n",
        lookaheadRounds,
        lookahead,
        lookaheadEvery,
        100 * lookaheadNoise);
    Set<Integer> kept = lookaheadAllExperts ? Set.of() : specialists;
    List<Clip> played = new ArrayList<>(clips);
    List<boolean[]> may = new ArrayList<>();
    for (Clip c : clips) may.add(GateCloning.mayTeach(g.experts(), kept, c.name()));
    for (Clip c : clips)
      for (Clip v : ClipVariants.of(List.of(c), lookaheadVariants, body)) {
        played.add(v);
        may.add(GateCloning.mayTeach(g.experts(), kept, c.name()));
      }
    int variants = played.size() - clips.size();
    if (lookaheadCompose != null) {
      String motions = run.env().getOrDefault("motions", "public-locomotion");
      for (Clip c : ComposedClips.fromFile(lookaheadCompose, ClipSet.open(motions, model), body)) {
        played.add(c);
        may.add(GateCloning.mayTeach(g.experts(), kept, c.name()));
      }
    }
    if (played.size() > clips.size())
      progress.printf(
          "the rounds play %d variants and %d composed clips too%n",
          variants, played.size() - clips.size() - variants);
    List<LookaheadCloning.Round> done =
        LookaheadCloning.train(
            g,
            body,
            played,
            may,
            control,
            lookaheadSettings(),
            cloned.obs(),
            cloned.labels(),
            run.ppo().seed(),
            Runtime.getRuntime().availableProcessors());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      LookaheadCloning.Round x = done.get(i);
      progress.printf(
          Locale.ROOT,
          "round %d: %d states labelled, the gate chose the oracle's expert on %.1f %%, episodes covered %.1f %%, cross-entropy %.3g%n",
          i + 1,
          x.states(),
          100 * x.agreement(),
          100 * x.coverage(),
          x.crossEntropy());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("states", x.states());
      row.put("agreement", x.agreement());
      row.put("coverage", x.coverage());
      row.put("cross_entropy", x.crossEntropy());
      rows.add(row);
    }
    return rows;
  }

  /**
   * The gate run over the experts of --mine and --experts, on their environment (clips: the whole
   * training split).
   */
  private RunConfig newRun() {
    List<Path> sources = new ArrayList<>(experts);
    if (mine != null) {
      for (MineManifest.Stage st : MineManifest.read(mine.resolve(Mining.MANIFEST)).stages()) {
        if (st.checkpoint() != null) sources.add(mine.resolve(st.checkpoint()));
      }
    }
    if (sources.isEmpty()) throw new BadInputException("give --mine DIR or --experts A,B,...");
    List<String> resolved = new ArrayList<>();
    for (Path p : sources)
      resolved.add(Policies.resolve(p).toAbsolutePath().normalize().toString());
    List<ExpertSpec> specs = MixtureActors.read(resolved); // validates them now
    Map<String, String> env = new LinkedHashMap<>(specs.get(0).env());
    env.remove("clips");
    if (env.getOrDefault("task", "imitation").equals("imitation"))
      TrainCommand.resolveImitation(env); // experts of older runs saved overrides only
    if (motions != null)
      env.put(
          "motions",
          Files.isDirectory(Path.of(motions))
              ? Path.of(motions).toAbsolutePath().toString()
              : motions);
    if (evalEvery != null) {
      if (TrainCommand.checkedEvalEvery(evalEvery) > 0)
        env.put(ClipProbe.EVERY, String.valueOf(evalEvery));
      else env.remove(ClipProbe.EVERY);
    }
    // training settings of the task (e.g. clip_priority) go to the environment, the rest to PPO;
    // those that change what the frozen experts observe or command are refused
    Map<String, String> before = new LinkedHashMap<>(env);
    List<String> settings = TrainCommand.splitSettings(overrides, env);
    if (cloneEpochs < 0)
      throw new BadInputException("--clone-epochs must be 0 (off) or positive, not " + cloneEpochs);
    if (cloneEpochs > 0) env.put("gate_clone_epochs", String.valueOf(cloneEpochs));
    if (!specialists.isEmpty()) {
      if (cloneEpochs == 0)
        throw new BadInputException("--specialists chooses the teachers of --clone-epochs N");
      for (int k : specialists)
        if (k < 0 || k >= specs.size())
          throw new BadInputException(
              "--specialists: no expert " + k + " (experts 0 to " + (specs.size() - 1) + ")");
      env.put(
          SPECIALISTS,
          String.join(",", specialists.stream().sorted().distinct().map(String::valueOf).toList()));
    }
    if (switchMargin != null) {
      env.put(MixtureSpec.SWITCH_MARGIN, String.valueOf(switchMargin));
      MixtureSpec.switchMargin(env); // checks it now
    }
    if ((!lookaheadVariants.isEmpty() || lookaheadAllExperts || lookaheadCompose != null)
        && lookaheadRounds == 0)
      throw new BadInputException(
          "--lookahead-variants, --lookahead-all-experts and --lookahead-compose belong to --lookahead-rounds R");
    if (lookaheadRounds != 0) {
      if (cloneEpochs == 0)
        throw new BadInputException("--lookahead-rounds continues the cloning of --clone-epochs N");
      try {
        env.put(LOOKAHEAD, lookaheadSettings().toString());
        ClipVariants.check(lookaheadVariants);
        if (!lookaheadVariants.isEmpty())
          env.put(LOOKAHEAD_VARIANTS, String.join(",", lookaheadVariants));
        if (lookaheadAllExperts) env.put(LOOKAHEAD_ALL, "true");
        if (lookaheadCompose != null) {
          if (!Files.isRegularFile(lookaheadCompose))
            throw new BadInputException(lookaheadCompose, "not found");
          env.put(LOOKAHEAD_COMPOSE, lookaheadCompose.toAbsolutePath().normalize().toString());
        }
      } catch (IllegalArgumentException e) {
        throw new BadInputException(
            "--lookahead-rounds, --lookahead, --lookahead-every, --lookahead-noise: "
                + e.getMessage());
      }
    }
    for (String key : EXPERTS_OWN)
      if (!java.util.Objects.equals(before.get(key), env.get(key)))
        throw new BadInputException(
            "cannot change '"
                + key
                + "' for a gate: its experts were trained with "
                + before.get(key));
    settings.add("actor=gate");
    return new RunConfig(env, PpoConfig.preset(preset).with(settings), resolved);
  }
}
