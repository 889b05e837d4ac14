package kinesis.task;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One environment of a task (imitation, goal reaching, …), stepped by {@link TaskVecEnv}: its own
 * random stream, episode bookkeeping, reward terms and snapshot. {@link #step} allocates nothing.
 */
public interface TaskEnv extends AutoCloseable {
  /** Outcome of a step. */
  int CONTINUE = 0, TERMINATED = 1, TRUNCATED = 2, UNSTABLE = 3;

  Rng rng();

  /** Forgets per-run counters that order evaluation episodes; statistics are kept. */
  void resetCounters();

  /** Starts a new episode; writes its first observation at {@code out[off..]}. */
  void startEpisode(float[] out, int off);

  /**
   * Applies one action (unclipped policy output at {@code actions[aOff..]}), writes the next
   * observation (the next episode's first one when this one ended) and returns the outcome.
   */
  int step(float[] actions, int aOff, float[] out, int oOff);

  /** Reward of the last step. */
  double reward();

  /**
   * Adds each reward term's sum since the last call to {@code sums} (task order), clears them;
   * returns the steps counted.
   */
  long drainTerms(double[] sums);

  /** Fraction of its motion that the episode just ended covered (NaN where the task has none). */
  float lastCoverage();

  /** Episodes ended because the simulation became unstable. */
  long instabilities();

  /** The environment's body in motion. */
  MusclePhysics physics();

  /** Nanoseconds spent inside {@code mj_step}. */
  default long physicsNanos() {
    return physics().physicsNanos;
  }

  /** Actions refused because they held a NaN (each also counts as an unstable episode). */
  default long nanActions() {
    return physics().nanActions;
  }

  /** Writes everything needed to continue identically. */
  void save(DataOutputStream out) throws IOException;

  void load(DataInputStream in) throws IOException;

  /** Frees the simulation data. */
  @Override
  default void close() {
    physics().close();
  }
}
