package kinesis.nn;

import java.util.List;

/**
 * The action distribution around the policy mean μ(s). Usage for one optimisation step: {@link
 * #prepare()} after the parameters changed, then per chunk of rows {@link #logProb} followed by
 * {@link #backward}, then once {@link #finishBackward()} for gradients that depend on the whole
 * batch.
 */
public interface ActionDistribution {
  int actionDim();

  /** Own trainable parameters (log standard deviations). */
  List<Param> params();

  /** Recomputes what depends only on the parameters (σ, covariance factor). */
  void prepare();

  /**
   * logp[i] = log π(a_i | μ_i) for {@code rows} rows of μ and of {@code a} (starting at row {@code
   * aRow}).
   */
  void logProb(float[] mu, float[] a, int aRow, int rows, float[] logp);

  /**
   * For dL/dlogp of the last {@link #logProb} chunk: writes dL/dμ to {@code dMu} and accumulates
   * the gradients of the distribution's own parameters.
   */
  void backward(float[] dLogp, int rows, float[] dMu);

  /** Adds the batch-level parameter gradients accumulated since the last call. */
  void finishBackward();

  /** out = μ + noise for {@code rows} rows. */
  void sample(float[] mu, int rows, Rng rng, float[] out);

  /** Differential entropy (the same for every state here). */
  double entropy();
}
