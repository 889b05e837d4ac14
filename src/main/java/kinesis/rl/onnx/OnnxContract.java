package kinesis.rl.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.nn.RunningNorm;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ObsLayout;

/**
 * The JSON contract written beside an exported ONNX file ({@code FILE.json}): what goes in
 * (observation blocks with offsets and frames), what comes out (what an action number means under
 * the policy's control mode, muscle names when the model could be loaded), and where it came from.
 * A pure function of its arguments.
 */
public final class OnnxContract {
  private OnnxContract() {}

  public static final String FORMAT = "kinesis-onnx-contract";
  public static final int VERSION = 1;

  /**
   * The contract as a JSON-ready map.
   *
   * @param onnxFile file name of the ONNX model (the contract sits beside it)
   * @param sha256 hex digest of the ONNX file
   * @param source the checkpoint or mixture directory exported
   * @param layout observation layout ({@link ObsLayout#flat} when unknown)
   * @param muscles actuator names in action order, or null when the model was not loaded
   * @param notes anything the user should know (layout or muscles unavailable, and why)
   */
  public static Map<String, Object> describe(
      PolicySpec spec,
      String onnxFile,
      String sha256,
      String source,
      ObsLayout layout,
      List<String> muscles,
      List<String> notes) {
    String control = spec.env().getOrDefault("control", "direct");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("format", FORMAT);
    c.put("version", VERSION);
    c.put("onnx", onnxFile);
    c.put("onnx_sha256", sha256);
    c.put("ir_version", PolicyOnnx.IR_VERSION);
    c.put("opset", PolicyOnnx.OPSET);
    c.put("source", source);
    c.put("policy", spec.describe());
    c.put("model", spec.env().getOrDefault("model", null));
    c.put("control", control);
    c.put("control_rate_hz", 30);
    c.put(
        "inputs",
        List.of(
            tensor(PolicyOnnx.OBSERVATION, "float32", spec.obsDim(), "one observation per row")));
    List<Map<String, Object>> outputs = new ArrayList<>();
    outputs.add(
        tensor(
            PolicyOnnx.ACTION_MEAN,
            "float32",
            spec.actionDim(),
            "deterministic action: mean of the policy's Gaussian"));
    if (spec instanceof MixtureSpec m) {
      outputs.add(
          tensor(
              PolicyOnnx.EXPERT,
              "int64",
              null,
              "expert chosen: arg-max of the gate logits (first on ties)"));
      outputs.add(
          tensor(
              PolicyOnnx.EXPERT_PROBABILITIES, "float32", m.experts().size(), "gate softmax w(s)"));
    }
    c.put("outputs", outputs);
    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("dim", spec.obsDim());
    obs.put("blocks", layout.describe());
    obs.put(
        "normaliser",
        "inside the graph: clip((x - mean) / (std + 1e-8), -"
            + RunningNorm.CLIP
            + ", "
            + RunningNorm.CLIP
            + ") with the checkpoint's statistics (identity when it never saw data); feed raw observations");
    c.put("observation", obs);
    Map<String, Object> act = new LinkedHashMap<>();
    act.put("dim", spec.actionDim());
    act.put("range", List.of(-1, 1));
    act.put("meaning", meaning(control));
    if (muscles != null) act.put("muscles", muscles);
    c.put("action", act);
    if (spec instanceof MixtureSpec m) {
      Map<String, Object> mix = new LinkedHashMap<>();
      mix.put("experts", m.experts().size());
      mix.put(
          "choice",
          "argmax: action_mean is the mean of the expert with the largest gate logit (as ./kinesis eval --argmax); "
              + "the sampled choice of training and default evaluation is not exported, expert_probabilities lets a caller sample");
      mix.put("cost", "every expert is evaluated for every row");
      c.put("mixture", mix);
    }
    c.put("notes", notes);
    return c;
  }

  /** What an action number does under a control mode (kinesis-reference.md §3.5). */
  static String meaning(String control) {
    return switch (control) {
      case "pd" ->
          "per muscle, target length L* = (a + 1) / 2 * lengthrange_max; a PD law and the inverse muscle model give the "
              + "excitation each substep; the environment first clips a to [-1, 1] (NaN to 0)";
      default ->
          "per muscle, excitation ctrl = (a + 1) / 2; the environment first clips a to [-1, 1] (NaN to 0)";
    };
  }

  private static Map<String, Object> tensor(
      String name, String dtype, Integer width, String meaning) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("dtype", dtype);
    t.put("shape", width == null ? List.of("N") : List.of("N", width));
    t.put("meaning", meaning);
    return t;
  }
}
