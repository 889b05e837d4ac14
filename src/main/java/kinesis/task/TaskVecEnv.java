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

/**
 * N environments of one task over T threads, the machinery every task shares: environment i is
 * stepped by thread i·T/N (contiguous blocks) and has its own random stream derived from the seed
 * and i, so results depend on the seed and N only, never on T. Reward terms are logged by name
 * ({@code reward/NAME}); snapshots hold every environment for bit-exact resume. Stepping allocates
 * nothing. The body model is owned by the caller and must outlive this object.
 */
public class TaskVecEnv implements VecEnv {
  private final String task;
  private final int stateMagic;
  protected final BodyModel body;
  private final TaskEnv[] envs;
  private final ObsLayout layout;
  private final List<String> termNames;
  private final WorkerPool pool;
  private final int obsDim, actionDim;

  // arguments of the current parallel call (read by the workers after the pool's handoff)
  private float[] argActions, argObs, argRewards;
  private boolean[] argDone, argTerminal;
  private long argSeed;
  private final IntConsumer stepTask = this::stepBlock;
  private final IntConsumer resetTask = this::resetBlock;

  /**
   * @param task name used in messages ("imitation", "reach")
   * @param stateMagic first int of this task's snapshots
   * @param envs the environments (closed by {@link #close})
   * @param termNames names of the reward terms, in the order of {@link TaskEnv#drainTerms}
   */
  protected TaskVecEnv(
      String task,
      int stateMagic,
      BodyModel body,
      TaskEnv[] envs,
      ObsLayout layout,
      List<String> termNames,
      int threads) {
    if (threads < 1) {
      for (TaskEnv e : envs) e.close();
      throw new BadInputException("the number of threads must be at least 1");
    }
    this.task = task;
    this.stateMagic = stateMagic;
    this.body = body;
    this.envs = envs;
    this.layout = layout;
    this.termNames = List.copyOf(termNames);
    obsDim = layout.dim();
    actionDim = body.sim.nu;
    pool = new WorkerPool(Math.min(threads, envs.length), task + "-env");
  }

  /** Creates {@code n} environments with {@code make}; closes those made when one fails. */
  protected static TaskEnv[] make(int n, java.util.function.IntFunction<TaskEnv> make) {
    if (n < 1) throw new BadInputException("the number of environments must be at least 1");
    TaskEnv[] envs = new TaskEnv[n];
    try {
      for (int i = 0; i < n; i++) envs[i] = make.apply(i);
    } catch (RuntimeException e) {
      for (TaskEnv env : envs) if (env != null) env.close();
      throw e;
    }
    return envs;
  }

  public ObsLayout layout() {
    return layout;
  }

  @Override
  public ObsLayout observationLayout() {
    return layout;
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

  /** Environment {@code i}. */
  protected TaskEnv task(int i) {
    return envs[i];
  }

  @Override
  public void reset(long seed, float[] obs) {
    checkLength("obs", obs.length, envs.length * obsDim);
    argSeed = seed;
    argObs = obs;
    pool.run(resetTask);
  }

  @Override
  public void step(
      float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
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
    for (int i = blockStart(t), to = blockStart(t + 1); i < to; i++) {
      TaskEnv e = envs[i];
      int outcome = e.step(argActions, i * actionDim, argObs, i * obsDim);
      argRewards[i] = (float) e.reward();
      argDone[i] = outcome != TaskEnv.CONTINUE;
      argTerminal[i] = outcome == TaskEnv.TERMINATED || outcome == TaskEnv.UNSTABLE;
    }
  }

  private void resetBlock(int t) {
    for (int i = blockStart(t), to = blockStart(t + 1); i < to; i++) {
      TaskEnv e = envs[i];
      e.rng().setState(Rng.forEnv(argSeed, i).state());
      e.resetCounters();
      e.startEpisode(argObs, i * obsDim);
    }
  }

  private int blockStart(int t) {
    return (int) ((long) t * envs.length / pool.threads());
  }

  /**
   * Episodes ended by instability and actions refused for a NaN, since the last drain (every task).
   */
  private static final List<String> HEALTH = List.of("env/unstable_episodes", "env/nan_actions");

  private long seenUnstable, seenNaN;

  /** The reward terms as {@code reward/NAME}, the health counts, then the task's own statistics. */
  @Override
  public List<String> metricNames() {
    List<String> names = new ArrayList<>();
    for (String t : termNames) names.add("reward/" + t);
    names.addAll(HEALTH);
    names.addAll(statNames());
    return names;
  }

  /**
   * Reward terms: means over all steps of all environments since the last call; then the task's
   * statistics.
   */
  @Override
  public Map<String, Double> drainMetrics() {
    double[] sums = new double[termNames.size()];
    long steps = 0;
    for (TaskEnv e : envs) steps += e.drainTerms(sums);
    Map<String, Double> m = new LinkedHashMap<>();
    for (int t = 0; t < sums.length; t++)
      m.put("reward/" + termNames.get(t), steps > 0 ? sums[t] / steps : Double.NaN);
    long unstable = unstableEpisodes(), nan = nanActions();
    m.put(HEALTH.get(0), (double) (unstable - seenUnstable));
    m.put(HEALTH.get(1), (double) (nan - seenNaN));
    seenUnstable = unstable;
    seenNaN = nan;
    drainStats(m);
    return m;
  }

  /** Actions refused for a NaN, over all environments. */
  public long nanActions() {
    long n = 0;
    for (TaskEnv e : envs) n += e.nanActions();
    return n;
  }

  /**
   * Names of the task's statistics besides the reward terms ({@code env/NAME}); none by default.
   */
  protected List<String> statNames() {
    return List.of();
  }

  /** Puts the task's statistics since the last call into {@code m}, in {@link #statNames} order. */
  protected void drainStats(Map<String, Double> m) {}

  @Override
  public float episodeCoverage(int env) {
    return envs[env].lastCoverage();
  }

  @Override
  public long unstableEpisodes() {
    long n = 0;
    for (TaskEnv e : envs) n += e.instabilities();
    return n;
  }

  /**
   * Seconds spent inside {@code mj_step}, summed over environments (for benchmarks and profiling).
   */
  public double physicsSeconds() {
    long n = 0;
    for (TaskEnv e : envs) n += e.physicsNanos();
    return n * 1e-9;
  }

  /** The task's own state after the environments' in a snapshot; none by default. */
  protected void saveExtra(DataOutputStream out) throws IOException {}

  /** Reads what {@link #saveExtra} wrote. */
  protected void loadExtra(DataInputStream in) throws IOException {}

  @Override
  public byte[] saveState() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(stateMagic);
      out.writeUTF(body.variant.name());
      out.writeInt(envs.length);
      out.writeInt(obsDim);
      for (TaskEnv e : envs) e.save(out);
      saveExtra(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void loadState(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      if (in.readInt() != stateMagic)
        throw new BadInputException(
            "the environment state is not one of " + task + " environments");
      String model = in.readUTF();
      int n = in.readInt(), dim = in.readInt();
      if (!model.equals(body.variant.name()) || n != envs.length || dim != obsDim) {
        throw new BadInputException(
            "environment state is for "
                + n
                + " environments of model "
                + model
                + " (obs "
                + dim
                + "), not "
                + envs.length
                + " of "
                + body.variant.name()
                + " (obs "
                + obsDim
                + ")");
      }
      for (TaskEnv e : envs) e.load(in);
      loadExtra(in);
      seenUnstable = unstableEpisodes(); // counts restart from the resumed point
      seenNaN = nanActions();
    } catch (IOException e) {
      throw new BadInputException("environment state is truncated or corrupt: " + e.getMessage());
    }
  }

  private static void checkLength(String what, int n, int expected) {
    if (n != expected)
      throw new IllegalArgumentException(what + " has " + n + " entries, expected " + expected);
  }

  @Override
  public void close() {
    pool.close();
    for (TaskEnv e : envs) e.close();
  }
}
