package kinesis.rl.onnx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.eval.Evaluator;
import kinesis.eval.Protocol;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.Gate;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ControlMode;
import org.junit.jupiter.api.Test;

/** ONNX Runtime computes what our Java forward pass computes, within float32 rounding. */
class PolicyOnnxTest {
  /**
   * |onnx − java| ≤ 1e-5 + 1e-5·|java| for every number (summation order and SiLU rounding differ).
   */
  static void assertClose(float[] java, float[][] onnx, int rows, int width, String what) {
    double worst = 0, worstAbs = 0, largest = 0;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < width; j++) {
        double a = java[r * width + j], b = onnx[r][j];
        assertTrue(Double.isFinite(b), what + " row " + r + " is not finite");
        worst = Math.max(worst, Math.abs(a - b) / (1e-5 + 1e-5 * Math.abs(a)));
        worstAbs = Math.max(worstAbs, Math.abs(a - b));
        largest = Math.max(largest, Math.abs(a));
      }
    }
    System.out.printf(
        "%s: %d rows, largest |onnx - java| %.3g (%.3f of the tolerance), largest |java| %.3g%n",
        what, rows, worstAbs, worst, largest);
    assertTrue(worst <= 1, what + ": worst error " + worst + " tolerances");
  }

  static byte[] model(PolicySpec spec) {
    return PolicyOnnx.graph(spec)
        .model("test", PolicyOnnx.IR_VERSION, PolicyOnnx.OPSET, "test", "test", Map.of());
  }

  /** Observations with a wide spread, so that some normalised values hit the ±5 clip. */
  static float[] observations(int rows, int dim, long seed) {
    float[] x = new float[rows * dim];
    new Rng(seed).fillGaussian(x, 0, x.length);
    for (int i = 0; i < x.length; i++) x[i] *= (i % 7 == 0) ? 40 : 2;
    return x;
  }

  static Policy trained(Policy.Kind kind, int obs, int[] hidden, int act, long seed) {
    Policy p = new Policy(kind, obs, hidden, act, -0.5f, new Rng(seed), Gemm.fromProperties());
    float[] batch = observations(64, obs, seed + 100);
    for (int i = 0; i < batch.length; i++)
      batch[i] = batch[i] * 0.3f + 1.5f; // statistics unlike the test inputs
    p.norm.update(batch, 0, 64);
    return p;
  }

  @Test
  void smallRandomExpertMatchesJava() throws Exception {
    for (boolean normalised : new boolean[] {true, false}) {
      Policy p =
          normalised
              ? trained(Policy.Kind.LATTICE, 13, new int[] {16, 8}, 5, 1)
              : new Policy(
                  Policy.Kind.GAUSSIAN,
                  13,
                  new int[] {16, 8},
                  5,
                  0f,
                  new Rng(2),
                  Gemm.fromProperties());
      ExpertSpec spec = ExpertSpec.of(p, Map.of("model", "legs"), "random");
      int rows = 37;
      float[] obs = observations(rows, 13, 7);
      try (OnnxRunner ort = new OnnxRunner(model(spec))) {
        assertEquals(List.of(PolicyOnnx.OBSERVATION), ort.inputs());
        assertEquals(List.of(PolicyOnnx.ACTION_MEAN), ort.outputs());
        float[][] onnx = (float[][]) ort.run(obs, rows, 13).get(PolicyOnnx.ACTION_MEAN);
        assertEquals(rows, onnx.length);
        assertClose(
            p.mean(obs, rows), onnx, rows, 5, normalised ? "normalised expert" : "fresh expert");
      }
    }
  }

  @Test
  void mixturePicksTheArgmaxExpertLikeJava() throws Exception {
    List<ExpertSpec> experts = new ArrayList<>();
    for (int k = 0; k < 3; k++)
      experts.add(
          ExpertSpec.of(
              trained(Policy.Kind.GAUSSIAN, 11, new int[] {12}, 4, 10 + k), Map.of(), "e" + k));
    MixtureSpec mix = MixtureSpec.fresh(new int[] {10, 6}, experts, 5);
    // sharpen the gate (its head starts at 0.1 scale) so that different rows pick different experts
    Map<String, Object> w = new java.util.LinkedHashMap<>(mix.gateWeights());
    float[] head = ((float[]) w.get("gate.head.weight")).clone();
    for (int i = 0; i < head.length; i++) head[i] *= 40;
    w.put("gate.head.weight", head);
    mix = new MixtureSpec(mix.gateHidden(), w, mix.experts(), Map.of("model", "legs"), "test");
    int rows = 60;
    float[] obs = observations(rows, 11, 3);
    Controller c = mix.controller(Gemm.fromProperties(), true);
    Gate gate = mix.gate(Gemm.fromProperties());
    float[] action = new float[4], javaMeans = new float[rows * 4], javaProbs = new float[rows * 3];
    long[] javaExpert = new long[rows];
    for (int r = 0; r < rows; r++) {
      c.act(java.util.Arrays.copyOfRange(obs, r * 11, r * 11 + 11), action);
      System.arraycopy(action, 0, javaMeans, r * 4, 4);
      javaExpert[r] = c.lastExpert();
    }
    System.arraycopy(gate.probabilities(obs, 0, rows), 0, javaProbs, 0, rows * 3);
    try (OnnxRunner ort = new OnnxRunner(model(mix))) {
      assertEquals(
          List.of(PolicyOnnx.ACTION_MEAN, PolicyOnnx.EXPERT, PolicyOnnx.EXPERT_PROBABILITIES),
          ort.outputs());
      Map<String, Object> out = ort.run(obs, rows, 11);
      assertArrayEquals(javaExpert, (long[]) out.get(PolicyOnnx.EXPERT));
      assertTrue(
          java.util.Arrays.stream(javaExpert).distinct().count() >= 2,
          "the test must exercise more than one expert");
      assertClose(
          javaMeans, (float[][]) out.get(PolicyOnnx.ACTION_MEAN), rows, 4, "mixture action");
      assertClose(
          javaProbs,
          (float[][]) out.get(PolicyOnnx.EXPERT_PROBABILITIES),
          rows,
          3,
          "gate probabilities");
    }
  }

  @Test
  void shippedWalkingPolicyMatchesJavaOnItsOwnEpisode() throws Exception {
    PolicySpec spec = Policies.load(Path.of("policies/legs-walk"));
    Controller inner = spec.controller(Gemm.fromProperties(), true);
    List<float[]> seen = new ArrayList<>(), acted = new ArrayList<>();
    // records every observation of a real evaluation episode and the action Java chose
    Controller recording =
        inner.observed(
            (o, a) -> {
              seen.add(o.clone());
              acted.add(a.clone());
            });
    try (BodyModel legs = BodyModel.load("legs")) {
      Clip clip = ClipSet.open("public-locomotion", "legs").get("dataset-1_walk_normal_001");
      Evaluator.episode(legs, clip, Protocol.parse("paper").config(ControlMode.DIRECT), recording);
    }
    int rows = seen.size(), d = spec.obsDim(), a = spec.actionDim();
    assertTrue(rows > 100, "the walk lasts " + rows + " steps");
    float[] obs = new float[rows * d], java = new float[rows * a];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(seen.get(r), 0, obs, r * d, d);
      System.arraycopy(acted.get(r), 0, java, r * a, a);
    }
    try (OnnxRunner ort = new OnnxRunner(model(spec))) {
      assertClose(
          java,
          (float[][]) ort.run(obs, rows, d).get(PolicyOnnx.ACTION_MEAN),
          rows,
          a,
          "legs-walk");
    }
  }
}
