package kinesis.rl.moe;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.nn.Actor;
import kinesis.nn.Gemm;
import kinesis.nn.Param;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.RunningNorm;

/**
 * The gate of a mixture as the actor PPO trains (reference §4.6): the choice is an expert k ~ w(s),
 * stored as one float; the environment gets μ_k(s), the chosen expert's mean, and only the chosen
 * expert is evaluated; log π = log w_k(s). The experts and their normalisers stay frozen (the
 * reference lets the experts' normalisers drift; we do not); only the gate and its normaliser
 * train.
 */
public final class GateActor implements Actor {
  public final Gate gate;
  private final List<ExpertSpec> specs;
  private final Policy[] experts;
  private final int obsDim, actDim, k;
  private float[] rowObs = new float[0];
  private int[] chosen = new int[0];

  /**
   * A gate of {@code hidden} widths over frozen {@code experts}, drawn from {@code init}; its
   * normaliser starts as expert 0's.
   */
  public GateActor(int[] hidden, List<ExpertSpec> experts, Rng init, Gemm gemm) {
    specs = List.copyOf(experts);
    ExpertSpec e0 = specs.get(0);
    obsDim = e0.obsDim();
    actDim = e0.actionDim();
    k = specs.size();
    gate = new Gate(obsDim, hidden, k, init, gemm);
    Map<String, Object> norm = new LinkedHashMap<>();
    e0.normaliser().forEach((key, v) -> norm.put(key.replace("policy.norm.", "gate.norm."), v));
    gate.norm.load(norm, "gate.norm.");
    this.experts = new Policy[k];
    for (int e = 0; e < k; e++) this.experts[e] = specs.get(e).policy(gemm);
  }

  /**
   * The mixture as it is now (the gate's current weights and normaliser over the frozen experts),
   * named {@code source}.
   */
  public MixtureSpec spec(Map<String, String> env, String source) {
    Map<String, Object> w = new LinkedHashMap<>();
    gate.save(w);
    return new MixtureSpec(gateHidden(), w, specs, env, source);
  }

  /** The share of rollout steps that chose each expert: {@code gate/expert_K_share}. */
  @Override
  public List<String> choiceMetricNames() {
    return java.util.stream.IntStream.range(0, k)
        .mapToObj(e -> "gate/expert_" + e + "_share")
        .toList();
  }

  @Override
  public void choiceMetrics(float[] choices, int rows, Map<String, Double> out) {
    int[] count = new int[k];
    for (int i = 0; i < rows; i++) count[(int) choices[i]]++;
    List<String> names = choiceMetricNames();
    for (int e = 0; e < k; e++) out.put(names.get(e), count[e] / (double) rows);
  }

  /** The frozen experts, in order. */
  public List<ExpertSpec> experts() {
    return specs;
  }

  @Override
  public int obsDim() {
    return obsDim;
  }

  /** One float: the expert index. */
  @Override
  public int choiceDim() {
    return 1;
  }

  @Override
  public int actionDim() {
    return actDim;
  }

  @Override
  public RunningNorm norm() {
    return gate.norm;
  }

  @Override
  public List<Param> params() {
    return gate.params();
  }

  @Override
  public void invalidate() {
    // nothing derived from the gate's weights is cached
  }

  @Override
  public void act(
      float[] obs, int rows, Rng rng, boolean deterministic, float[] choices, float[] actions) {
    if (chosen.length < rows) chosen = new int[rows];
    float[] w = gate.probabilities(obs, 0, rows);
    for (int i = 0; i < rows; i++) {
      chosen[i] = Gate.choose(w, i, k, rng, deterministic);
      choices[i] = chosen[i];
    }
    expertMeans(obs, rows, actions);
  }

  /** μ_k(s) for each row's chosen expert, each expert evaluated on its own rows only. */
  private void expertMeans(float[] obs, int rows, float[] actions) {
    if (rowObs.length < rows * obsDim) rowObs = new float[rows * obsDim];
    for (int e = 0; e < k; e++) {
      int n = 0;
      for (int i = 0; i < rows; i++) {
        if (chosen[i] == e) System.arraycopy(obs, i * obsDim, rowObs, n++ * obsDim, obsDim);
      }
      if (n == 0) continue;
      float[] mu = experts[e].mean(rowObs, n);
      int r = 0;
      for (int i = 0; i < rows; i++) {
        if (chosen[i] == e) System.arraycopy(mu, r++ * actDim, actions, i * actDim, actDim);
      }
    }
  }

  @Override
  public void logProb(float[] obs, float[] choices, int row, int rows, float[] logp) {
    gate.logProb(obs, choices, row, rows, logp);
  }

  @Override
  public void backward(float[] dLogp, int rows) {
    gate.backward(dLogp, rows);
  }

  @Override
  public void finishBackward() {
    // the gradient of a softmax choice needs nothing beyond each chunk
  }

  @Override
  public double entropy(float[] obs, int rows) {
    return gate.entropy(obs, rows);
  }

  @Override
  public String describe() {
    return "gate "
        + Arrays.toString(gateHidden())
        + " over "
        + k
        + " experts ("
        + specs.get(0).describe()
        + ")";
  }

  /** Widths of the gate's hidden layers. */
  public int[] gateHidden() {
    int[] h = new int[gate.mlp.numLayers() - 1];
    for (int l = 0; l < h.length; l++) h[l] = gate.mlp.layer(l).out;
    return h;
  }
}
