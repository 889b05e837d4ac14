package kinesis.nn;

import java.util.List;

/**
 * The actor PPO optimises: a stochastic choice per observation, its log-probability and gradients.
 * A {@link Policy} chooses the action itself (a Gaussian or Lattice sample); a gate over frozen
 * experts chooses an expert index, and the environment gets that expert's mean action. Rollouts
 * store the choices; PPO scores them with {@link #logProb}/{@link #backward} per chunk of rows and
 * calls {@link #finishBackward} once per step, so it never needs to know which actor it trains.
 */
public interface Actor {
  int obsDim();

  /**
   * Floats per stored choice (what {@link #logProb} scores): the action itself, or 1 for an index.
   */
  int choiceDim();

  /** Floats per environment action. */
  int actionDim();

  /** The observation normaliser in front of the trainable network (PPO updates it). */
  RunningNorm norm();

  /** Trainable parameters. */
  List<Param> params();

  /** Marks the parameters as changed (after an optimiser step or a load). */
  void invalidate();

  /**
   * Rollout: for {@code rows} observations writes the choices ({@code rows×choiceDim}) and the
   * environment actions ({@code rows×actionDim}; may be the same array when the two coincide).
   * {@code deterministic} takes the most likely choice; the normaliser is not updated.
   */
  void act(float[] obs, int rows, Rng rng, boolean deterministic, float[] choices, float[] actions);

  /** {@code logp[i] = log π(choice | s)} for rows [row, row + rows) of obs and choices. */
  void logProb(float[] obs, float[] choices, int row, int rows, float[] logp);

  /** Accumulates parameter gradients for dL/dlogp of the last {@link #logProb} chunk. */
  void backward(float[] dLogp, int rows);

  /** Adds the gradients that depend on the whole step's batch. Call once after all chunks. */
  void finishBackward();

  /**
   * Mean entropy (nats) of the choice over {@code rows} observations (a state-independent one
   * ignores them).
   */
  double entropy(float[] obs, int rows);

  /** Names of what {@link #choiceMetrics} logs per iteration (none by default). */
  default List<String> choiceMetricNames() {
    return List.of();
  }

  /** Metrics of one rollout's {@code rows} stored choices, by {@link #choiceMetricNames} name. */
  default void choiceMetrics(float[] choices, int rows, java.util.Map<String, Double> out) {}

  /** One line for progress output, e.g. "lattice policy [256, 256]". */
  String describe();
}
