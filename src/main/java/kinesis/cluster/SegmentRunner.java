package kinesis.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.rl.Actors;
import kinesis.rl.EnvFactory;
import kinesis.rl.RunConfig;
import kinesis.task.VecEnv;

/**
 * A worker's share of a training run: its own environments, stepped with the newest policy it
 * received, in segments of a fixed number of steps; episodes carry over from one segment to the
 * next.
 */
final class SegmentRunner implements AutoCloseable {
  private final VecEnv env;
  private final Policy policy;
  private final Rng rng;
  private final int envs, steps, obsDim, actDim, choiceDim;
  private final float[] nextObs, stepAct, stepChoice, stepRew;
  private final boolean[] stepDone, stepTerm;
  private final double[] epReturn;
  private final long[] epLength;
  private final List<String> metricNames;
  private long version = -1;

  SegmentRunner(EnvFactory factory, TrainSetup setup, int workerId) {
    RunConfig run = setup.run();
    long seed = setup.workerSeed(workerId);
    envs = setup.envs();
    steps = setup.steps();
    env = factory.create(run.env(), envs, seed);
    obsDim = env.obsDim();
    actDim = env.actionDim();
    policy = Actors.policy(run.ppo(), obsDim, actDim, new Rng(seed), Gemm.fromProperties());
    choiceDim = policy.choiceDim();
    rng = new Rng(seed ^ 0x5DEECE66DL);
    nextObs = new float[envs * obsDim];
    stepAct = new float[envs * actDim];
    stepChoice = new float[envs * choiceDim];
    stepRew = new float[envs];
    stepDone = new boolean[envs];
    stepTerm = new boolean[envs];
    epReturn = new double[envs];
    epLength = new long[envs];
    metricNames = env.metricNames();
    env.reset(seed, nextObs);
  }

  /** Installs policy {@code v}. */
  void load(long v, byte[] payload) {
    PolicyState.load(payload, policy);
    version = v;
  }

  long version() {
    return version;
  }

  /** One segment with the newest policy, as the trainer's own rollout loop steps it. */
  Segment run(long request, long globalStep) {
    if (version < 0) throw new IllegalStateException("work arrived before any policy");
    env.setProgress(globalStep);
    int n = envs * steps;
    float[] obs = new float[n * obsDim],
        choices = new float[n * choiceDim],
        rew = new float[n],
        logp = new float[n];
    boolean[] done = new boolean[n];
    List<Double> episodes = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      System.arraycopy(nextObs, 0, obs, t * envs * obsDim, envs * obsDim);
      policy.act(nextObs, envs, rng, false, stepChoice, stepAct);
      System.arraycopy(stepChoice, 0, choices, t * envs * choiceDim, envs * choiceDim);
      env.step(stepAct, nextObs, stepRew, stepDone, stepTerm);
      for (int e = 0; e < envs; e++) {
        int i = t * envs + e;
        rew[i] = stepRew[e];
        done[i] = stepDone[e];
        epReturn[e] += stepRew[e];
        epLength[e]++;
        if (stepDone[e]) {
          episodes.add(epReturn[e]);
          episodes.add((double) epLength[e]);
          episodes.add((double) env.episodeCoverage(e));
          epReturn[e] = 0;
          epLength[e] = 0;
        }
      }
    }
    float[] chunk =
        new float
            [Math.min(
                n, 1024)]; // the behaviour policy's log-probabilities, for use when the segment
    // arrives late
    for (int c = 0; c < n; c += chunk.length) {
      int rows = Math.min(chunk.length, n - c);
      policy.logProb(obs, choices, c, rows, chunk);
      System.arraycopy(chunk, 0, logp, c, rows);
    }
    Map<String, Double> m = env.drainMetrics();
    double[] metrics = new double[metricNames.size()];
    for (int k = 0; k < metrics.length; k++)
      metrics[k] = m.getOrDefault(metricNames.get(k), Double.NaN);
    return new Segment(
        request,
        version,
        envs,
        steps,
        obsDim,
        choiceDim,
        obs,
        choices,
        rew,
        done,
        logp,
        nextObs.clone(),
        episodes.stream().mapToDouble(Double::doubleValue).toArray(),
        metrics);
  }

  @Override
  public void close() {
    env.close();
  }
}
