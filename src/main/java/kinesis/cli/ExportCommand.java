package kinesis.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.io.Json;
import kinesis.rl.onnx.OnnxExport;
import kinesis.rl.onnx.PolicyOnnx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis export --policy DIR --onnx FILE}: the deterministic policy as ONNX plus its JSON
 * contract.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write a policy (run, checkpoint or MoE directory) as ONNX: observation -> action_mean, plus FILE.json describing it.")
final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--policy",
      required = true,
      description = "Run, checkpoint or MoE directory (a run exports its newest checkpoint).")
  Path policy;

  @Option(
      names = "--onnx",
      required = true,
      description = "ONNX file to write; the contract goes to FILE.json beside it.")
  Path onnx;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    OnnxExport.Result r = OnnxExport.write(policy, onnx);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("onnx", r.onnx().toString());
    m.put("contract", r.contract().toString());
    m.put("source", r.source().toString());
    m.put("policy", r.spec().describe());
    m.put("bytes", r.bytes());
    m.put("nodes", r.nodes());
    m.put("opset", PolicyOnnx.OPSET);
    m.put("obs_dim", r.spec().obsDim());
    m.put("action_dim", r.spec().actionDim());
    m.put(
        "outputs",
        ((List<?>) r.contractJson().get("outputs"))
            .stream().map(o -> ((Map<?, ?>) o).get("name")).toList());
    m.put("model", r.contractJson().get("model"));
    m.put("control", r.contractJson().get("control"));
    m.put("onnx_sha256", r.contractJson().get("onnx_sha256"));
    m.put("notes", r.contractJson().get("notes"));
    if (json) {
      System.out.println(Json.write(m));
      return 0;
    }
    System.out.printf(
        Locale.ROOT,
        "exported %s (%s) from %s%n",
        r.spec().describe(),
        r.contractJson().get("model"),
        r.source());
    System.out.printf(
        Locale.ROOT,
        "  %s: %.1f kB, %d nodes, opset %d, %s [N, %d] float32 -> %s%n",
        r.onnx(),
        r.bytes() / 1e3,
        r.nodes(),
        PolicyOnnx.OPSET,
        PolicyOnnx.OBSERVATION,
        r.spec().obsDim(),
        String.join(", ", outputs(r)));
    System.out.printf(
        Locale.ROOT,
        "  %s: observation blocks, action meaning (control %s), source%n",
        r.contract(),
        r.contractJson().get("control"));
    for (Object note : (List<?>) r.contractJson().get("notes"))
      System.out.println("  note: " + note);
    return 0;
  }

  private static List<String> outputs(OnnxExport.Result r) {
    return ((List<?>) r.contractJson().get("outputs"))
        .stream()
            .map(
                o -> {
                  Map<?, ?> t = (Map<?, ?>) o;
                  List<?> shape = (List<?>) t.get("shape");
                  return t.get("name")
                      + " "
                      + shape.toString().replace(" ", "").replace(",", ", ")
                      + " "
                      + t.get("dtype");
                })
            .toList();
  }
}
