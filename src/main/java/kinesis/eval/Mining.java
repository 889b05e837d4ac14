package kinesis.eval;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.nn.VecGemm;
import kinesis.rl.Checkpoint;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.Probe;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import kinesis.rl.moe.ExpertSpec;
import kinesis.task.ImitationConfig;

/**
 * Hard-negative mining (paper Fig. 2, reference §4.7): train expert 0 on the training clips,
 * evaluate it on them, keep the clips it fails, start expert k+1 from expert k's checkpoint
 * (weights, optimiser, normaliser and iteration counter; environments restart) and train it on
 * those failures, until none are left or {@code maxExperts} experts exist. Stage k lives in {@code
 * DIR/expert_k} (an ordinary run directory); {@code DIR/mine.json} records the stages, their clips,
 * failures and checkpoints after every step, so running the same command again continues.
 */
public final class Mining {
  private Mining() {}

  public static final String MANIFEST = "mine.json";

  /**
   * What mining needs.
   *
   * @param env environment options of every stage (model, motions, control, ...; {@code clips} is
   *     set per stage)
   * @param ppo PPO settings ({@code iterations} is set per stage)
   * @param itersPerExpert PPO iterations added by each stage
   * @param maxExperts stop after this many experts
   * @param evaluation environment settings of the failure test (the paper protocol by default)
   * @param threads clips evaluated in parallel
   */
  public record Settings(
      Map<String, String> env,
      PpoConfig ppo,
      long itersPerExpert,
      int maxExperts,
      ImitationConfig evaluation,
      int threads) {
    public Settings {
      if (maxExperts < 1 || itersPerExpert < 1)
        throw new BadInputException("--experts and --iterations must be at least 1");
      if (threads < 1) throw new BadInputException("--threads must be at least 1");
      if (ppo == null || evaluation == null)
        throw new IllegalArgumentException("mining needs PPO and evaluation settings");
      env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
  }

  /**
   * How the failure search evaluates an expert's checkpoint on clips (deterministic mean actions,
   * one episode each from frame 0, run seed 0, {@link Settings#evaluation}): {@link #HERE} on this
   * JVM's threads, or spread over cluster workers ({@code mine --cluster}) with the same outcomes.
   */
  @FunctionalInterface
  public interface FailureSearch {
    List<ClipOutcome> evaluate(Path checkpoint, List<Clip> clips, Settings s);
  }

  /** The failure search on {@link Settings#threads} threads of this JVM. */
  public static final FailureSearch HERE =
      (cp, clips, s) -> {
        ExpertSpec spec = ExpertSpec.read(cp);
        try (BodyModel body = BodyModel.load(s.env().getOrDefault("model", "legs"))) {
          return Evaluator.run(
              body,
              clips,
              s.evaluation(),
              () -> spec.controller(new VecGemm(1), true),
              0,
              s.threads());
        }
      };

  /**
   * Runs or continues mining in {@code dir} with the failure search in this JVM; returns the
   * manifest.
   */
  public static MineManifest run(
      Path dir,
      List<String> trainingClips,
      Settings s,
      EnvFactory envs,
      Function<String, List<Clip>> clipsByName,
      PrintStream out) {
    return run(dir, trainingClips, s, envs, clipsByName, HERE, out);
  }

  /**
   * Runs or continues mining in {@code dir}, evaluating each expert with {@code search}; returns
   * the manifest.
   */
  public static MineManifest run(
      Path dir,
      List<String> trainingClips,
      Settings s,
      EnvFactory envs,
      Function<String, List<Clip>> clipsByName,
      FailureSearch search,
      PrintStream out) {
    if (trainingClips.isEmpty()) throw new BadInputException("no training clips to mine");
    Path mf = dir.resolve(MANIFEST);
    MineManifest m;
    if (Files.isRegularFile(mf)) {
      m = MineManifest.read(mf);
      out.println("continuing mining in " + dir);
      if (m.done() && m.maxExperts() < s.maxExperts() && !m.stages().getLast().failed().isEmpty()) {
        // stopped at the old maximum with clips still failed: a larger --experts mines on
        m = m.withMaxExperts(s.maxExperts());
        out.printf("up to %d experts now%n", s.maxExperts());
        save(dir, m);
      }
    } else {
      m =
          new MineManifest(
              MineManifest.FORMAT,
              MineManifest.VERSION,
              s.env(),
              s.itersPerExpert(),
              s.maxExperts(),
              new MineManifest.Evaluation(
                  s.evaluation().terminationDistance(), s.evaluation().meanTermination()),
              List.of(MineManifest.Stage.of(0, trainingClips)),
              false,
              null);
      save(dir, m);
    }
    for (int k = 0; !m.done(); k++) {
      MineManifest.Stage st = m.stages().get(k);
      long target = (k + 1) * s.itersPerExpert();
      if (!st.evaluated()) {
        out.printf(
            "expert %d: training on %d clips to iteration %d%n", k, st.clips().size(), target);
        train(dir.resolve(st.run()), k, st.clips(), target, s, envs, clipsByName, out);
        Path cp = newest(dir.resolve(st.run()));
        List<String> failed =
            failures(search.evaluate(cp, clipsByName.apply(String.join(",", st.clips())), s));
        st =
            new MineManifest.Stage(
                k, st.run(), st.clips(), failed, dir.relativize(cp).toString(), target);
        m = m.withStage(k, st);
        out.printf("expert %d: fails %d of %d clips%n", k, failed.size(), st.clips().size());
        save(dir, m);
      }
      if (st.failed().isEmpty() || k + 1 >= s.maxExperts()) {
        m =
            m.finished(
                st.failed().isEmpty()
                    ? "no failed clips left"
                    : "maximum number of experts reached");
        save(dir, m);
        break;
      }
      if (m.stages().size() == k + 1) {
        prepareNext(
            dir.resolve(st.checkpoint()),
            dir.resolve("expert_" + (k + 1)),
            st.failed(),
            (k + 2) * s.itersPerExpert(),
            s);
        m = m.withStage(k + 1, MineManifest.Stage.of(k + 1, st.failed()));
        save(dir, m);
      }
    }
    return m;
  }

  private static void save(Path dir, MineManifest m) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new BadInputException(dir, "cannot create: " + e.getMessage());
    }
    m.write(dir.resolve(MANIFEST));
  }

  private static RunConfig config(List<String> clips, long target, Settings s) {
    Map<String, String> env = new LinkedHashMap<>(s.env());
    env.put("clips", String.join(",", clips));
    return new RunConfig(env, s.ppo().with(List.of("iterations=" + target)));
  }

  /**
   * Trains stage k to {@code target} iterations: a new run for expert 0, else continues the
   * prepared run. A stage whose settings have {@code eval_every} logs the probe of {@code train} on
   * its own clips (an adopted run's probe carries over to the next expert).
   */
  private static void train(
      Path run,
      int k,
      List<String> clips,
      long target,
      Settings s,
      EnvFactory envs,
      Function<String, List<Clip>> clipsByName,
      PrintStream out) {
    boolean started = Files.isRegularFile(run.resolve("config.yaml"));
    boolean checkpointed = started && !Checkpoint.list(run.resolve("checkpoints")).isEmpty();
    if (checkpointed && Checkpoint.read(newest(run)).iteration() >= target) return;
    if (started && !checkpointed) {
      deleteRun(run); // started but never checkpointed: start over
      if (k > 0) throw new BadInputException(run, "stage " + k + " lost its starting checkpoint");
    }
    if (!checkpointed && k > 0)
      throw new BadInputException(run, "stage " + k + " was not prepared from the previous expert");
    RunConfig rc =
        checkpointed ? RunConfig.load(run.resolve("config.yaml")) : config(clips, target, s);
    // the stage ends at its target, whatever the run was set to (an adopted expert 0 may train
    // until stopped)
    if (checkpointed && rc.ppo().iterations() != target)
      new RunConfig(rc.env(), rc.ppo().with(List.of("iterations=" + target)))
          .save(run.resolve("config.yaml"));
    Probe probe = ClipProbe.forRun(rc.env(), () -> clipsByName.apply(String.join(",", clips)));
    Trainer t =
        Trainer.withProbe(
            probe,
            () ->
                checkpointed
                    ? Trainer.resume(run, envs, out, probe)
                    : Trainer.start(rc, envs, run, out, null, probe));
    try (t) {
      t.saveOnShutdown();
      t.run();
    }
  }

  private static void deleteRun(Path run) {
    try {
      Files.deleteIfExists(run.resolve("config.yaml"));
      Files.deleteIfExists(run.resolve("metrics.csv"));
    } catch (java.io.IOException e) {
      throw new BadInputException(run, "cannot clean: " + e.getMessage());
    }
  }

  private static Path newest(Path run) {
    List<Path> cps = Checkpoint.list(run.resolve("checkpoints"));
    if (cps.isEmpty()) throw new BadInputException(run, "has no checkpoint");
    return cps.get(cps.size() - 1);
  }

  /** The clips of {@code outcomes} that failed, in order. */
  static List<String> failures(List<ClipOutcome> outcomes) {
    List<String> failed = new ArrayList<>();
    for (ClipOutcome o : outcomes) if (!o.success()) failed.add(o.clip());
    return failed;
  }

  /**
   * Expert k+1's run: the previous checkpoint copied (weights, optimiser, normaliser, counters; the
   * environment state dropped, so the new clips start fresh), its metrics, and a config on the
   * failures.
   */
  private static void prepareNext(
      Path cp, Path next, List<String> failed, long target, Settings s) {
    Checkpoint prev = Checkpoint.read(cp);
    Map<String, Map<String, Object>> files = new LinkedHashMap<>(prev.files());
    Map<String, Object> state = new LinkedHashMap<>(files.get("state.bin"));
    state.remove("env");
    files.put("state.bin", state);
    Map<String, Object> manifest = new LinkedHashMap<>(prev.manifest());
    manifest.put("env_state_saved", false);
    new Checkpoint(prev.iteration(), manifest, files).write(next.resolve("checkpoints"), 3);
    try {
      Path metrics = cp.getParent().getParent().resolve("metrics.csv");
      if (Files.isRegularFile(metrics))
        Files.copy(
            metrics,
            next.resolve("metrics.csv"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new BadInputException(next, "cannot copy metrics: " + e.getMessage());
    }
    nextConfig(cp.getParent().getParent().resolve("config.yaml"), failed, target, s)
        .save(next.resolve("config.yaml"));
  }

  /**
   * Expert k+1 trains with expert k's settings (its {@code config.yaml}: an adopted expert 0 keeps
   * its own recipe, as the reference continues the previous expert's run) on the clips it failed,
   * up to {@code target} iterations; the mining settings only where expert k has no config.
   */
  static RunConfig nextConfig(Path previous, List<String> failed, long target, Settings s) {
    if (!Files.isRegularFile(previous)) return config(failed, target, s);
    RunConfig rc = RunConfig.load(previous);
    Map<String, String> env = new LinkedHashMap<>(rc.env());
    env.put("clips", String.join(",", failed));
    return new RunConfig(env, rc.ppo().with(List.of("iterations=" + target)));
  }
}
