package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.pth.KinesisPth;
import kinesis.task.ControlMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis import-pth FILE --out DIR}: an official KINESIS {@code model.pth} as a policy
 * folder.
 */
@Command(
    name = "import-pth",
    mixinStandardHelpOptions = true,
    description =
        "Convert a KINESIS torch checkpoint (model.pth: Lattice expert or MoE) into a policy folder for eval, play and export.")
final class ImportPthCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The .pth file (torch.save zip).")
  Path file;

  @Option(
      names = "--out",
      required = true,
      description = "Policy folder to write (must not hold a policy yet).")
  Path out;

  @Option(
      names = "--model",
      defaultValue = "legs",
      description = "Model the checkpoint was trained on (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--control",
      defaultValue = "pd",
      description = "direct or pd, as in training (default: ${DEFAULT-VALUE}, the reference's).")
  String control;

  @Option(
      names = "--motions",
      defaultValue = "public-locomotion",
      description = "Clip set evaluations default to (default: ${DEFAULT-VALUE}).")
  String motions;

  @Option(
      names = "--root-tilt",
      defaultValue = "original",
      description =
          "root_tilt convention the checkpoint was trained under: original (the published checkpoints) or head "
              + "(code since June 2025) (default: ${DEFAULT-VALUE}).")
  String rootTilt;

  @Option(
      names = "--frame-lookup",
      defaultValue = "reference",
      description =
          "Reference frame lookup: reference (float32 truncation, as the code that trained it) or exact (default: ${DEFAULT-VALUE}).")
  String frameLookup;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    ControlMode.parse(control);
    if (Files.exists(out.resolve("manifest.json")) || Files.exists(out.resolve(MixtureSpec.FILE))) {
      throw new BadInputException(out, "already holds a policy; choose another --out");
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("model", model);
    env.put("control", control.toLowerCase(Locale.ROOT));
    env.put("motions", motions);
    // the observation conventions it was trained under, applied whenever the policy is evaluated or
    // played
    kinesis.task.ImitationConfig.evaluation(kinesis.task.ControlMode.DIRECT)
        .with("root_tilt", rootTilt)
        .with("frame_lookup", frameLookup);
    env.put("root_tilt", rootTilt.trim().toLowerCase(Locale.ROOT));
    env.put("frame_lookup", frameLookup.trim().toLowerCase(Locale.ROOT));
    KinesisPth.Imported imp = KinesisPth.read(file, env);
    try (BodyModel body = BodyModel.load(model)) {
      KinesisPth.checkFits(file, imp.spec(), body);
    }
    switch (imp.spec()) {
      case ExpertSpec e -> e.write(out);
      case MixtureSpec m -> m.write(out);
      default -> throw new IllegalStateException();
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("file", file.toString());
    r.put("out", out.toString());
    r.put("variant", imp.variant());
    r.put("policy", imp.spec().describe());
    r.put("obs_dim", imp.spec().obsDim());
    r.put("action_dim", imp.spec().actionDim());
    r.put("epoch", imp.epoch());
    r.put("frame", imp.frame());
    r.put("model", model);
    r.put("control", env.get("control"));
    if (json) {
      System.out.println(Json.write(r));
    } else {
      System.out.printf(
          Locale.ROOT,
          "imported %s (%s, epoch %s, frame %s) from %s%n  -> %s (model %s, control %s, %d observations, %d actions)%n",
          imp.spec().describe(),
          imp.variant(),
          imp.epoch(),
          imp.frame(),
          file,
          out,
          model,
          env.get("control"),
          imp.spec().obsDim(),
          imp.spec().actionDim());
    }
    return 0;
  }
}
