package kinesis.task;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;

/**
 * N imitation environments over T threads: one {@link SimData} each, the {@link BodyModel} shared.
 * Environment i is stepped by thread i·T/N (contiguous blocks); every environment has its own
 * random stream derived from the seed and i, so results depend on the seed and N only, never on T.
 * Stepping allocates nothing. The model is owned by the caller and must outlive this object.
 */
public final class ImitationVecEnv implements VecEnv {
  private static final int STATE_MAGIC = 0x4B494D31; // "KIM1"
  private final BodyModel body;
  private final ImitationConfig cfg;
  private final ImitationEnv[] envs;
  private final ObsLayout layout;
  private final WorkerPool pool;
  private final int obsDim, actionDim;

  // arguments of the current parallel call (read by the workers after the pool's handoff)
  private float[] argActions, argObs, argRewards;
  private boolean[] argDone, argTerminal;
  private long argSeed;
  private final IntConsumer stepTask = this::stepBlock;
  private final IntConsumer resetTask = this::resetBlock;

  public ImitationVecEnv(BodyModel body, List<Clip> clips, ImitationConfig cfg, int numEnvs, int threads) {
    if (numEnvs < 1) throw new BadInputException("the number of environments must be at least 1");
    if (threads < 1) throw new BadInputException("the number of threads must be at least 1");
    this.body = body;
    this.cfg = cfg;
    TrackedClips tc = new TrackedClips(body, clips);
    MuscleControl muscles = new MuscleControl(body.sim);
    layout = ObsLayout.imitation(body.sim.nbody - 1, body.trackedBodies.length);
    envs = new ImitationEnv[numEnvs];
    try {
      for (int i = 0; i < numEnvs; i++) envs[i] = new ImitationEnv(body, tc, muscles, cfg, i, numEnvs);
    } catch (RuntimeException e) {
      for (ImitationEnv env : envs) if (env != null) env.close();
      throw e;
    }
    obsDim = layout.dim();
    actionDim = body.sim.nu;
    pool = new WorkerPool(Math.min(threads, numEnvs), "imitation-env");
  }

  /**
   * The environments of a training run from its saved options: variant {@code model}, the training
   * split of the clip set {@code motions} (or the clips named in {@code clips}), KINESIS training
   * settings with the run's environment settings ({@link ImitationConfig#KEYS}), stepped on all
   * cores. The returned environment owns (and closes) its body model.
   */
  public static VecEnv forTraining(Map<String, String> options, int numEnvs) {
    String model = options.getOrDefault("model", "legs");
    ImitationConfig cfg = ImitationConfig.training(ControlMode.parse(options.getOrDefault("control", "direct")));
    for (var e : options.entrySet()) {
      if (ImitationConfig.KEYS.contains(e.getKey()) && !e.getKey().equals("control")) cfg = cfg.with(e.getKey(), e.getValue());
    }
    String names = options.get("clips");
    List<Clip> clips = ClipSet.open(options.getOrDefault("motions", "public-locomotion"), model)
        .select(names == null ? "train" : "all", names);
    BodyModel body = BodyModel.load(model);
    try {
      return new ClosingVecEnv(new ImitationVecEnv(body, clips, cfg, numEnvs, Runtime.getRuntime().availableProcessors()), body);
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
  }

  public ObsLayout layout() {
    return layout;
  }

  @Override
  public ObsLayout observationLayout() {
    return layout;
  }

  public ImitationConfig config() {
    return cfg;
  }

  public BodyModel body() {
    return body;
  }

  public int threads() {
    return pool.threads();
  }

  @Override
  public int numEnvs() {
    return envs.length;
  }

  @Override
  public int obsDim() {
    return obsDim;
  }

  @Override
  public int actionDim() {
    return actionDim;
  }

  @Override
  public void reset(long seed, float[] obs) {
    checkLength("obs", obs.length, envs.length * obsDim);
    argSeed = seed;
    argObs = obs;
    pool.run(resetTask);
  }

  @Override
  public void step(float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
    checkLength("actions", actions.length, envs.length * actionDim);
    checkLength("obs", obs.length, envs.length * obsDim);
    checkLength("rewards", rewards.length, envs.length);
    if (done.length != envs.length || terminal.length != envs.length) {
      throw new IllegalArgumentException("done/terminal must have " + envs.length + " entries");
    }
    argActions = actions;
    argObs = obs;
    argRewards = rewards;
    argDone = done;
    argTerminal = terminal;
    pool.run(stepTask);
  }

  private void stepBlock(int t) {
    int from = blockStart(t), to = blockStart(t + 1);
    for (int i = from; i < to; i++) {
      ImitationEnv e = envs[i];
      int outcome = e.step(argActions, i * actionDim, argObs, i * obsDim);
      argRewards[i] = (float) e.reward;
      argDone[i] = outcome != ImitationEnv.CONTINUE;
      argTerminal[i] = outcome == ImitationEnv.TERMINATED || outcome == ImitationEnv.UNSTABLE;
    }
  }

  private void resetBlock(int t) {
    for (int i = blockStart(t), to = blockStart(t + 1); i < to; i++) {
      ImitationEnv e = envs[i];
      e.rng.setState(Rng.forEnv(argSeed, i).state());
      e.resetCounters();
      e.startEpisode(argObs, i * obsDim);
    }
  }

  private int blockStart(int t) {
    return (int) ((long) t * envs.length / pool.threads());
  }

  /** Statistics logged besides the reward terms: assistive strength, its mean force per action (N), termination progress. */
  private static final List<String> STATS = List.of("env/assist_scale", "env/assist_force_N", "env/termination_progress");

  /** The reward terms ({@code reward/pos_tracking}, …) and the curriculum's state ({@code env/assist_scale}, …). */
  @Override
  public List<String> metricNames() {
    List<String> names = new ArrayList<>();
    for (String t : RewardConfig.TERMS) names.add("reward/" + t);
    names.addAll(STATS);
    return names;
  }

  /** Reward terms: means over all steps of all environments since the last call; then the curriculum. */
  @Override
  public Map<String, Double> drainMetrics() {
    double[] sums = new double[RewardConfig.TERMS.size()];
    long steps = 0, assistSteps = 0;
    double force = 0;
    for (ImitationEnv e : envs) {
      for (int t = 0; t < sums.length; t++) {
        sums[t] += e.termSums[t];
        e.termSums[t] = 0;
      }
      steps += e.termSteps;
      force += e.assistForceSum;
      assistSteps += e.assistSteps;
      e.termSteps = 0;
      e.assistForceSum = 0;
      e.assistSteps = 0;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (int t = 0; t < sums.length; t++) m.put("reward/" + RewardConfig.TERMS.get(t), steps > 0 ? sums[t] / steps : Double.NaN);
    m.put(STATS.get(0), envs[0].assistScale);
    m.put(STATS.get(1), assistSteps > 0 ? force / assistSteps : 0);
    m.put(STATS.get(2), envs[0].terminationProgress);
    return m;
  }

  @Override
  public Symmetry symmetry() {
    return new ImitationMirror(body);
  }

  @Override
  public void setProgress(long samples) {
    Curriculum c = cfg.curriculum();
    for (ImitationEnv e : envs) {
      e.assistScale = c.assistScale(samples);
      e.terminationProgress = c.terminationProgress(samples);
    }
  }

  @Override
  public float episodeCoverage(int env) {
    return envs[env].lastCoverage;
  }

  /** Episodes ended by simulation instability (NaN or MuJoCo warning), over all environments. */
  @Override
  public long unstableEpisodes() {
    long n = 0;
    for (ImitationEnv e : envs) n += e.instabilities;
    return n;
  }

  /** Seconds spent inside {@code mj_step}, summed over environments (for benchmarks and profiling). */
  public double physicsSeconds() {
    long n = 0;
    for (ImitationEnv e : envs) n += e.physicsNanos;
    return n * 1e-9;
  }

  /** Episodes ended by the distance test, over all environments. */
  public long terminations() {
    long n = 0;
    for (ImitationEnv e : envs) n += e.terminations;
    return n;
  }

  /** Episodes that reached the end of their clip, over all environments. */
  public long truncations() {
    long n = 0;
    for (ImitationEnv e : envs) n += e.truncations;
    return n;
  }

  @Override
  public byte[] saveState() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(STATE_MAGIC);
      out.writeUTF(body.variant.name());
      out.writeInt(envs.length);
      out.writeInt(obsDim);
      for (ImitationEnv e : envs) e.save(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void loadState(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      if (in.readInt() != STATE_MAGIC) throw new BadInputException("not an imitation environment state");
      String model = in.readUTF();
      int n = in.readInt(), dim = in.readInt();
      if (!model.equals(body.variant.name()) || n != envs.length || dim != obsDim) {
        throw new BadInputException("environment state is for " + n + " environments of model " + model
            + " (obs " + dim + "), not " + envs.length + " of " + body.variant.name() + " (obs " + obsDim + ")");
      }
      for (ImitationEnv e : envs) e.load(in);
    } catch (IOException e) {
      throw new BadInputException("environment state is truncated or corrupt: " + e.getMessage());
    }
  }

  /** Environment {@code i} (package-private: tests inspect its simulation). */
  ImitationEnv env(int i) {
    return envs[i];
  }

  private static void checkLength(String what, int n, int expected) {
    if (n != expected) throw new IllegalArgumentException(what + " has " + n + " entries, expected " + expected);
  }

  @Override
  public void close() {
    pool.close();
    for (ImitationEnv e : envs) e.close();
  }
}
