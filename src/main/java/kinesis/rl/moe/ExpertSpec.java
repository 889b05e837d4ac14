package kinesis.rl.moe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.nn.Gemm;
import kinesis.nn.Param;
import kinesis.nn.Policy;
import kinesis.nn.Precision;
import kinesis.nn.QuantizedMlp;
import kinesis.nn.Rng;
import kinesis.nn.TensorFile;
import kinesis.rl.Checkpoint;

/**
 * One trained actor as stored in a training checkpoint ({@code weights.bin} under the parameter
 * names {@code policy.*}, {@code normaliser.bin} under {@code policy.norm.*}): used frozen, as a
 * deterministic map s ↦ μ(s), by evaluation and as an expert of a mixture.
 */
public record ExpertSpec(
    Policy.Kind kind,
    int obsDim,
    int[] hidden,
    int actionDim,
    Map<String, Object> weights,
    Map<String, Object> normaliser,
    Map<String, String> env,
    String source)
    implements PolicySpec {

  /** Reads a checkpoint directory (manifest.json, weights.bin, normaliser.bin). */
  @SuppressWarnings("unchecked")
  public static ExpertSpec read(Path dir) {
    Path mf = dir.resolve("manifest.json");
    if (!Files.isRegularFile(mf))
      throw new BadInputException(dir, "not a checkpoint (no manifest.json)");
    Map<String, Object> m = Json.read(mf, LinkedHashMap.class);
    Object version = m.get("format_version");
    if (!(version instanceof Number v) || v.intValue() != Checkpoint.FORMAT_VERSION) {
      throw new BadInputException(
          mf, "format_version " + version + ", expected " + Checkpoint.FORMAT_VERSION);
    }
    if (!(m.get("obs_dim") instanceof Number od)
        || !(m.get("action_dim") instanceof Number ad)
        || !(m.get("hidden") instanceof List<?> h)
        || h.isEmpty()
        || !(m.get("actor") instanceof String actor)) {
      throw new BadInputException(mf, "needs obs_dim, action_dim, hidden and actor");
    }
    int[] hidden = new int[h.size()];
    for (int i = 0; i < hidden.length; i++) {
      if (!(h.get(i) instanceof Number n) || n.intValue() < 1)
        throw new BadInputException(mf, "hidden must list positive widths");
      hidden[i] = n.intValue();
    }
    Policy.Kind kind =
        switch (actor) {
          case "gaussian" -> Policy.Kind.GAUSSIAN;
          case "lattice" -> Policy.Kind.LATTICE;
          default -> throw new BadInputException(mf, "unknown actor '" + actor + "'");
        };
    Map<String, String> env = new LinkedHashMap<>();
    if (m.get("env") instanceof Map<?, ?> e)
      e.forEach((k, val) -> env.put(String.valueOf(k), String.valueOf(val)));
    ExpertSpec spec =
        new ExpertSpec(
            kind,
            od.intValue(),
            hidden,
            ad.intValue(),
            TensorFile.read(dir.resolve("weights.bin")),
            TensorFile.read(dir.resolve("normaliser.bin")),
            env,
            dir.toString());
    spec.policy(Gemm.serial()); // validates the shapes now
    return spec;
  }

  /** Randomly initialised weights (benchmarks; a mixture's speed does not depend on the values). */
  public static ExpertSpec random(
      Policy.Kind kind, int obsDim, int[] hidden, int actionDim, long seed) {
    Policy p = new Policy(kind, obsDim, hidden, actionDim, 0f, new Rng(seed), Gemm.serial());
    return of(p, Map.of(), "random");
  }

  /** A snapshot of a live policy (its current weights and normaliser). */
  public static ExpertSpec of(Policy p, Map<String, String> env, String source) {
    Map<String, Object> w = new LinkedHashMap<>(), n = new LinkedHashMap<>();
    for (Param q : p.params()) w.put(q.name, q.value.clone());
    p.norm.save(n, "policy.norm.");
    return new ExpertSpec(p.kind, p.obsDim(), p.hiddenWidths(), p.actDim(), w, n, env, source);
  }

  /** A new policy with these weights (its own buffers, computing with {@code gemm}). */
  public Policy policy(Gemm gemm) {
    Policy p = new Policy(kind, obsDim, hidden, actionDim, 0f, new Rng(0), gemm);
    try {
      for (Param q : p.params())
        System.arraycopy(TensorFile.floats(weights, q.name, q.size()), 0, q.value, 0, q.size());
      p.norm.load(normaliser, "policy.norm.");
    } catch (RuntimeException e) {
      throw new BadInputException("policy " + source + ": " + e.getMessage());
    }
    p.invalidate();
    return p;
  }

  /**
   * Files of a standalone copy (what a mixture bundles): manifest, the policy's weights (a
   * checkpoint's value network and other tensors are left out: acting does not use them),
   * normaliser.
   */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new BadInputException(dir, "cannot create: " + e.getMessage());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", Checkpoint.FORMAT_VERSION);
    m.put("actor", kind == Policy.Kind.GAUSSIAN ? "gaussian" : "lattice");
    m.put("obs_dim", obsDim);
    m.put("action_dim", actionDim);
    List<Integer> h = new ArrayList<>();
    for (int w : hidden) h.add(w);
    m.put("hidden", h);
    m.put("env", env);
    m.put("source", source);
    Map<String, Object> acting = new LinkedHashMap<>();
    for (Param q : policy(Gemm.serial()).params()) acting.put(q.name, weights.get(q.name));
    TensorFile.write(dir.resolve("weights.bin"), acting);
    TensorFile.write(dir.resolve("normaliser.bin"), normaliser);
    Json.write(dir.resolve("manifest.json"), m);
  }

  @Override
  public long weightsPerAction() {
    long n = 0;
    int prev = obsDim;
    for (int h : hidden) {
      n += (long) prev * h;
      prev = h;
    }
    return n + (long) prev * actionDim;
  }

  @Override
  public String describe() {
    return (kind == Policy.Kind.GAUSSIAN ? "gaussian " : "lattice ")
        + java.util.Arrays.toString(hidden);
  }

  @Override
  public Controller controller(Gemm gemm, boolean argmax, Precision precision) {
    Policy p = policy(gemm);
    Actor actor = new Actor(p, precision);
    return new Controller() {
      @Override
      public int obsDim() {
        return obsDim;
      }

      @Override
      public int actionDim() {
        return actionDim;
      }

      @Override
      public void act(float[] obs, float[] action) {
        System.arraycopy(actor.mean(obs), 0, action, 0, actionDim);
      }
    };
  }

  /**
   * The mean action of one observation with float32 weights (the policy itself) or a quantised
   * copy.
   */
  static final class Actor {
    private final Policy policy;
    private final QuantizedMlp quantized;
    private final float[] xn;

    Actor(Policy p, Precision precision) {
      policy = p;
      quantized = precision == Precision.FLOAT32 ? null : new QuantizedMlp(p.mlp, precision);
      xn = new float[p.obsDim()];
    }

    float[] mean(float[] obs) {
      if (quantized == null) return policy.mean(obs, 1);
      policy.norm.apply(obs, 0, 1, xn);
      return quantized.forward(xn, 0);
    }
  }
}
