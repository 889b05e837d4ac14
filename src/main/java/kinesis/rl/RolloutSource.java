package kinesis.rl;

import java.util.List;

/**
 * Samples of an iteration stepped outside this JVM (rollout workers, {@code kinesis.cluster}). A
 * {@link Trainer} whose environment is also a {@code RolloutSource} asks it for each iteration's
 * batch instead of stepping environments itself; every other environment is stepped by the
 * Trainer's own loop, unchanged.
 */
public interface RolloutSource {
  /**
   * Where the batch goes: {@code batch} rows of observations and choices, their values, GAE
   * advantages and returns, and the log-probabilities of the policy that acted (NaN where the
   * update recomputes them from the current policy, as in one JVM).
   */
  record Into(
      float[] obs,
      float[] choices,
      float[] values,
      float[] advantages,
      float[] returns,
      float[] behaviourLogp) {}

  /**
   * Blocks until a full batch for the current policy of {@code ppo} has arrived, fills {@code into}
   * (values from {@code ppo}'s value network, GAE within each trajectory segment) and returns the
   * episodes that ended in it as {return, length, coverage}.
   */
  List<double[]> collect(Ppo ppo, long globalStep, Into into);
}
