package kinesis.cluster;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kinesis.rl.EnvFactory;
import kinesis.rl.Gae;
import kinesis.rl.Ppo;
import kinesis.rl.PpoConfig;
import kinesis.rl.RolloutSource;
import kinesis.rl.RunConfig;
import kinesis.task.ObsLayout;
import kinesis.task.Symmetry;
import kinesis.task.VecEnv;

/**
 * The learner's side of {@code train --cluster}: to the {@link kinesis.rl.Trainer} it is the run's
 * environment (shapes, metric names and mirror come from one local environment that is never
 * stepped), and as a {@link RolloutSource} it publishes each policy version to the workers and
 * turns the segments they send back into the batch: values from the learner's value network and GAE
 * within each segment, exactly as one JVM computes them over its own rollout.
 */
public final class ClusterVecEnv implements VecEnv, RolloutSource {
  private final CoordinatorNode node;
  private final VecEnv shape;
  private final PpoConfig cfg;
  private final int numEnvs, segmentEnvs, steps, segments, minWorkers;
  private final List<String> taskMetrics, metricNames;
  private long version, progress;
  private double[] metricSums;
  private double metricWeight, bytesPerSample = Double.NaN, overhead = Double.NaN;
  private boolean started;

  /**
   * An {@link EnvFactory} for the Trainer: the run's environments are stepped by workers that join
   * {@code settings}.
   */
  public static EnvFactory factory(
      ClusterSettings settings, RunConfig run, EnvFactory local, PrintStream out) {
    if (!run.ppo().actor().equals("gaussian") && !run.ppo().actor().equals("lattice")) {
      throw new kinesis.io.BadInputException(
          "a cluster run trains a Gaussian or Lattice policy, not actor: " + run.ppo().actor());
    }
    return (options, numEnvs, seed) -> new ClusterVecEnv(settings, run, local, numEnvs, seed, out);
  }

  private ClusterVecEnv(
      ClusterSettings settings,
      RunConfig run,
      EnvFactory local,
      int numEnvs,
      long seed,
      PrintStream out) {
    this.cfg = run.ppo();
    this.numEnvs = numEnvs;
    segmentEnvs = settings.segmentEnvs(numEnvs);
    steps = cfg.stepsPerEnv();
    segments = numEnvs / segmentEnvs;
    minWorkers = settings.minWorkers();
    shape = local.create(run.env(), 1, seed);
    taskMetrics = shape.metricNames();
    List<String> names = new ArrayList<>(taskMetrics);
    names.addAll(CoordinatorStats.NAMES);
    metricNames = List.copyOf(names);
    metricSums = new double[taskMetrics.size()];
    try {
      node =
          new CoordinatorNode(
              settings, new TrainSetup(run.toYaml(), segmentEnvs, steps, seed).encode(), out);
    } catch (RuntimeException e) {
      shape.close();
      throw e;
    }
    out.printf(
        "cluster: learner on %s; %d segments of %d envs x %d steps per iteration; stale segments %s%n",
        node.address(),
        segments,
        segmentEnvs,
        steps,
        settings.useStale()
            ? "used (up to " + settings.maxStaleness() + " version behind)"
            : "dropped");
  }

  /** "host:port" workers join. */
  public String address() {
    return node.address();
  }

  @Override
  public List<double[]> collect(Ppo ppo, long globalStep, Into into) {
    if (!started) {
      node.awaitWorkers(minWorkers);
      started = true;
    }
    long received = node.stats.receivedBytes();
    List<Segment> got = node.publish(++version, PolicyState.encode(ppo.policy), progress, segments);
    long t0 = System.nanoTime();
    List<double[]> episodes = new ArrayList<>();
    int rows = segmentEnvs * steps, obsDim = shape.obsDim();
    float[] v = new float[rows],
        boot = new float[segmentEnvs],
        adv = new float[rows],
        ret = new float[rows];
    for (int k = 0; k < got.size(); k++) {
      Segment s = got.get(k);
      if (s.envs() != segmentEnvs || s.steps() != steps || s.obsDim() != obsDim)
        throw new IllegalStateException("a worker sent a segment of another shape");
      int at = k * rows;
      System.arraycopy(s.obs(), 0, into.obs(), at * obsDim, rows * obsDim);
      System.arraycopy(s.choices(), 0, into.choices(), at * s.choiceDim(), rows * s.choiceDim());
      ppo.values(s.obs(), rows, v);
      ppo.values(s.lastObs(), segmentEnvs, boot);
      Gae.compute(
          s.rewards(),
          s.done(),
          v,
          boot,
          steps,
          segmentEnvs,
          cfg.gamma(),
          cfg.gaeLambda(),
          adv,
          ret);
      System.arraycopy(v, 0, into.values(), at, rows);
      System.arraycopy(adv, 0, into.advantages(), at, rows);
      System.arraycopy(ret, 0, into.returns(), at, rows);
      if (s.version() == version) Arrays.fill(into.behaviourLogp(), at, at + rows, Float.NaN);
      else System.arraycopy(s.logp(), 0, into.behaviourLogp(), at, rows);
      for (int e = 0; e < s.episodes().length; e += 3)
        episodes.add(Arrays.copyOfRange(s.episodes(), e, e + 3));
      for (int m = 0; m < metricSums.length; m++)
        if (Double.isFinite(s.metrics()[m])) metricSums[m] += s.metrics()[m] * rows;
      metricWeight += rows;
    }
    bytesPerSample =
        (double) (node.stats.receivedBytes() - received) / (rows * (double) got.size());
    overhead = (System.nanoTime() - t0) / 1e9;
    return episodes;
  }

  @Override
  public Map<String, Double> drainMetrics() {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    for (int k = 0; k < taskMetrics.size(); k++)
      m.put(taskMetrics.get(k), metricWeight > 0 ? metricSums[k] / metricWeight : Double.NaN);
    m.putAll(node.stats.drain(bytesPerSample, overhead));
    metricSums = new double[taskMetrics.size()];
    metricWeight = 0;
    return m;
  }

  @Override
  public List<String> metricNames() {
    return metricNames;
  }

  @Override
  public int numEnvs() {
    return numEnvs;
  }

  @Override
  public int obsDim() {
    return shape.obsDim();
  }

  @Override
  public int actionDim() {
    return shape.actionDim();
  }

  @Override
  public void reset(long seed, float[] obs) {
    Arrays.fill(obs, 0f); // the workers reset their own environments
  }

  @Override
  public void step(
      float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
    throw new UnsupportedOperationException(
        "a cluster run's environments are stepped by its workers");
  }

  @Override
  public Symmetry symmetry() {
    return shape.symmetry();
  }

  @Override
  public ObsLayout observationLayout() {
    return shape.observationLayout();
  }

  @Override
  public void setProgress(long samples) {
    progress = samples;
  }

  @Override
  public void close() {
    node.close();
    shape.close();
  }
}
