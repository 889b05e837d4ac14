package kinesis.rl;

/**
 * Generalised advantage estimation over a rollout stored [steps][envs] (row t·envs + e), as the
 * reference computes it: δ = r + γ·V(next)·mask − V, A = δ + γλ·mask·A(next), mask = 0 when the
 * episode ended (termination or truncation, neither is bootstrapped). Where the rollout is cut
 * mid-episode, V(next) is the value of the observation the rollout stopped at.
 */
public final class Gae {
  private Gae() {}

  public static void compute(
      float[] rewards,
      boolean[] dones,
      float[] values,
      float[] bootstrap,
      int steps,
      int envs,
      double gamma,
      double lambda,
      float[] advantages,
      float[] returns) {
    for (int e = 0; e < envs; e++) {
      double next = 0;
      for (int t = steps - 1; t >= 0; t--) {
        int i = t * envs + e;
        double nextValue = t == steps - 1 ? bootstrap[e] : values[i + envs];
        double mask = dones[i] ? 0 : 1;
        double delta = rewards[i] + gamma * nextValue * mask - values[i];
        next = delta + gamma * lambda * mask * next;
        advantages[i] = (float) next;
        returns[i] = (float) (next + values[i]);
      }
    }
  }

  /** In place (x − mean)/(std + 1e-8) with the unbiased standard deviation. */
  public static void normalise(float[] x, int n) {
    double mean = 0;
    for (int i = 0; i < n; i++) mean += x[i];
    mean /= n;
    double ss = 0;
    for (int i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
    double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    for (int i = 0; i < n; i++) x[i] = (float) ((x[i] - mean) / (std + 1e-8));
  }
}
