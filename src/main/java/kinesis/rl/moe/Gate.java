package kinesis.rl.moe;

import java.util.List;
import java.util.Map;
import kinesis.nn.Gemm;
import kinesis.nn.Mlp;
import kinesis.nn.Param;
import kinesis.nn.Rng;
import kinesis.nn.RunningNorm;
import kinesis.nn.TensorFile;

/**
 * The gating network of the mixture of experts (reference §4.6): RunningNorm → MLP (SiLU) → softmax
 * over K experts, w(s). As a PPO policy its action is the chosen expert k and log π(k|s) = log
 * w_k(s); the gradient of log w_k with respect to the logits is onehot(k) − w.
 */
public final class Gate {
  public final RunningNorm norm;
  public final Mlp mlp;
  public final int experts;
  private static final int ENTROPY_ROWS = 4096;
  private float[] xn = new float[0], probs = new float[0], dLogits = new float[0];
  private int[] lastChoice = new int[0];

  public Gate(int obsDim, int[] hidden, int experts, Rng rng, Gemm gemm) {
    if (experts < 1) throw new IllegalArgumentException("a mixture needs at least one expert");
    this.experts = experts;
    norm = new RunningNorm(obsDim);
    mlp = new Mlp("gate", obsDim, hidden, experts, rng, gemm);
  }

  public List<Param> params() {
    return mlp.params();
  }

  /**
   * w(s) for rows [row, row+rows) of {@code obs}: returns a buffer with rows×K probabilities (valid
   * until the next call).
   */
  public float[] probabilities(float[] obs, int row, int rows) {
    int d = norm.dim, k = experts;
    if (xn.length < rows * d) xn = new float[rows * d];
    if (probs.length < rows * k) probs = new float[rows * k];
    norm.apply(obs, row * d, rows, xn);
    softmax(mlp.forward(xn, 0, rows), rows, k, probs, null, null);
    return probs;
  }

  /**
   * probs[r·k + j] = softmax over j of logits[r·k + j], row by row (StrictMath, so every machine
   * agrees); with {@code choice} also logp[r] = log softmax of logit choice[r] (exact, not log of a
   * rounded probability).
   */
  static void softmax(float[] logits, int rows, int k, float[] probs, int[] choice, float[] logp) {
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY, sum = 0;
      for (int j = 0; j < k; j++) max = Math.max(max, logits[r * k + j]);
      for (int j = 0; j < k; j++) sum += StrictMath.exp(logits[r * k + j] - max);
      for (int j = 0; j < k; j++)
        probs[r * k + j] = (float) (StrictMath.exp(logits[r * k + j] - max) / sum);
      if (choice != null) logp[r] = (float) (logits[r * k + choice[r]] - max - StrictMath.log(sum));
    }
  }

  /** probs = softmax(logits) of one row (inference with quantised weights). */
  static void softmax(float[] logits, int k, float[] probs) {
    softmax(logits, 1, k, probs, null, null);
  }

  /**
   * log w_k(s) for rows [row, row+rows) of {@code obs} and of {@code choices} (expert indices k
   * stored as floats); remembers the rows for {@link #backward}.
   */
  public void logProb(float[] obs, float[] choices, int row, int rows, float[] logp) {
    int d = norm.dim, k = experts;
    if (xn.length < rows * d) xn = new float[rows * d];
    if (probs.length < rows * k) probs = new float[rows * k];
    if (lastChoice.length < rows) lastChoice = new int[rows];
    for (int r = 0; r < rows; r++) {
      int c = (int) choices[row + r];
      if (c < 0 || c >= k || c != choices[row + r])
        throw new IllegalArgumentException("expert index " + choices[row + r] + " of " + k);
      lastChoice[r] = c;
    }
    norm.apply(obs, row * d, rows, xn);
    softmax(mlp.forward(xn, 0, rows), rows, k, probs, lastChoice, logp);
  }

  /** Accumulates parameter gradients for dL/dlog π of the last {@link #logProb} rows. */
  public void backward(float[] dLogp, int rows) {
    int k = experts;
    if (dLogits.length < rows * k) dLogits = new float[rows * k];
    for (int r = 0; r < rows; r++) {
      int c = lastChoice[r];
      for (int j = 0; j < k; j++)
        dLogits[r * k + j] = dLogp[r] * ((j == c ? 1f : 0f) - probs[r * k + j]);
    }
    mlp.backward(dLogits, rows);
  }

  /** Mean entropy (nats) of w(s) over rows of {@code obs} (in chunks, so any batch fits). */
  public double entropy(float[] obs, int rows) {
    double h = 0;
    for (int c = 0; c < rows; c += ENTROPY_ROWS) {
      int n = Math.min(ENTROPY_ROWS, rows - c);
      float[] w = probabilities(obs, c, n);
      for (int i = 0; i < n * experts; i++) if (w[i] > 0) h -= w[i] * StrictMath.log(w[i]);
    }
    return h / rows;
  }

  /** Samples an expert from row {@code r} of probabilities {@code w} (or takes the arg-max). */
  public static int choose(float[] w, int r, int k, Rng rng, boolean argmax) {
    if (argmax) {
      int best = 0;
      for (int j = 1; j < k; j++) if (w[r * k + j] > w[r * k + best]) best = j;
      return best;
    }
    double u = rng.nextDouble(), acc = 0;
    for (int j = 0; j < k - 1; j++) {
      acc += w[r * k + j];
      if (u < acc) return j;
    }
    return k - 1;
  }

  public void save(Map<String, Object> s) {
    for (Param p : params()) s.put(p.name, p.value.clone());
    norm.save(s, "gate.norm.");
  }

  public void load(Map<String, Object> s) {
    for (Param p : params())
      System.arraycopy(TensorFile.floats(s, p.name, p.size()), 0, p.value, 0, p.size());
    norm.load(s, "gate.norm.");
  }
}
