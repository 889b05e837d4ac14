package kinesis.rl.pth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.io.TorchZip;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.PolicySpec;

/**
 * The official KINESIS checkpoints ({@code model.pth}: a dict with {@code policy} and {@code value}
 * state dicts, {@code epoch}, {@code frame}, optimiser states; kinesis-reference.md §4.8) as our
 * policies. A Lattice expert ({@code norm.*}, {@code net.affine_layers.L.*}, {@code action_mean.*},
 * {@code log_std} [1, act + latent]) becomes an {@link ExpertSpec} with weights {@code
 * policy.trunk.L.*}, {@code policy.head.*}, {@code log_std} (the value net's {@code
 * net.affine_layers.L.*} and {@code value_head.*} as {@code value.trunk.L.*}, {@code
 * value.head.*}). A MoE ({@code norm.*} and {@code gate.0.affine_layers.L.*}, {@code gate.1.*} for
 * the gate; {@code experts.experts.K.0.*} norm, {@code .1.affine_layers.L.*} trunk, {@code .2.*}
 * head) becomes a {@link MixtureSpec}; its experts carry no log_std (the reference drops it), so
 * they get log σ = 0 and act by their means. Anything else is refused with the key or shape that
 * does not match.
 */
public final class KinesisPth {
  private KinesisPth() {}

  /** A converted checkpoint and what the file said about itself. */
  public record Imported(PolicySpec spec, String variant, Object epoch, Object frame) {}

  /**
   * Converts an unpickled checkpoint; {@code env} names the model, control and motions it is for.
   */
  public static Imported convert(Path file, Object top, Map<String, String> env) {
    if (!(top instanceof Map<?, ?> ck) || !(ck.get("policy") instanceof Map<?, ?> policy)) {
      throw new BadInputException(
          file,
          "not a KINESIS checkpoint: expected a dict with a 'policy' state dict"
              + (top instanceof Map<?, ?> m ? ", found keys " + m.keySet() : ""));
    }
    String source = file + " (epoch " + ck.get("epoch") + ", frame " + ck.get("frame") + ")";
    if (policy.containsKey("gate.1.weight")) {
      return new Imported(
          mixture(file, policy, env, source), "moe", ck.get("epoch"), ck.get("frame"));
    }
    if (policy.containsKey("action_mean.weight")
        && policy.containsKey("net.affine_layers.0.weight")) {
      Map<?, ?> value = ck.get("value") instanceof Map<?, ?> v ? v : Map.of();
      return new Imported(
          expert(file, policy, value, env, source), "lattice", ck.get("epoch"), ck.get("frame"));
    }
    List<String> keys = policy.keySet().stream().map(String::valueOf).limit(6).toList();
    throw new BadInputException(
        file,
        "policy state dict is neither a Lattice expert (net.affine_layers.*, action_mean.*) nor a MoE "
            + "(gate.*, experts.experts.*); its keys start "
            + keys);
  }

  /**
   * Trunk widths of {@code prefix0.weight, prefix1.weight, …} fed by {@code in} inputs; weights
   * copied under {@code out}.
   */
  static int[] trunk(
      Path file, Map<?, ?> sd, String prefix, int in, String out, Map<String, Object> dst) {
    List<Integer> widths = new ArrayList<>();
    for (int l = 0; sd.containsKey(prefix + l + ".weight"); l++) {
      int[] shape = shape(file, sd, prefix + l + ".weight");
      if (shape.length != 2 || shape[1] != in) {
        throw new BadInputException(
            file,
            "tensor '"
                + prefix
                + l
                + ".weight' has shape "
                + java.util.Arrays.toString(shape)
                + ", expected ["
                + "any, "
                + in
                + "] (layer "
                + l
                + " takes the previous layer's "
                + in
                + " outputs)");
      }
      dst.put(out + l + ".weight", TorchZip.floats(file, sd, prefix + l + ".weight", shape[0], in));
      dst.put(out + l + ".bias", TorchZip.floats(file, sd, prefix + l + ".bias", shape[0]));
      widths.add(shape[0]);
      in = shape[0];
    }
    if (widths.isEmpty()) throw new BadInputException(file, "no tensor '" + prefix + "0.weight'");
    return widths.stream().mapToInt(Integer::intValue).toArray();
  }

  /** RunningNorm buffers {@code prefix{n,mean,var,std}} as our normaliser under {@code out}. */
  static void norm(
      Path file, Map<?, ?> sd, String prefix, int dim, String out, Map<String, Object> dst) {
    if (!(sd.get(prefix + "n") instanceof NdArray n) || n.size() != 1 || !n.isNumeric()) {
      throw new BadInputException(
          file, "no scalar tensor '" + prefix + "n' (the normaliser's sample count)");
    }
    dst.put(out + "n", new long[] {(long) n.toDoubles()[0]});
    for (String b : List.of("mean", "var", "std"))
      dst.put(out + b, TorchZip.floats(file, sd, prefix + b, dim));
  }

  static ExpertSpec expert(
      Path file, Map<?, ?> sd, Map<?, ?> value, Map<String, String> env, String source) {
    int obs = shape(file, sd, "net.affine_layers.0.weight")[1];
    Map<String, Object> w = new LinkedHashMap<>(), n = new LinkedHashMap<>();
    int[] hidden = trunk(file, sd, "net.affine_layers.", obs, "policy.trunk.", w);
    int latent = hidden[hidden.length - 1], act = shape(file, sd, "action_mean.weight")[0];
    w.put("policy.head.weight", TorchZip.floats(file, sd, "action_mean.weight", act, latent));
    w.put("policy.head.bias", TorchZip.floats(file, sd, "action_mean.bias", act));
    int[] ls = shape(file, sd, "log_std");
    Policy.Kind kind =
        ls[ls.length - 1] == act + latent ? Policy.Kind.LATTICE : Policy.Kind.GAUSSIAN;
    w.put(
        "log_std",
        TorchZip.floats(
            file,
            sd,
            "log_std",
            kind == Policy.Kind.LATTICE ? new int[] {1, act + latent} : new int[] {1, act}));
    norm(file, sd, "norm.", obs, "policy.norm.", n);
    if (!value.isEmpty()) {
      int[] vh = trunk(file, value, "net.affine_layers.", obs, "value.trunk.", w);
      w.put(
          "value.head.weight",
          TorchZip.floats(file, value, "value_head.weight", 1, vh[vh.length - 1]));
      w.put("value.head.bias", TorchZip.floats(file, value, "value_head.bias", 1));
    }
    ExpertSpec e = new ExpertSpec(kind, obs, hidden, act, w, n, env, source);
    e.policy(Gemm.serial()); // every parameter present with its size
    return e;
  }

  static MixtureSpec mixture(Path file, Map<?, ?> sd, Map<String, String> env, String source) {
    int obs = shape(file, sd, "gate.0.affine_layers.0.weight")[1];
    Map<String, Object> g = new LinkedHashMap<>();
    int[] gh = trunk(file, sd, "gate.0.affine_layers.", obs, "gate.trunk.", g);
    int k = shape(file, sd, "gate.1.weight")[0];
    g.put("gate.head.weight", TorchZip.floats(file, sd, "gate.1.weight", k, gh[gh.length - 1]));
    g.put("gate.head.bias", TorchZip.floats(file, sd, "gate.1.bias", k));
    norm(file, sd, "norm.", obs, "gate.norm.", g);
    List<ExpertSpec> experts = new ArrayList<>();
    for (int e = 0; e < k; e++) {
      String p = "experts.experts." + e + ".";
      if (!sd.containsKey(p + "2.weight"))
        throw new BadInputException(
            file, "the gate chooses among " + k + " experts, but '" + p + "2.weight' is missing");
      Map<String, Object> w = new LinkedHashMap<>(), n = new LinkedHashMap<>();
      int[] hidden = trunk(file, sd, p + "1.affine_layers.", obs, "policy.trunk.", w);
      int latent = hidden[hidden.length - 1], act = shape(file, sd, p + "2.weight")[0];
      w.put("policy.head.weight", TorchZip.floats(file, sd, p + "2.weight", act, latent));
      w.put("policy.head.bias", TorchZip.floats(file, sd, p + "2.bias", act));
      w.put(
          "log_std",
          new float[act + latent]); // not stored in a MoE: σ = 1, unused by the mean action
      norm(file, sd, p + "0.", obs, "policy.norm.", n);
      experts.add(
          new ExpertSpec(
              Policy.Kind.LATTICE, obs, hidden, act, w, n, env, source + " expert " + e));
    }
    if (sd.containsKey("experts.experts." + k + ".2.weight")) {
      throw new BadInputException(file, "more experts than the gate's " + k + " outputs");
    }
    MixtureSpec m = new MixtureSpec(gh, g, experts, env, source);
    m.gate(Gemm.serial());
    for (ExpertSpec e : experts) e.policy(Gemm.serial());
    return m;
  }

  static int[] shape(Path file, Map<?, ?> sd, String key) {
    if (!(sd.get(key) instanceof NdArray a))
      throw new BadInputException(file, "no tensor '" + key + "'");
    return a.shape();
  }

  /**
   * Refuses a policy whose sizes are not the imitation observation and muscle count of {@code body}
   * (a checkpoint of another model variant or architecture).
   */
  public static void checkFits(Path file, PolicySpec spec, kinesis.body.BodyModel body) {
    int obs = kinesis.task.ObsLayout.imitation(body.sim.nbody - 1, body.trackedBodies.length).dim();
    if (spec.obsDim() != obs || spec.actionDim() != body.muscleCount()) {
      throw new BadInputException(
          file,
          "policy takes "
              + spec.obsDim()
              + " observations and gives "
              + spec.actionDim()
              + " actions; model "
              + body.variant.name()
              + " has "
              + obs
              + " observations and "
              + body.muscleCount()
              + " muscles (another model variant? pass --model)");
    }
  }

  /** Reads and converts a {@code .pth}. */
  public static Imported read(Path file, Map<String, String> env) {
    return convert(file, TorchZip.read(file), env);
  }
}
