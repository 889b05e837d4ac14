package kinesis.rl.onnx;

import static kinesis.rl.onnx.OnnxGraph.FLOAT;
import static kinesis.rl.onnx.OnnxGraph.INT64;

import java.util.Map;
import kinesis.nn.Gemm;
import kinesis.nn.Linear;
import kinesis.nn.Mlp;
import kinesis.nn.Policy;
import kinesis.nn.RunningNorm;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.Gate;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.PolicySpec;

/**
 * The deterministic policy as an ONNX graph (opset 17). Input {@code observation} [N, obs_dim]
 * float32. One expert: {@code action_mean} [N, act_dim] = μ(s), the mean of its Gaussian
 * (normaliser → Gemm/SiLU trunk → Gemm head; SiLU as z·Sigmoid(z)). A mixture also outputs {@code
 * expert_probabilities} [N, K] (gate softmax) and {@code expert} [N] int64, the arg-max of the gate
 * logits (first index on ties, as {@code --argmax} evaluation); its {@code action_mean} is that
 * expert's mean. Every expert is evaluated and the chosen one selected with a one-hot product,
 * which copies the chosen mean exactly. Stochastic sampling (a Gaussian action, a sampled expert)
 * is not exported.
 */
public final class PolicyOnnx {
  private PolicyOnnx() {}

  public static final int OPSET = 17, IR_VERSION = 8;
  public static final String OBSERVATION = "observation",
      ACTION_MEAN = "action_mean",
      EXPERT = "expert",
      EXPERT_PROBABILITIES = "expert_probabilities";

  /** The graph of a single expert or a mixture. */
  public static OnnxGraph graph(PolicySpec spec) {
    OnnxGraph g = new OnnxGraph();
    g.input(OBSERVATION, FLOAT, "N", spec.obsDim());
    switch (spec) {
      case ExpertSpec e -> {
        Policy p = e.policy(Gemm.serial());
        network(g, "policy", p.norm, p.mlp, ACTION_MEAN);
      }
      case MixtureSpec m -> mixture(g, m);
      default -> throw new IllegalArgumentException("cannot export " + spec.describe());
    }
    g.output(ACTION_MEAN, FLOAT, "N", spec.actionDim());
    if (spec instanceof MixtureSpec m) {
      g.output(EXPERT, INT64, "N");
      g.output(EXPERT_PROBABILITIES, FLOAT, "N", m.experts().size());
    }
    return g;
  }

  /** Gate, every expert, and the one-hot selection of the arg-max expert's mean. */
  private static void mixture(OnnxGraph g, MixtureSpec m) {
    int k = m.experts().size();
    Gate gate = m.gate(Gemm.serial());
    String logits = network(g, "gate", gate.norm, gate.mlp, "gate/logits");
    g.node("Softmax", EXPERT_PROBABILITIES, Map.of("axis", 1L), logits);
    g.node("ArgMax", EXPERT, Map.of("axis", 1L, "keepdims", 0L, "select_last_index", 0L), logits);
    // means of all experts stacked to [N, K, A]
    String axis1 = g.longs("axes_1", new long[] {1}, 1),
        axis2 = g.longs("axes_2", new long[] {2}, 1);
    String[] means = new String[k];
    for (int e = 0; e < k; e++) {
      Policy p = m.experts().get(e).policy(Gemm.serial());
      String mu = network(g, "expert" + e, p.norm, p.mlp, "expert" + e + "/action_mean");
      means[e] = g.node("Unsqueeze", "expert" + e + "/action_mean_3d", mu, axis1);
    }
    String stacked = g.node("Concat", "expert_action_means", Map.of("axis", 1L), means);
    // one-hot of the chosen expert, [N, K, 1]: (expert == 0..K-1) as float
    long[] ids = new long[k];
    for (int e = 0; e < k; e++) ids[e] = e;
    String chosen = g.node("Unsqueeze", "select/expert_2d", EXPERT, axis1);
    String eq = g.node("Equal", "select/is_chosen", chosen, g.longs("select/ids", ids, k));
    String oneHot = g.node("Cast", "select/one_hot", Map.of("to", (long) FLOAT), eq);
    String weights = g.node("Unsqueeze", "select/one_hot_3d", oneHot, axis2);
    String picked = g.node("Mul", "select/picked", stacked, weights);
    g.node("ReduceSum", ACTION_MEAN, Map.of("keepdims", 0L), picked, axis1);
  }

  /**
   * RunningNorm (when it has seen data: clip((x − mean)/(std + 1e-8), −5, 5), the divisor rounded
   * to float32 exactly as the Java code adds it) → SiLU hidden layers → linear head named {@code
   * output}.
   */
  static String network(OnnxGraph g, String prefix, RunningNorm norm, Mlp mlp, String output) {
    String x = OBSERVATION;
    if (norm.count() > 0) {
      float[] denom = new float[norm.dim];
      for (int j = 0; j < denom.length; j++) denom[j] = norm.std()[j] + 1e-8f;
      if (!g.has("clip_min")) {
        g.floats("clip_min", new float[] {-RunningNorm.CLIP});
        g.floats("clip_max", new float[] {RunningNorm.CLIP});
      }
      String centred =
          g.node(
              "Sub",
              prefix + "/norm/centred",
              x,
              g.floats(prefix + "/norm/mean", norm.mean().clone(), norm.dim));
      String scaled =
          g.node(
              "Div",
              prefix + "/norm/scaled",
              centred,
              g.floats(prefix + "/norm/std_eps", denom, norm.dim));
      x = g.node("Clip", prefix + "/norm/out", scaled, "clip_min", "clip_max");
    }
    for (int l = 0; l < mlp.numLayers(); l++) {
      Linear lin = mlp.layer(l);
      boolean head = l == mlp.numLayers() - 1;
      String name = prefix + (head ? "/head" : "/trunk." + l);
      String w = g.floats(name + ".weight", lin.weight.value.clone(), lin.out, lin.in);
      String b = g.floats(name + ".bias", lin.bias.value.clone(), lin.out);
      String z = g.node("Gemm", head ? output : name + "/z", Map.of("transB", 1L), x, w, b);
      if (!head) {
        String s = g.node("Sigmoid", name + "/sigmoid", z);
        x = g.node("Mul", name + "/silu", z, s);
      }
    }
    return output;
  }
}
