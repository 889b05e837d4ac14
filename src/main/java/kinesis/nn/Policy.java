package kinesis.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KINESIS actor: RunningNorm → MLP trunk (SiLU) → linear head μ(s), with a Gaussian action
 * distribution around μ: diagonal ({@link DiagonalGaussian}) or Lattice ({@link LatticeGaussian},
 * whose covariance uses the head weights). Rollouts call {@link #act}; PPO calls {@link
 * #logProb}/{@link #backward} per chunk of rows and {@link #finishBackward} once per step.
 */
public final class Policy implements Actor {
  /** Action distribution family. */
  public enum Kind {
    GAUSSIAN,
    LATTICE
  }

  public final Kind kind;
  public final RunningNorm norm;
  public final Mlp mlp;
  public final ActionDistribution dist;
  private float[] xn = new float[0], dMu = new float[0];
  private boolean prepared = true;

  public Policy(
      Kind kind, int obsDim, int[] hidden, int actDim, float logStdInit, Rng rng, Gemm gemm) {
    if (hidden.length == 0)
      throw new IllegalArgumentException("the policy needs at least one hidden layer");
    this.kind = kind;
    norm = new RunningNorm(obsDim);
    mlp = new Mlp("policy", obsDim, hidden, actDim, rng, gemm);
    dist =
        switch (kind) {
          case GAUSSIAN -> new DiagonalGaussian(actDim, logStdInit);
          case LATTICE ->
              new LatticeGaussian(
                  mlp.head().weight, actDim, hidden[hidden.length - 1], logStdInit, gemm);
        };
  }

  @Override
  public int obsDim() {
    return mlp.in;
  }

  public int actDim() {
    return mlp.out;
  }

  /** The choice is the action itself. */
  @Override
  public int choiceDim() {
    return mlp.out;
  }

  @Override
  public int actionDim() {
    return mlp.out;
  }

  @Override
  public RunningNorm norm() {
    return norm;
  }

  @Override
  public String describe() {
    return (kind == Kind.GAUSSIAN ? "gaussian" : "lattice")
        + " policy "
        + java.util.Arrays.toString(hiddenWidths());
  }

  /** Widths of the hidden layers. */
  public int[] hiddenWidths() {
    int[] h = new int[mlp.numLayers() - 1];
    for (int l = 0; l < h.length; l++) h[l] = mlp.layer(l).out;
    return h;
  }

  /** Trainable parameters: MLP weights and biases, then the log standard deviations. */
  @Override
  public List<Param> params() {
    List<Param> ps = new ArrayList<>(mlp.params());
    ps.addAll(dist.params());
    return ps;
  }

  @Override
  public void invalidate() {
    prepared = false;
  }

  private void ensurePrepared() {
    if (!prepared) {
      dist.prepare();
      prepared = true;
    }
  }

  private float[] normalise(float[] obs, int row, int rows) {
    int n = rows * obsDim();
    if (xn.length < n) xn = new float[n];
    norm.apply(obs, row * obsDim(), rows, xn);
    return xn;
  }

  /**
   * Mean actions μ(s) for {@code rows} observations (normaliser frozen); returns the MLP output
   * buffer.
   */
  public float[] mean(float[] obs, int rows) {
    return mean(obs, 0, rows);
  }

  /** The share of rollout action entries outside the action bounds [−1, 1] (then clipped). */
  public static final String BEYOND_BOUNDS = "policy/actions_beyond_bounds";

  @Override
  public List<String> choiceMetricNames() {
    return List.of(BEYOND_BOUNDS);
  }

  @Override
  public void choiceMetrics(float[] choices, int rows, Map<String, Double> out) {
    long beyond = 0;
    int n = rows * actDim();
    for (int i = 0; i < n; i++) if (Math.abs(choices[i]) > 1) beyond++;
    out.put(BEYOND_BOUNDS, n == 0 ? Double.NaN : (double) beyond / n);
  }

  /** {@link #mean(float[], int)} of rows [row, row + rows) of {@code obs}. */
  public float[] mean(float[] obs, int row, int rows) {
    return mlp.forward(normalise(obs, row, rows), 0, rows);
  }

  /** Accumulates gradients for dL/dμ {@code dMu[rows×actDim]} of the last {@link #mean} call. */
  public void backwardMean(float[] dMu, int rows) {
    mlp.backward(dMu, rows);
  }

  /** Rollout actions: μ(s) when deterministic, else a sample; the normaliser is not updated. */
  public void act(float[] obs, int rows, Rng rng, boolean deterministic, float[] actions) {
    ensurePrepared();
    float[] mu = mean(obs, rows);
    if (deterministic) System.arraycopy(mu, 0, actions, 0, rows * actDim());
    else dist.sample(mu, rows, rng, actions);
  }

  /** {@link #act(float[], int, Rng, boolean, float[])}, the action also stored as the choice. */
  @Override
  public void act(
      float[] obs, int rows, Rng rng, boolean deterministic, float[] choices, float[] actions) {
    act(obs, rows, rng, deterministic, actions);
    if (choices != actions) System.arraycopy(actions, 0, choices, 0, rows * actDim());
  }

  /** Training forward: {@code logp[i] = log π(a|s)} for rows [row, row+rows) of obs and actions. */
  @Override
  public void logProb(float[] obs, float[] actions, int row, int rows, float[] logp) {
    ensurePrepared();
    float[] mu = mlp.forward(normalise(obs, row, rows), 0, rows);
    dist.logProb(mu, actions, row, rows, logp);
  }

  /** Accumulates gradients for dL/dlogp of the last {@link #logProb} chunk. */
  @Override
  public void backward(float[] dLogp, int rows) {
    if (dMu.length < rows * actDim()) dMu = new float[rows * actDim()];
    dist.backward(dLogp, rows, dMu);
    mlp.backward(dMu, rows);
  }

  /** Adds the batch-level gradients (Lattice: through Σ). Call once after all chunks of a step. */
  @Override
  public void finishBackward() {
    dist.finishBackward();
  }

  public double entropy() {
    ensurePrepared();
    return dist.entropy();
  }

  /** The same for every state: {@link #entropy()}. */
  @Override
  public double entropy(float[] obs, int rows) {
    return entropy();
  }

  /** Weights and normaliser under {@code prefix}. */
  public void save(Map<String, Object> s, String prefix) {
    for (Param p : params()) s.put(prefix + p.name, p.value.clone());
    norm.save(s, prefix + "norm.");
  }

  public void load(Map<String, Object> s, String prefix) {
    for (Param p : params())
      System.arraycopy(TensorFile.floats(s, prefix + p.name, p.size()), 0, p.value, 0, p.size());
    norm.load(s, prefix + "norm.");
    invalidate();
  }
}
