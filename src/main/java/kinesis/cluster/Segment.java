package kinesis.cluster;

/**
 * A complete trajectory segment from one worker: {@code steps} steps of its {@code envs}
 * environments (rows t·envs + e) under policy {@code version}, with the log-probabilities of the
 * choices under that policy, the observations the segment stopped at (for bootstrapping), the
 * episodes that ended in it ({return, length, coverage} each) and the environment's metrics (in the
 * task's metric order, NaN when not measured).
 */
record Segment(
    long request,
    long version,
    int envs,
    int steps,
    int obsDim,
    int choiceDim,
    float[] obs,
    float[] choices,
    float[] rewards,
    boolean[] done,
    float[] logp,
    float[] lastObs,
    double[] episodes,
    double[] metrics) {

  int samples() {
    return envs * steps;
  }

  byte[] encode() {
    int n = samples();
    return new Bytes.Out()
        .i64(request)
        .i64(version)
        .i32(envs)
        .i32(steps)
        .i32(obsDim)
        .i32(choiceDim)
        .floats(obs, n * obsDim)
        .floats(choices, n * choiceDim)
        .floats(rewards, n)
        .bools(done, n)
        .floats(logp, n)
        .floats(lastObs, envs * obsDim)
        .doubles(episodes)
        .doubles(metrics)
        .bytes();
  }

  static Segment decode(byte[] b) {
    Bytes.In in = new Bytes.In(b);
    Segment s =
        new Segment(
            in.i64(),
            in.i64(),
            in.i32(),
            in.i32(),
            in.i32(),
            in.i32(),
            in.floats(),
            in.floats(),
            in.floats(),
            in.bools(),
            in.floats(),
            in.floats(),
            in.doubles(),
            in.doubles());
    in.end();
    int n = s.samples();
    if (s.envs < 1
        || s.steps < 1
        || s.obs.length != n * s.obsDim
        || s.choices.length != n * s.choiceDim
        || s.rewards.length != n
        || s.done.length != n
        || s.logp.length != n
        || s.lastObs.length != s.envs * s.obsDim
        || s.episodes.length % 3 != 0) {
      throw new IllegalArgumentException("inconsistent segment sizes");
    }
    return s;
  }
}
