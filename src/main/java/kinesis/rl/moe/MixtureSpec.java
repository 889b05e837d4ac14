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
import kinesis.nn.Precision;
import kinesis.nn.QuantizedMlp;
import kinesis.nn.Rng;
import kinesis.nn.TensorFile;

/**
 * A mixture of frozen experts and a gate (reference §4.6), stored as a self-contained directory:
 * {@code moe.json} (format, gate widths, dimensions, environment), {@code gate.bin} (gate weights
 * and normaliser) and {@code experts/K/} (each expert's manifest, weights and normaliser). Acting:
 * k ~ w(s) (or arg-max), action = μ_k(s); only the chosen expert is evaluated. With a switch margin
 * M (ours, {@link #SWITCH_MARGIN} in the environment), the acting mixture keeps its current expert
 * unless the chosen one's weight exceeds the current one's by more than M.
 */
public record MixtureSpec(
    int[] gateHidden,
    Map<String, Object> gateWeights,
    List<ExpertSpec> experts,
    Map<String, String> env,
    String source)
    implements PolicySpec {
  public static final String FORMAT = "kinesis-moe", FILE = "moe.json";
  public static final int VERSION = 1;

  /** The environment key of the switch margin (absent: 0, the gate's choice at every step). */
  public static final String SWITCH_MARGIN = "gate_switch_margin";

  public MixtureSpec {
    if (experts.isEmpty()) throw new BadInputException("a mixture needs at least one expert");
    ExpertSpec e0 = experts.get(0);
    for (ExpertSpec e : experts) {
      if (e.obsDim() != e0.obsDim() || e.actionDim() != e0.actionDim()) {
        throw new BadInputException(
            "experts differ in observation or action size: " + e.source() + " vs " + e0.source());
      }
    }
    experts = List.copyOf(experts);
    switchMargin(env);
  }

  /** The switch margin of {@code env}: a number in [0, 1), 0 when absent. */
  public static double switchMargin(Map<String, String> env) {
    String v = env.get(SWITCH_MARGIN);
    if (v == null) return 0;
    double m;
    try {
      m = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new BadInputException(SWITCH_MARGIN + " must be a number, not '" + v + "'");
    }
    if (!(m >= 0 && m < 1))
      throw new BadInputException(SWITCH_MARGIN + " must be in [0, 1), not " + v);
    return m;
  }

  public double switchMargin() {
    return switchMargin(env);
  }

  /** This mixture acting with switch margin {@code m} (its gate and experts unchanged). */
  public MixtureSpec withSwitchMargin(double m) {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put(SWITCH_MARGIN, String.valueOf(m));
    return new MixtureSpec(gateHidden, gateWeights, experts, e, source);
  }

  /**
   * A random gate over the given experts, its normaliser copied from expert 0 (as the reference
   * does).
   */
  public static MixtureSpec fresh(int[] gateHidden, List<ExpertSpec> experts, long seed) {
    return new GateActor(gateHidden, experts, new Rng(seed), Gemm.serial())
        .spec(experts.get(0).env(), "new");
  }

  public static boolean isMixture(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  /**
   * Numbered mixture directories under {@code checkpoints} ({@code NNNN/moe.json}), oldest first.
   */
  public static List<Path> list(Path checkpoints) {
    if (!Files.isDirectory(checkpoints)) return List.of();
    try (java.util.stream.Stream<Path> s = Files.list(checkpoints)) {
      List<Path> l =
          new ArrayList<>(
              s.filter(p -> p.getFileName().toString().matches("\\d{4,}"))
                  .filter(MixtureSpec::isMixture)
                  .toList());
      l.sort(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
      return l;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static MixtureSpec read(Path dir) {
    Path mf = dir.resolve(FILE);
    Map<String, Object> m = Json.read(mf, LinkedHashMap.class);
    if (!FORMAT.equals(m.get("format"))
        || !(m.get("version") instanceof Number v)
        || v.intValue() != VERSION) {
      throw new BadInputException(mf, "not a " + FORMAT + " version " + VERSION + " file");
    }
    if (!(m.get("experts") instanceof Number n)
        || n.intValue() < 1
        || !(m.get("gate_hidden") instanceof List<?> h)
        || h.isEmpty()) {
      throw new BadInputException(mf, "needs experts (a count) and gate_hidden");
    }
    int[] hidden = new int[h.size()];
    for (int i = 0; i < hidden.length; i++) {
      if (!(h.get(i) instanceof Number w) || w.intValue() < 1)
        throw new BadInputException(mf, "gate_hidden must list positive widths");
      hidden[i] = w.intValue();
    }
    List<ExpertSpec> experts = new ArrayList<>();
    for (int k = 0; k < n.intValue(); k++)
      experts.add(ExpertSpec.read(dir.resolve("experts").resolve(Integer.toString(k))));
    Map<String, String> env = new LinkedHashMap<>();
    if (m.get("env") instanceof Map<?, ?> e)
      e.forEach((a, b) -> env.put(String.valueOf(a), String.valueOf(b)));
    MixtureSpec spec =
        new MixtureSpec(
            hidden, TensorFile.read(dir.resolve("gate.bin")), experts, env, dir.toString());
    spec.gate(Gemm.serial()); // validates the gate's shapes now
    return spec;
  }

  /** Writes the directory's files (gate, experts, then moe.json last). */
  public void write(Path dir) {
    for (int k = 0; k < experts.size(); k++)
      experts.get(k).write(dir.resolve("experts").resolve(Integer.toString(k)));
    TensorFile.write(dir.resolve("gate.bin"), gateWeights);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("version", VERSION);
    m.put("experts", experts.size());
    List<Integer> h = new ArrayList<>();
    for (int w : gateHidden) h.add(w);
    m.put("gate_hidden", h);
    m.put("obs_dim", obsDim());
    m.put("action_dim", actionDim());
    m.put("env", env);
    List<String> sources = new ArrayList<>();
    for (ExpertSpec e : experts) sources.add(e.source());
    m.put("expert_sources", sources);
    Json.write(dir.resolve(FILE), m);
  }

  /** A new gate with these weights. */
  public Gate gate(Gemm gemm) {
    Gate g = new Gate(obsDim(), gateHidden, experts.size(), new Rng(0), gemm);
    try {
      g.load(gateWeights);
    } catch (RuntimeException e) {
      throw new BadInputException("gate of " + source + ": " + e.getMessage());
    }
    return g;
  }

  @Override
  public int obsDim() {
    return experts.get(0).obsDim();
  }

  @Override
  public int actionDim() {
    return experts.get(0).actionDim();
  }

  @Override
  public long weightsPerAction() {
    long n = 0;
    int prev = obsDim();
    for (int h : gateHidden) {
      n += (long) prev * h;
      prev = h;
    }
    return n + (long) prev * experts.size() + experts.get(0).weightsPerAction();
  }

  @Override
  public String describe() {
    return "MoE of "
        + experts.size()
        + " experts ("
        + experts.get(0).describe()
        + "), gate "
        + java.util.Arrays.toString(gateHidden)
        + (switchMargin() > 0 ? ", switch margin " + switchMargin() : "");
  }

  @Override
  public Controller controller(Gemm gemm, boolean argmax, Precision precision) {
    Gate gate = gate(gemm);
    QuantizedMlp quantizedGate =
        precision == Precision.FLOAT32 ? null : new QuantizedMlp(gate.mlp, precision);
    ExpertSpec.Actor[] policies = new ExpertSpec.Actor[experts.size()];
    for (int k = 0; k < policies.length; k++)
      policies[k] = new ExpertSpec.Actor(experts.get(k).policy(gemm), precision);
    int na = actionDim(), k = policies.length;
    float[] xn = new float[obsDim()], probs = new float[k];
    return new Controller() {
      private final Rng rng = new Rng(0);
      private final double margin = switchMargin();
      private int last = -1; // the current expert; none before an episode's first step

      @Override
      public int obsDim() {
        return MixtureSpec.this.obsDim();
      }

      @Override
      public int actionDim() {
        return na;
      }

      @Override
      public void act(float[] obs, float[] action) {
        float[] w;
        if (quantizedGate == null) {
          w = gate.probabilities(obs, 0, 1);
        } else {
          gate.norm.apply(obs, 0, 1, xn);
          Gate.softmax(quantizedGate.forward(xn, 0), k, probs);
          w = probs;
        }
        int pick = Gate.choose(w, 0, k, rng, argmax);
        if (last < 0 || margin == 0 || w[pick] > w[last] + margin) last = pick;
        System.arraycopy(policies[last].mean(obs), 0, action, 0, na);
      }

      @Override
      public void reseed(long seed) {
        rng.setState(new Rng(seed).state());
        last = -1;
      }

      @Override
      public int lastExpert() {
        return Math.max(0, last);
      }

      @Override
      public boolean stochastic() {
        return !argmax && k > 1;
      }
    };
  }
}
