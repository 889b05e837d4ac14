package kinesis.task;

import java.util.List;
import java.util.Map;

/**
 * N environments stepped together (possibly on several threads). The contract the trainer ({@code
 * kinesis.rl}) relies on; imitation and the small test tasks implement it.
 *
 * <p>Auto-reset: when an environment's episode ends during {@link #step}, its {@code done} flag is
 * set, {@code terminal} says whether it ended by termination (true) or by truncation / end of clip
 * (false; PPO in KINESIS bootstraps neither), and the observation written for it is already the
 * first observation of the next episode. Observations are float32, row-major {@code
 * [numEnvs][obsDim]}.
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

  /**
   * Names of the environment's own per-iteration metrics, in a fixed order: reward terms as {@code
   * reward/NAME}, other statistics as {@code env/NAME} (may be empty).
   */
  default List<String> metricNames() {
    return List.of();
  }

  /**
   * Mean of each of {@link #metricNames()} since the last call (NaN when nothing was measured),
   * then clears.
   */
  default Map<String, Double> drainMetrics() {
    return Map.of();
  }

  /**
   * The task's left/right mirror, or null when it has none (PPO's {@code mirror} setting needs
   * one).
   */
  default Symmetry symmetry() {
    return null;
  }

  /** Tells training-only schedules (curricula) how many samples have been trained so far. */
  default void setProgress(long samples) {}

  /**
   * For an environment whose {@code done} flag was just set: fraction of its clip covered (NaN if
   * not applicable).
   */
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

  /**
   * The run settings a saved state depends on: when one of them changed between the checkpoint and
   * the resume, the state is not loaded and episodes start afresh.
   */
  default List<String> stateSettings() {
    return List.of();
  }

  /** Restores a state written by {@link #saveState()}; the next step continues identically. */
  default void loadState(byte[] state) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot load a state");
  }

  @Override
  void close();
}
