package kinesis.rl;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.nn.Actor;
import kinesis.nn.Gemm;
import kinesis.nn.Param;
import kinesis.nn.Rng;
import kinesis.nn.TensorFile;
import kinesis.task.Symmetry;
import kinesis.task.VecEnv;

/**
 * The training loop, in the order CleanRL writes it: roll out {@code steps_per_env} steps on every
 * environment with the stochastic policy, compute values and GAE, run the PPO update, log,
 * checkpoint. Everything random comes from the seed, so a run (and a resumed run) is reproducible
 * bit for bit.
 *
 * <p>After each iteration the complete state is captured in memory (only when all weights and
 * losses are finite): a non-finite update is rolled back to it, and Ctrl-C writes it as a
 * checkpoint. The actor comes from {@link Actors}: a Gaussian or Lattice policy, or the gate of a
 * mixture.
 */
public final class Trainer implements AutoCloseable {
  private static final int KEEP_CHECKPOINTS = 3, MAX_BAD_UPDATES = 5;

  /** Where the checkpoint with the best probe score is kept: RUN/best/NNNN. */
  public static final String BEST = "best";

  private final RunConfig run;
  private final Actors actors;
  private final PpoConfig cfg;
  private final VecEnv env;
  private final Path dir;
  private final PrintStream out;
  private final boolean live;
  public final Ppo ppo;
  private final Rng rng;
  private final int numEnvs, steps, obsDim, actDim, choiceDim, batch;
  private final List<String> envMetrics;
  private Map<String, Double> lastProbe = Map.of();
  private final Probe probe;
  private final boolean envSavesState;
  private final MetricsLog log;

  /**
   * The matrix back end of this run, chosen once (-Dkinesis.gemm, -Dkinesis.threads) and handed to
   * the actor and update.
   */
  private final Gemm gemm = Gemm.fromProperties();

  private final RolloutSource
      remote; // when the environments are stepped in other JVMs (kinesis.cluster); null: rollout()
  // below
  private final float[] behaviourLogp;
  // rollout carry-over and storage
  private final float[] nextObs,
      stepAct,
      stepChoice,
      stepRew,
      obs,
      choices,
      rew,
      values,
      bootstrap,
      adv,
      ret;
  private final boolean[] stepDone, stepTerm, done;
  private final double[] epReturn;
  private final long[] epLength;
  private long iteration, globalStep;
  private int badUpdates;
  private volatile boolean stopRequested;
  private final Object saveLock = new Object();

  /** The probe's best training-split coverage so far, kept as RUN/best/NNNN (with a probe). */
  private double bestScore = Double.NEGATIVE_INFINITY;

  private volatile Checkpoint lastGood;
  private long lastWritten = -1;
  private Thread hook;
  private Map<String, Double> lastMetrics = Map.of();

  @SuppressWarnings("SystemConsoleNull") // console() may still be null; isTerminal() decides
  private Trainer(
      RunConfig run,
      EnvFactory factory,
      Actors actors,
      Path dir,
      PrintStream out,
      Path resumeDir,
      Checkpoint resumeFrom,
      Checkpoint initFrom,
      Probe probe) {
    this.probe = probe;
    this.run = run;
    this.actors = actors;
    this.cfg = run.ppo();
    this.dir = dir;
    this.out = out;
    this.live =
        System.console() != null && System.console().isTerminal() && System.getenv("CI") == null;
    this.env = factory.create(run.env(), cfg.numEnvs(), cfg.seed());
    numEnvs = env.numEnvs();
    if (numEnvs != cfg.numEnvs())
      throw new IllegalStateException(
          "environment made " + numEnvs + " envs, config asks " + cfg.numEnvs());
    obsDim = env.obsDim();
    actDim = env.actionDim();
    steps = cfg.stepsPerEnv();
    batch = steps * numEnvs;
    envMetrics = env.metricNames();
    envSavesState = supportsState(env);
    remote = env instanceof RolloutSource r ? r : null;

    double need = cfg.bytesNeeded(obsDim, actDim), have = Runtime.getRuntime().maxMemory();
    if (need > 0.8 * have) {
      env.close();
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "networks %s with %d observations need about %.1f GB for training; this JVM may use %.1f GB "
                  + "(raise it with KINESIS_JAVA_OPTS=-Xmx…)",
              cfg.hidden(),
              obsDim,
              need / 1e9,
              have / 1e9));
    }
    try {
      ppo = newPpo(resumeDir);
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
    choiceDim = ppo.policy.choiceDim();
    rng = new Rng(cfg.seed() ^ 0x5DEECE66DL);
    nextObs = new float[numEnvs * obsDim];
    stepAct = new float[numEnvs * actDim];
    stepChoice = new float[numEnvs * choiceDim];
    stepRew = new float[numEnvs];
    stepDone = new boolean[numEnvs];
    stepTerm = new boolean[numEnvs];
    obs = new float[batch * obsDim];
    choices = new float[batch * choiceDim];
    rew = new float[batch];
    done = new boolean[batch];
    values = new float[batch];
    bootstrap = new float[numEnvs];
    adv = new float[batch];
    ret = new float[batch];
    behaviourLogp = remote == null ? null : new float[batch];
    epReturn = new double[numEnvs];
    epLength = new long[numEnvs];
    if (initFrom != null) {
      try {
        initialise(initFrom);
      } catch (RuntimeException e) {
        env.close();
        throw e;
      }
    }
    List<String> columns = columns(envMetrics);
    columns.addAll(ppo.policy.choiceMetricNames());
    if (probe != null) columns.addAll(probe.names());
    try {
      Files.createDirectories(dir.resolve("plots"));
    } catch (java.io.IOException e) {
      env.close();
      throw new BadInputException(dir, "cannot create run directory: " + e.getMessage());
    }
    if (resumeFrom == null) {
      env.reset(cfg.seed(), nextObs);
      log = MetricsLog.create(dir.resolve("metrics.csv"), columns);
    } else {
      restore(resumeFrom, true);
      log = MetricsLog.resume(dir.resolve("metrics.csv"), columns, iteration);
    }
    ppo.capActionStd(); // a cap set on a fork or a resume applies from the first rollout
    lastGood = capture();
    if (resumeFrom != null) lastWritten = iteration;
    if (resumeFrom != null && probe != null) bestScore = savedBestScore(dir);
  }

  /**
   * The run's actor (its weights drawn first from the seed's stream), its value network, and the
   * mirror loss when asked for.
   */
  private Ppo newPpo(Path resumeDir) {
    Rng init = new Rng(cfg.seed());
    Actor actor = actors.create(run, obsDim, actDim, resumeDir, init, gemm);
    if (actor.obsDim() != obsDim || actor.actionDim() != actDim) {
      throw new BadInputException(
          "the "
              + actor.describe()
              + " has obs "
              + actor.obsDim()
              + " / actions "
              + actor.actionDim()
              + ", the environment "
              + obsDim
              + " / "
              + actDim);
    }
    Ppo p = new Ppo(cfg, actor, init, gemm);
    if (cfg.mirrorLoss() > 0) {
      Symmetry mirror = env.symmetry();
      if (mirror == null)
        throw new BadInputException(
            "mirror_loss=" + cfg.mirrorLoss() + ", but this task has no left/right mirror");
      p.setMirror(mirror);
    }
    return p;
  }

  private static boolean supportsState(VecEnv env) {
    try {
      env.saveState();
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /** Starts a new run in {@code dir} (which must not hold a run already). */
  public static Trainer start(RunConfig run, EnvFactory factory, Path dir, PrintStream out) {
    return start(run, factory, dir, out, null, null);
  }

  /**
   * A new run whose policy, value network, optimiser and observation normaliser start from another
   * run's checkpoint {@code init} (fine-tuning, or a changed recipe); counters, random streams and
   * environments start fresh. The checkpoint must match this run's network and spaces.
   */
  public static Trainer start(
      RunConfig run, EnvFactory factory, Path dir, PrintStream out, Checkpoint init, Probe probe) {
    return start(run, factory, Actors.POLICIES, dir, out, init, probe);
  }

  /**
   * {@link #start(RunConfig, EnvFactory, Path, PrintStream, Checkpoint, Probe)} with the actor made
   * by {@code actors}.
   */
  public static Trainer start(
      RunConfig run,
      EnvFactory factory,
      Actors actors,
      Path dir,
      PrintStream out,
      Checkpoint init,
      Probe probe) {
    if (Files.exists(dir.resolve("config.yaml"))
        || !Checkpoint.list(dir.resolve("checkpoints")).isEmpty()) {
      throw new BadInputException(
          dir, "already holds a run; continue it with --resume or choose another --out");
    }
    Trainer t =
        new Trainer(
            run, factory, actors, dir, out, null, null, init,
            probe); // environments first: a failure leaves no run behind
    run.save(dir.resolve("config.yaml"));
    return t;
  }

  /** Continues the run in {@code dir} from its newest checkpoint. */
  public static Trainer resume(Path dir, EnvFactory factory, PrintStream out) {
    return resume(dir, factory, out, null);
  }

  /**
   * Starts a trainer with {@code start}; when that fails, closes {@code probe} (which the trainer
   * would otherwise own) and rethrows.
   */
  public static Trainer withProbe(Probe probe, java.util.function.Supplier<Trainer> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      if (probe != null) probe.close();
      throw e;
    }
  }

  /**
   * {@link #resume(Path, EnvFactory, PrintStream)} with the run's probe (it must be the one the run
   * started with).
   */
  public static Trainer resume(Path dir, EnvFactory factory, PrintStream out, Probe probe) {
    return resume(dir, factory, Actors.POLICIES, out, probe);
  }

  /**
   * {@link #resume(Path, EnvFactory, PrintStream, Probe)} with the actor made by {@code actors}.
   */
  public static Trainer resume(
      Path dir, EnvFactory factory, Actors actors, PrintStream out, Probe probe) {
    RunConfig run = RunConfig.load(dir.resolve("config.yaml"));
    List<Path> cps = Checkpoint.list(dir.resolve("checkpoints"));
    if (cps.isEmpty())
      throw new BadInputException(
          dir, "no checkpoint to resume from in " + dir.resolve("checkpoints"));
    Path newest = cps.get(cps.size() - 1);
    return new Trainer(
        run, factory, actors, dir, out, newest, Checkpoint.read(newest), null, probe);
  }

  /**
   * Loads weights, normaliser and (when the checkpoint has one) optimiser of {@code cp} after
   * checking it fits this run.
   */
  private void initialise(Checkpoint cp) {
    Object od = cp.manifest().get("obs_dim"), ad = cp.manifest().get("action_dim");
    if (!(od instanceof Number o && o.intValue() == obsDim)
        || !(ad instanceof Number a && a.intValue() == actDim)) {
      throw new BadInputException(
          cp.label()
              + " was made for obs "
              + od
              + " / actions "
              + ad
              + ", this run has "
              + obsDim
              + " / "
              + actDim);
    }
    if (!cfg.hidden().equals(cp.manifest().get("hidden"))
        || !cfg.actor().equals(cp.manifest().get("actor"))) {
      throw new BadInputException(
          cp.label()
              + " has a "
              + cp.manifest().get("actor")
              + " policy "
              + cp.manifest().get("hidden")
              + ", this run a "
              + cfg.actor()
              + " policy "
              + cfg.hidden());
    }
    restore(cp, false);
  }

  public long iteration() {
    return iteration;
  }

  public long globalStep() {
    return globalStep;
  }

  public VecEnv env() {
    return env;
  }

  /** The metrics row of the last iteration (CleanRL names). */
  public Map<String, Double> lastMetrics() {
    return lastMetrics;
  }

  /** The newest probe measurement of this process, with its iteration; empty before the first. */
  public Map<String, Double> lastProbe() {
    return lastProbe;
  }

  /** Installs a shutdown hook that writes the last good state when the JVM is interrupted. */
  public void saveOnShutdown() {
    hook =
        new Thread(
            () -> {
              stopRequested = true;
              Path p = saveLastGood();
              if (p != null)
                out.println(
                    "interrupted: saved " + dir.relativize(p) + " (iteration " + lastWritten + ")");
              out.flush();
            },
            "kinesis-save-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Trains until {@code iterations} of the config are done (0 = until stopped). */
  public void run() {
    out.printf(
        Locale.ROOT,
        "training %s on %d envs (obs %d, actions %d): %,d samples/iteration, %s, gemm %s x%d%n",
        ppo.policy.describe(),
        numEnvs,
        obsDim,
        actDim,
        batch,
        cfg.minibatchSize() == 0 ? "full-batch steps" : "minibatches of " + cfg.minibatchSize(),
        gemm.name(),
        gemm.threads());
    if (!envSavesState)
      out.println(
          "note: this environment cannot save its state; --resume will restart its episodes");
    while (!stopRequested && (cfg.iterations() == 0 || iteration < cfg.iterations())) {
      iterate();
      boolean last = cfg.iterations() != 0 && iteration >= cfg.iterations();
      if (iteration % cfg.checkpointEvery() == 0 || last) {
        saveLastGood();
        Plots.write(dir.resolve("plots/training.png"), log.columns(), log.rows());
      }
    }
  }

  /** One iteration: rollout, GAE, update, log. */
  public void iterate() {
    long t0 = System.nanoTime();
    env.setProgress(globalStep);
    List<double[]> episodes;
    long t1;
    if (remote == null) {
      episodes = rollout();
      t1 = System.nanoTime();
      ppo.values(obs, batch, values);
      ppo.values(nextObs, numEnvs, bootstrap);
      Gae.compute(
          rew, done, values, bootstrap, steps, numEnvs, cfg.gamma(), cfg.gaeLambda(), adv, ret);
    } else {
      episodes =
          remote.collect(
              ppo,
              globalStep,
              new RolloutSource.Into(obs, choices, values, adv, ret, behaviourLogp));
      globalStep += batch;
      t1 = System.nanoTime();
    }
    double explained = explainedVariance(values, ret);
    Ppo.Stats st =
        ppo.update(
            new Ppo.Batch(obs, choices, adv, ret, batch, behaviourLogp),
            rng,
            iteration < cfg.valueWarmup());
    long t2 = System.nanoTime();
    iteration++;
    if (!st.finite()) {
      badUpdates++;
      restore(lastGood, false);
      out.printf(
          Locale.ROOT,
          "iteration %d: non-finite loss or weights after the update; restored the weights of iteration %d (%d in a row)%n",
          iteration,
          lastGood.iteration(),
          badUpdates);
      if (badUpdates >= MAX_BAD_UPDATES) {
        throw new IllegalStateException(
            "training diverged: "
                + badUpdates
                + " non-finite updates in a row; last good checkpoint is iteration "
                + lastGood.iteration());
      }
    } else {
      badUpdates = 0;
      ppo.adaptLearningRate(st.approxKl());
    }
    logIteration(
        st, episodes, explained, (t1 - t0) / 1e9, (t2 - t1) / 1e9); // drains the reward terms first
    lastGood = capture();
    keepBest();
  }

  /**
   * After a probe that beats every earlier one, writes this iteration's checkpoint into RUN/best/
   * (replacing the previous best): model selection on the training clips, never the test split.
   */
  private void keepBest() {
    if (lastProbe.getOrDefault("iteration", -1.0) != iteration) return;
    double score = probeScore(lastProbe);
    // a gain below one frame in 10^5 is a tie (metrics.csv keeps 6 digits of the score to beat)
    if (!(score > bestScore + 1e-5)) return;
    bestScore = score;
    Checkpoint cp = lastGood;
    synchronized (saveLock) {
      cp.write(dir.resolve(BEST), 1, into -> actors.attach(run, ppo.policy, cp, into));
    }
  }

  /**
   * A probe's score: the frame coverage of the clip set under the paper protocol, or of the run's
   * one clip when it has no set; NaN when neither was measured.
   */
  static double probeScore(Map<String, Double> probe) {
    Double set = probe.get("eval/set_coverage_paper");
    if (set != null && Double.isFinite(set)) return set;
    return probe.getOrDefault("eval/coverage_paper", Double.NaN);
  }

  /** The score logged at the iteration of the run's kept best checkpoint (−∞ when it has none). */
  private static double savedBestScore(Path dir) {
    List<Path> best = Checkpoint.list(dir.resolve(BEST));
    if (best.isEmpty() || !Files.isRegularFile(dir.resolve("metrics.csv")))
      return Double.NEGATIVE_INFINITY;
    long at = Long.parseLong(best.get(0).getFileName().toString());
    MetricsLog.Table t = MetricsLog.read(dir.resolve("metrics.csv"));
    int it = t.columns().indexOf("iteration");
    for (double[] row : t.rows()) {
      if ((long) row[it] != at) continue;
      Map<String, Double> logged = new LinkedHashMap<>();
      for (int c = 0; c < row.length; c++) logged.put(t.columns().get(c), row[c]);
      double score = probeScore(logged);
      return Double.isFinite(score) ? score : Double.NEGATIVE_INFINITY;
    }
    return Double.NEGATIVE_INFINITY;
  }

  private List<double[]> rollout() {
    List<double[]> episodes = new ArrayList<>();
    long lastShown = System.nanoTime();
    for (int t = 0; t < steps; t++) {
      System.arraycopy(nextObs, 0, obs, t * numEnvs * obsDim, numEnvs * obsDim);
      ppo.policy.act(nextObs, numEnvs, rng, false, stepChoice, stepAct);
      System.arraycopy(stepChoice, 0, choices, t * numEnvs * choiceDim, numEnvs * choiceDim);
      env.step(stepAct, nextObs, stepRew, stepDone, stepTerm);
      for (int e = 0; e < numEnvs; e++) {
        int i = t * numEnvs + e;
        rew[i] = stepRew[e];
        done[i] = stepDone[e];
        epReturn[e] += stepRew[e];
        epLength[e]++;
        if (stepDone[e]) {
          episodes.add(new double[] {epReturn[e], epLength[e], env.episodeCoverage(e)});
          epReturn[e] = 0;
          epLength[e] = 0;
        }
      }
      globalStep += numEnvs;
      if (live && System.nanoTime() - lastShown > 500_000_000L) {
        out.printf("\r  iteration %d: rollout %d%%  ", iteration + 1, 100 * (t + 1) / steps);
        out.flush();
        lastShown = System.nanoTime();
      }
    }
    if (live) out.print("\r\033[K");
    return episodes;
  }

  private static double explainedVariance(float[] v, float[] r) {
    double mr = 0, md = 0;
    for (int i = 0; i < v.length; i++) {
      mr += r[i];
      md += r[i] - v[i];
    }
    mr /= v.length;
    md /= v.length;
    double vr = 0, vd = 0;
    for (int i = 0; i < v.length; i++) {
      vr += (r[i] - mr) * (r[i] - mr);
      double d = r[i] - v[i] - md;
      vd += d * d;
    }
    return vr == 0 ? Double.NaN : 1 - vd / vr;
  }

  static List<String> columns(List<String> envMetrics) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "iteration",
                "global_step",
                "charts/SPS",
                "charts/episodic_return",
                "charts/episodic_length",
                "charts/episodes",
                "charts/frame_coverage",
                "losses/policy_loss",
                "losses/value_loss",
                "losses/approx_kl",
                "losses/clipfrac",
                "losses/entropy",
                "losses/explained_variance",
                "losses/policy_grad_norm",
                "losses/mirror_loss",
                "losses/bound_loss",
                "charts/policy_learning_rate",
                "charts/value_learning_rate",
                "time/rollout_s",
                "time/update_s"));
    c.addAll(envMetrics);
    return c;
  }

  private void logIteration(
      Ppo.Stats st, List<double[]> episodes, double explained, double tRoll, double tUpd) {
    double ret = Double.NaN, len = Double.NaN, cov = Double.NaN;
    if (!episodes.isEmpty()) {
      ret = episodes.stream().mapToDouble(e -> e[0]).average().orElse(Double.NaN);
      len = episodes.stream().mapToDouble(e -> e[1]).average().orElse(Double.NaN);
      cov =
          episodes.stream()
              .mapToDouble(e -> e[2])
              .filter(Double::isFinite)
              .average()
              .orElse(Double.NaN);
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("iteration", (double) iteration);
    m.put("global_step", (double) globalStep);
    m.put("charts/SPS", batch / (tRoll + tUpd));
    m.put("charts/episodic_return", ret);
    m.put("charts/episodic_length", len);
    m.put("charts/episodes", (double) episodes.size());
    m.put("charts/frame_coverage", cov);
    m.put("losses/policy_loss", st.policyLoss());
    m.put("losses/value_loss", st.valueLoss());
    m.put("losses/approx_kl", st.approxKl());
    m.put("losses/clipfrac", st.clipFrac());
    m.put("losses/entropy", st.entropy());
    m.put("losses/explained_variance", explained);
    m.put("losses/policy_grad_norm", st.policyGradNorm());
    m.put("losses/mirror_loss", st.mirrorLoss());
    m.put("losses/bound_loss", st.boundLoss());
    m.put("charts/policy_learning_rate", ppo.policyOpt.lr()); // the lr of the next update
    m.put("charts/value_learning_rate", cfg.valueLr());
    m.put("time/rollout_s", tRoll);
    m.put("time/update_s", tUpd);
    ppo.policy.choiceMetrics(choices, batch, m);
    Map<String, Double> own = env.drainMetrics();
    for (String name : envMetrics) m.put(name, own.getOrDefault(name, Double.NaN));
    Map<String, Double> seen =
        probe != null && iteration % probe.every() == 0 ? probe.measure(ppo.policy) : Map.of();
    if (probe != null)
      for (String name : probe.names()) m.put(name, seen.getOrDefault(name, Double.NaN));
    if (!seen.isEmpty()) {
      lastProbe = new LinkedHashMap<>(seen);
      lastProbe.put("iteration", (double) iteration);
    }
    log.append(m);
    lastMetrics = m;
    out.printf(
        Locale.ROOT,
        "iter %5d  step %,12d  SPS %,7.0f  return %9.3f  ep_len %7.1f  cover %5.3f  kl %.4f  clip %.3f  vloss %.3e  (rollout %.1fs, update %.1fs)%n",
        iteration,
        globalStep,
        batch / (tRoll + tUpd),
        ret,
        len,
        cov,
        st.approxKl(),
        st.clipFrac(),
        st.valueLoss(),
        tRoll,
        tUpd);
    if (!seen.isEmpty()) {
      StringBuilder line = new StringBuilder("      probe:");
      seen.forEach((k, v) -> line.append(String.format(Locale.ROOT, "  %s %.4g", k, v)));
      out.println(line);
    }
  }

  // ---- state capture / restore ----------------------------------------------------------------

  private Checkpoint capture() {
    Map<String, Object> weights = new LinkedHashMap<>(),
        opt = new LinkedHashMap<>(),
        norm = new LinkedHashMap<>(),
        state = new LinkedHashMap<>();
    for (Param p : ppo.allParams()) weights.put(p.name, p.value.clone());
    opt.putAll(ppo.policyOpt.state("policy_adam."));
    opt.putAll(ppo.valueOpt.state("value_adam."));
    ppo.policy.norm().save(norm, "policy.norm.");
    state.put("iteration", new long[] {iteration});
    state.put("global_step", new long[] {globalStep});
    state.put("rng", rng.state());
    state.put("policy_lr", new double[] {ppo.policyOpt.lr()});
    state.put("next_obs", nextObs.clone());
    state.put("episode_return", epReturn.clone());
    state.put("episode_length", epLength.clone());
    if (envSavesState) state.put("env", env.saveState());
    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    files.put("weights.bin", weights);
    files.put("optimizer.bin", opt);
    files.put("normaliser.bin", norm);
    files.put("state.bin", state);
    return new Checkpoint(iteration, manifest(), files);
  }

  private Map<String, Object> manifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", Checkpoint.FORMAT_VERSION);
    m.put("iteration", iteration);
    m.put("global_step", globalStep);
    m.put("created", Instant.now().toString());
    m.put("actor", cfg.actor());
    m.put("obs_dim", obsDim);
    m.put("action_dim", actDim);
    m.put("hidden", cfg.hidden());
    m.put("env", run.env());
    m.put(
        "reward_terms",
        envMetrics.stream().filter(n -> n.startsWith("reward/")).map(n -> n.substring(7)).toList());
    m.put("env_state_saved", envSavesState);
    m.put("gemm", gemm.name()); // bit-exact resume needs the same back end and thread count
    m.put("threads", gemm.threads());
    Map<String, Object> shapes = new LinkedHashMap<>();
    for (Param p : ppo.allParams()) shapes.put(p.name, p.size());
    m.put("parameters", shapes);
    m.put("ppo", cfg.toMap());
    m.put("files", Checkpoint.FILES);
    return m;
  }

  /**
   * Loads weights, optimiser and normaliser; with {@code full} also counters, random state and
   * environments.
   */
  private void restore(Checkpoint cp, boolean full) {
    Map<String, Object> weights = cp.file("weights.bin");
    // an expert's policy-only copy leaves the value network as drawn for this run
    for (Param p : cp.policyOnly() && !full ? ppo.policy.params() : ppo.allParams())
      System.arraycopy(TensorFile.floats(weights, p.name, p.size()), 0, p.value, 0, p.size());
    if (cp.has("optimizer.bin") || full) { // a policy folder starts with fresh Adam moments
      ppo.policyOpt.load(cp.file("optimizer.bin"), "policy_adam.");
      ppo.valueOpt.load(cp.file("optimizer.bin"), "value_adam.");
    }
    ppo.policy.norm().load(cp.file("normaliser.bin"), "policy.norm.");
    ppo.policy.invalidate();
    if (!full) return;
    Map<String, Object> s = cp.file("state.bin");
    Object od = cp.manifest().get("obs_dim"), ad = cp.manifest().get("action_dim");
    if (!(od instanceof Number o && o.intValue() == obsDim)
        || !(ad instanceof Number a && a.intValue() == actDim)) {
      throw new BadInputException(
          "checkpoint "
              + cp.iteration()
              + " was made for obs "
              + od
              + " / actions "
              + ad
              + ", the environment has "
              + obsDim
              + " / "
              + actDim);
    }
    iteration = TensorFile.longs(s, "iteration", 1)[0];
    globalStep = TensorFile.longs(s, "global_step", 1)[0];
    rng.setState(TensorFile.longs(s, "rng", 4));
    ppo.policyOpt.setLr(
        s.get("policy_lr") instanceof double[] lr && lr.length == 1 && lr[0] > 0
            ? lr[0]
            : cfg.policyLr());
    System.arraycopy(
        TensorFile.floats(s, "next_obs", nextObs.length), 0, nextObs, 0, nextObs.length);
    if (!(s.get("episode_return") instanceof double[] er) || er.length != numEnvs)
      throw new BadInputException("checkpoint episode_return does not match num_envs");
    System.arraycopy(er, 0, epReturn, 0, numEnvs);
    System.arraycopy(TensorFile.longs(s, "episode_length", numEnvs), 0, epLength, 0, numEnvs);
    List<String> changed = changedStateSettings(cp);
    if (!changed.isEmpty())
      out.println(
          "resume: "
              + String.join(", ", changed)
              + " changed since checkpoint "
              + cp.iteration()
              + ", so every environment starts a new episode");
    if (envSavesState && s.containsKey("env") && changed.isEmpty()) {
      env.loadState(TensorFile.bytes(s, "env"));
    } else {
      env.reset(cfg.seed() + iteration, nextObs);
      java.util.Arrays.fill(epReturn, 0);
      java.util.Arrays.fill(epLength, 0);
    }
  }

  /** The settings of {@link VecEnv#stateSettings()} whose value differs from the checkpoint's. */
  private List<String> changedStateSettings(Checkpoint cp) {
    Map<?, ?> saved = cp.manifest().get("env") instanceof Map<?, ?> m ? m : Map.of();
    List<String> changed = new ArrayList<>();
    for (String key : env.stateSettings())
      if (!java.util.Objects.equals(saved.get(key), run.env().get(key))) changed.add(key);
    return changed;
  }

  /** Writes the last good state unless it is already on disk; returns its directory or null. */
  public Path saveLastGood() {
    synchronized (saveLock) {
      Checkpoint cp = lastGood;
      if (cp == null || cp.iteration() <= lastWritten) return null;
      Path p =
          cp.write(
              dir.resolve("checkpoints"),
              KEEP_CHECKPOINTS,
              into -> actors.attach(run, ppo.policy, cp, into));
      lastWritten = cp.iteration();
      return p;
    }
  }

  @Override
  public void close() {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down: the hook saves
      }
    }
    if (probe != null) probe.close();
    log.close();
    env.close();
  }
}
