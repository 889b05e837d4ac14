package kinesis.task;

/**
 * N environments stepped together (possibly on several threads). The contract the trainer
 * ({@code kinesis.rl}) relies on; imitation and the small test tasks implement it.
 *
 * <p>Auto-reset: when an environment's episode ends during {@link #step}, its {@code done} flag is
 * set, {@code terminal} says whether it ended by termination (true) or by truncation / end of clip
 * (false; PPO in KINESIS bootstraps neither), and the observation written for it is already the
 * first observation of the next episode. Observations are float32, row-major {@code [numEnvs][obsDim]}.
 */
public interface VecEnv extends AutoCloseable {
  int numEnvs();

  int obsDim();

  int actionDim();

  /** Resets every environment with a seed; writes observations into {@code obs[numEnvs*obsDim]}. */
  void reset(long seed, float[] obs);

  /**
   * Applies {@code actions[numEnvs*actionDim]} (unclipped policy output), writes next observations,
   * rewards and end-of-episode flags. No allocation on this path.
   */
  void step(float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal);

  /** Names of the logged reward terms (may be empty). */
  default String[] rewardTermNames() {
    return new String[0];
  }

  /** Sum since the last call of each reward term over all steps, and the step count, then clears. */
  default double[] drainRewardTerms() {
    return new double[0];
  }

  /** The task's left/right mirror, or null when it has none (PPO's {@code mirror} setting needs one). */
  default Symmetry symmetry() {
    return null;
  }

  /** Tells training-only schedules (curricula) how many samples have been trained so far. */
  default void setProgress(long samples) {}

  /** Names of other per-iteration statistics of the environment (logged as {@code env/NAME}). */
  default String[] statNames() {
    return new String[0];
  }

  /** Values of {@link #statNames()} since the last call (means over the iteration), then clears. */
  default double[] drainStats() {
    return new double[0];
  }

  /** For an environment whose {@code done} flag was just set: fraction of its clip covered (NaN if not applicable). */
  default float episodeCoverage(int env) {
    return Float.NaN;
  }

  /** Names and offsets of the observation blocks (one flat block unless the task says more). */
  default ObsLayout observationLayout() {
    return ObsLayout.flat(obsDim());
  }

  /** Episodes ended so far because the simulation became unstable (NaN or a MuJoCo warning). */
  default long unstableEpisodes() {
    return 0;
  }

  /** Full state (simulation, episode bookkeeping, random streams) for bit-exact resume. */
  default byte[] saveState() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot save its state");
  }

  /** Restores a state written by {@link #saveState()}; the next step continues identically. */
  default void loadState(byte[] state) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot load a state");
  }

  @Override
  void close();
}
