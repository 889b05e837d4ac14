package kinesis.rl.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.body.Variant;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ObsLayout;

/**
 * {@code kinesis export}: a run, checkpoint or mixture directory → {@code FILE} (ONNX, see {@link
 * PolicyOnnx}) and {@code FILE.json} (see {@link OnnxContract}). Both are written to a temporary
 * sibling and renamed, the contract last.
 */
public final class OnnxExport {
  private OnnxExport() {}

  /** What was written. */
  public record Result(
      Path onnx,
      Path contract,
      Path source,
      PolicySpec spec,
      long bytes,
      int nodes,
      Map<String, Object> contractJson) {}

  public static Path contractPath(Path onnx) {
    return onnx.resolveSibling(onnx.getFileName() + ".json");
  }

  /** Exports the policy at {@code policy} (run, checkpoint or MoE directory) to {@code onnx}. */
  public static Result write(Path policy, Path onnx) {
    checkWritable(onnx);
    PolicySpec spec = Policies.load(policy);
    Path source = Policies.resolve(policy);
    OnnxGraph g = PolicyOnnx.graph(spec);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("kinesis.source", source.toString());
    meta.put("kinesis.policy", spec.describe());
    meta.put("kinesis.model", spec.env().getOrDefault("model", ""));
    meta.put("kinesis.control", spec.env().getOrDefault("control", "direct"));
    meta.put("kinesis.contract", contractPath(onnx).getFileName().toString());
    byte[] model =
        g.model(
            "kinesis_policy",
            PolicyOnnx.IR_VERSION,
            PolicyOnnx.OPSET,
            "0.1.0",
            "KINESIS policy " + spec.describe() + ": observation -> action_mean (deterministic)",
            meta);
    List<String> notes = new ArrayList<>();
    List<String> muscles = new ArrayList<>();
    ObsLayout layout = layout(spec, notes, muscles);
    Map<String, Object> contract =
        OnnxContract.describe(
            spec,
            onnx.getFileName().toString(),
            sha256(model),
            source.toString(),
            layout,
            muscles.isEmpty() ? null : muscles,
            notes);
    Path cpath = contractPath(onnx);
    try {
      AtomicFiles.writeBytes(onnx, model);
    } catch (UncheckedIOException e) {
      throw new BadInputException(onnx, "cannot write: " + reason(e.getCause()));
    }
    try {
      AtomicFiles.writeString(cpath, Json.write(contract) + "\n");
    } catch (UncheckedIOException e) {
      try {
        Files.deleteIfExists(onnx); // no model without its contract
      } catch (IOException ignored) {
        // the message below still says what failed
      }
      throw new BadInputException(cpath, "cannot write: " + reason(e.getCause()));
    }
    return new Result(onnx, cpath, source, spec, model.length, g.nodeCount(), contract);
  }

  /** Refuses, before any work, a target that is a directory or sits under a regular file. */
  static void checkWritable(Path onnx) {
    if (Files.isDirectory(onnx))
      throw new BadInputException(onnx, "cannot write the ONNX file: it is a directory");
    if (Files.isDirectory(contractPath(onnx)))
      throw new BadInputException(
          contractPath(onnx), "cannot write the contract: it is a directory");
    for (Path p = onnx.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p))
        throw new BadInputException(
            onnx, "cannot write the ONNX file: " + p + " is not a directory");
    }
  }

  /**
   * The imitation layout of the policy's model (muscle names added to {@code muscles}) when the
   * model loads and its size matches; otherwise a flat layout and a note saying why.
   */
  static ObsLayout layout(PolicySpec spec, List<String> notes, List<String> muscles) {
    String model = spec.env().get("model");
    if (model == null) {
      notes.add("the checkpoint names no model: observation layout unknown");
      return ObsLayout.flat(spec.obsDim());
    }
    Variant v;
    try {
      v = Catalogue.get(model);
    } catch (BadInputException e) {
      notes.add(e.getMessage() + ": observation layout unknown");
      return ObsLayout.flat(spec.obsDim());
    }
    ObsLayout layout;
    try (BodyModel body = BodyModel.load(model)) {
      layout = ObsLayout.imitation(body.sim.nbody - 1, body.trackedBodies.length);
      if (body.muscleCount() == spec.actionDim()) muscles.addAll(body.muscles);
      else
        notes.add(
            "model "
                + model
                + " has "
                + body.muscleCount()
                + " muscles, the policy "
                + spec.actionDim()
                + " actions: no muscle names");
    } catch (BadInputException e) {
      notes.add(
          "model "
              + model
              + " not loaded ("
              + e.getMessage()
              + "): layout from the catalogue, no muscle names");
      int bodies = (spec.obsDim() - 6 - 9 * v.tracked().size()) / 15;
      layout = ObsLayout.imitation(Math.max(1, bodies), v.tracked().size());
    }
    if (layout.dim() != spec.obsDim()) {
      notes.add(
          "observation size "
              + spec.obsDim()
              + " is not the imitation layout of "
              + model
              + " ("
              + layout.dim()
              + " numbers): layout unknown");
      return ObsLayout.flat(spec.obsDim());
    }
    return layout;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null)
      return f.getReason();
    return e instanceof IOException && e.getMessage() != null ? e.getMessage() : String.valueOf(e);
  }
}
