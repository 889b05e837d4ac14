package kinesis.rl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.io.BadInputException;

/**
 * PPO and network settings (reference §4.2, §4.9; paper Table II). YAML keys are the snake_case
 * field names; {@link #DESCRIPTIONS} has one line per field and is written into saved configs.
 */
public record PpoConfig(
    String actor,
    List<Integer> hidden,
    List<Integer> gateHidden,
    int numEnvs,
    int samplesPerIteration,
    int epochs,
    int minibatchSize,
    int chunkSize,
    double gamma,
    double gaeLambda,
    double clipCoef,
    double policyLr,
    double valueLr,
    double policyMaxGradNorm,
    double valueMaxGradNorm,
    double adamEps,
    double logStdInit,
    double actionStdMax,
    boolean normalizeAdvantages,
    double targetKl,
    String normUpdate,
    double mirrorLoss,
    double boundLoss,
    boolean censoredActions,
    int valueWarmup,
    long seed,
    long iterations,
    int checkpointEvery) {

  /** One line per field, in declaration order (snake_case keys). */
  public static final Map<String, String> DESCRIPTIONS = descriptions();

  private static Map<String, String> descriptions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(
        "actor",
        "action distribution: lattice (full covariance through the output layer, §4.5), gaussian (diagonal), or gate (a softmax over frozen experts, §4.6)");
    d.put(
        "hidden",
        "widths of the SiLU trunk shared in shape by policy and value networks (a gate run: the value network's)");
    d.put("gate_hidden", "widths of the gating network's SiLU trunk (actor: gate only)");
    d.put("num_envs", "environments stepped together during rollouts");
    d.put(
        "samples_per_iteration",
        "transitions collected per PPO update (rounded up to a multiple of num_envs)");
    d.put(
        "epochs",
        "passes over the batch per update (each: one value step, then one policy step per minibatch)");
    d.put("minibatch_size", "samples per optimiser step; 0 = the whole batch (the reference)");
    d.put(
        "chunk_size",
        "rows per forward/backward pass; bounds memory only, gradients are summed over chunks");
    d.put("gamma", "discount factor");
    d.put("gae_lambda", "GAE lambda");
    d.put("clip_coef", "PPO ratio clipping epsilon");
    d.put("policy_lr", "Adam learning rate of the policy");
    d.put("value_lr", "Adam learning rate of the value network");
    d.put("policy_max_grad_norm", "global gradient-norm clip of the policy (0 = off)");
    d.put(
        "value_max_grad_norm",
        "global gradient-norm clip of the value network (0 = off, the reference)");
    d.put("adam_eps", "Adam epsilon");
    d.put("log_std_init", "initial log standard deviation of the action noise");
    d.put(
        "action_std_max",
        "cap on every learned noise standard deviation (σ = exp(log_std)), held after each policy step and when a run starts or resumes; lowers the noise of a running run (0 = off)");
    d.put("normalize_advantages", "normalise advantages over the batch (mean 0, unbiased std 1)");
    d.put(
        "target_kl",
        "adapt the policy lr after each update: ÷1.5 when the approximate KL exceeds 2× this, ×1.5 below ½× (0 = fixed lr)");
    d.put(
        "norm_update",
        "when the observation normaliser absorbs a batch: step (before every policy step, the reference), iteration (once, before the update) or frozen (never: it keeps the statistics the policy started with, e.g. a distilled student's)");
    d.put(
        "mirror_loss",
        "weight of the mirror-symmetry loss: mean over samples of |μ(mirrored s) − mirrored μ(s)|², added to every policy step (0 = off)");
    d.put(
        "bound_loss",
        "weight of the bounds loss: mean over samples of Σ max(0, |μ| − 1)², the mean action's squared excess over the action bounds [−1, 1], added to every policy step (0 = off)");
    d.put(
        "censored_actions",
        "score each action entry beyond the bounds [−1, 1], which the environment clips, by the probability mass beyond the bound instead of the density at the sampled value (clipped-action policy gradient, Fujita & Maeda 2018; actor gaussian only)");
    d.put(
        "value_warmup",
        "the first this many iterations of a run train the value network alone: the policy and its normaliser stay as they are (for a pretrained policy or gate with a new value network; 0 = off)");
    d.put("seed", "random seed of environments, initial weights, action noise and minibatch order");
    d.put("iterations", "PPO iterations to run; 0 = until stopped (Ctrl-C saves a checkpoint)");
    d.put("checkpoint_every", "write a checkpoint every this many iterations (and at the end)");
    return java.util.Collections.unmodifiableMap(d);
  }

  public PpoConfig {
    actor = actor == null ? "lattice" : actor.trim().toLowerCase(Locale.ROOT);
    if (!actor.equals("lattice") && !actor.equals("gaussian") && !actor.equals("gate"))
      bad("actor must be lattice, gaussian or gate, not " + actor);
    hidden = widths("hidden", hidden);
    gateHidden = widths("gate_hidden", gateHidden);
    if (numEnvs < 1) bad("num_envs must be at least 1");
    if (samplesPerIteration < 1) bad("samples_per_iteration must be positive");
    if (epochs < 1) bad("epochs must be at least 1");
    if (minibatchSize < 0) bad("minibatch_size must be 0 (full batch) or positive");
    if (chunkSize < 1) bad("chunk_size must be positive");
    if (!(gamma >= 0 && gamma <= 1)) bad("gamma must be in [0, 1]");
    if (!(gaeLambda >= 0 && gaeLambda <= 1)) bad("gae_lambda must be in [0, 1]");
    if (!(clipCoef > 0) || !Double.isFinite(clipCoef)) bad("clip_coef must be positive and finite");
    if (!(policyLr > 0)
        || !(valueLr > 0)
        || !Double.isFinite(policyLr)
        || !Double.isFinite(valueLr)) bad("learning rates must be positive and finite");
    if (!(policyMaxGradNorm >= 0)
        || !(valueMaxGradNorm >= 0)
        || !Double.isFinite(policyMaxGradNorm + valueMaxGradNorm)) {
      bad("gradient-norm clips must be 0 (off) or positive and finite");
    }
    if (!(adamEps > 0) || !Double.isFinite(adamEps)) bad("adam_eps must be positive and finite");
    if (!Double.isFinite(logStdInit)) bad("log_std_init must be finite");
    if (!(actionStdMax >= 0) || !Double.isFinite(actionStdMax))
      bad("action_std_max must be 0 (off) or positive and finite");
    if (!(targetKl >= 0) || !Double.isFinite(targetKl))
      bad("target_kl must be 0 (off) or positive and finite");
    if (!(mirrorLoss >= 0) || !Double.isFinite(mirrorLoss))
      bad("mirror_loss must be 0 (off) or positive and finite");
    if (!(boundLoss >= 0) || !Double.isFinite(boundLoss))
      bad("bound_loss must be 0 (off) or positive and finite");
    if (censoredActions && !actor.equals("gaussian"))
      bad("censored_actions needs actor: gaussian, not " + actor);
    normUpdate = normUpdate == null ? "step" : normUpdate.trim().toLowerCase(Locale.ROOT);
    if (!List.of("step", "iteration", "frozen").contains(normUpdate))
      bad("norm_update must be step, iteration or frozen, not " + normUpdate);
    if (valueWarmup < 0) bad("value_warmup must be 0 (off) or positive");
    if (iterations < 0) bad("iterations must be 0 (until stopped) or positive");
    if (checkpointEvery < 1) bad("checkpoint_every must be at least 1");
  }

  private static void bad(String msg) {
    throw new BadInputException("PPO config: " + msg);
  }

  private static List<Integer> widths(String key, List<Integer> w) {
    if (w == null || w.isEmpty()) bad(key + " needs at least one layer width");
    for (Integer h : w) if (h == null || h < 1) bad(key + " widths must be positive: " + w);
    return List.copyOf(w);
  }

  /**
   * Bytes the networks and their training state need for these observation and action sizes: policy
   * and value weights with gradients and two Adam moments, the rollout batch, and the activations
   * of one chunk. An estimate (within a small factor) to refuse impossible sizes up front.
   */
  public double bytesNeeded(int obsDim, int actDim) {
    double params = 0, widths = 0;
    int in = obsDim;
    for (int h : hidden) {
      params += (double) in * h + h;
      widths += h;
      in = h;
    }
    params += (double) in * (actDim + 1) + actDim + 1; // policy head and value head
    double batch = (double) batchSize() * (obsDim + actDim + 6);
    return 4 * (2 * params * 4 + batch + 4.0 * chunkSize * (widths + obsDim) * 2);
  }

  /** Rollout steps per environment per iteration. */
  public int stepsPerEnv() {
    return (samplesPerIteration + numEnvs - 1) / numEnvs;
  }

  /** Transitions per iteration actually collected. */
  public int batchSize() {
    return stepsPerEnv() * numEnvs;
  }

  public int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }

  public int[] gateHiddenArray() {
    return gateHidden.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The paper's networks and batch: 51,200 samples, full-batch steps, 10 epochs (reference §4.9);
   * gate [1024, 512, 256] (§4.6).
   */
  public static PpoConfig paper() {
    return new PpoConfig(
        "lattice",
        List.of(2048, 1536, 1024, 1024, 512, 512),
        List.of(1024, 512, 256),
        128,
        51_200,
        10,
        0,
        4096,
        0.99,
        0.95,
        0.2,
        5e-5,
        3e-4,
        25,
        0,
        1e-8,
        0,
        0,
        true,
        0,
        "step",
        0,
        0,
        false,
        0,
        0,
        0,
        50);
  }

  /**
   * Small networks and batches for a 2-core laptop: 4,096 samples, minibatches of 1,024, a diagonal
   * Gaussian and policy lr 3e-4. At this scale that learns faster than the paper's Lattice at 5e-5:
   * on the standing task it solved in 0.37 M samples, Lattice at 3e-4 in 0.66 M, and neither
   * Lattice nor the Gaussian at 5e-5 within 0.3 M (docs/results/stand).
   */
  public static PpoConfig laptop() {
    return new PpoConfig(
        "gaussian",
        List.of(256, 256),
        List.of(256, 128),
        16,
        4096,
        10,
        1024,
        4096,
        0.99,
        0.95,
        0.2,
        3e-4,
        3e-4,
        25,
        0,
        1e-8,
        0,
        0,
        true,
        0,
        "step",
        0,
        0,
        false,
        0,
        0,
        0,
        10);
  }

  /**
   * The laptop networks and batches with the recipe of the long clip-set run
   * (docs/results/learning): three epochs, policy lr 1e-4 adapted to an approximate KL of 0.05, the
   * normaliser updated once per iteration. On the walking clip it learns as fast per sample as
   * {@link #laptop()} at 1.3× the samples per second, and its update size stays bounded over tens
   * of millions of samples (laptop's fixed lr 3e-4 let the KL grow past 1); on short tasks such as
   * standing it needs more samples (0.49 M against 0.37 M), so fine-tuning tasks keep {@link
   * #laptop()}.
   */
  public static PpoConfig locomotion() {
    return laptop()
        .with(List.of("epochs=3", "policy_lr=1e-4", "target_kl=0.05", "norm_update=iteration"));
  }

  public static PpoConfig preset(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "paper" -> paper();
      case "laptop" -> laptop();
      case "locomotion" -> locomotion();
      default ->
          throw new BadInputException(
              "unknown preset '" + name + "' (known: paper, laptop, locomotion)");
    };
  }

  static final ObjectMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(
              com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .build();

  /** Field values keyed by snake_case name, in declaration order. */
  public Map<String, Object> toMap() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = YAML.convertValue(this, LinkedHashMap.class);
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String k : DESCRIPTIONS.keySet()) ordered.put(k, m.get(k));
    return ordered;
  }

  /**
   * Keys added after the first saved runs, with the values that reproduce those runs when absent.
   */
  private static final Map<String, Object> LATER_KEYS =
      Map.of(
          "target_kl",
          0.0,
          "norm_update",
          "step",
          "mirror_loss",
          0.0,
          "bound_loss",
          0.0,
          "censored_actions",
          false,
          "value_warmup",
          0,
          "action_std_max",
          0.0,
          "gate_hidden",
          List.of(256, 128));

  /**
   * Builds a config from a map of snake_case keys; every field must be present (except {@link
   * #LATER_KEYS}).
   */
  public static PpoConfig fromMap(Map<String, Object> m, String source) {
    m = new LinkedHashMap<>(m);
    for (var e : LATER_KEYS.entrySet()) m.putIfAbsent(e.getKey(), e.getValue());
    for (String k : m.keySet()) {
      if (!DESCRIPTIONS.containsKey(k))
        throw new BadInputException(
            source
                + ": unknown key '"
                + k
                + "' (known: "
                + String.join(", ", DESCRIPTIONS.keySet())
                + ")");
    }
    for (String k : DESCRIPTIONS.keySet()) {
      if (!m.containsKey(k)) throw new BadInputException(source + ": missing key '" + k + "'");
    }
    try {
      return YAML.convertValue(m, PpoConfig.class);
    } catch (IllegalArgumentException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BadInputException b)
          throw new BadInputException(source + ": " + b.getMessage());
      }
      throw new BadInputException(
          source + ": " + e.getMessage().lines().findFirst().orElse("invalid value"));
    }
  }

  /**
   * Applies {@code key=value} overrides; values are parsed as YAML scalars or lists ({@code
   * hidden=[64,64]} or {@code hidden=64,64}).
   */
  public PpoConfig with(List<String> overrides) {
    if (overrides.isEmpty()) return this;
    Map<String, Object> m = toMap();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) throw new BadInputException("override '" + o + "' is not key=value");
      String key = o.substring(0, eq).trim().replace('-', '_');
      String text = o.substring(eq + 1).trim();
      if (!DESCRIPTIONS.containsKey(key))
        throw new BadInputException(
            "unknown setting '"
                + key
                + "' (known: "
                + String.join(", ", DESCRIPTIONS.keySet())
                + ")");
      Object value;
      try {
        value =
            m.get(key) instanceof List<?> && !text.startsWith("[")
                ? YAML.readValue("[" + text + "]", Object.class)
                : YAML.readValue(text, Object.class);
      } catch (Exception e) {
        throw new BadInputException("override '" + o + "': cannot parse value");
      }
      m.put(key, value);
    }
    return fromMap(m, "overrides");
  }

  /** YAML text with a comment line per field, each line indented by {@code indent}. */
  public String toYaml(String indent) {
    StringBuilder sb = new StringBuilder();
    for (var e : toMap().entrySet()) {
      sb.append(indent).append("# ").append(DESCRIPTIONS.get(e.getKey())).append('\n');
      sb.append(indent).append(e.getKey()).append(": ").append(scalar(e.getValue())).append('\n');
    }
    return sb.toString();
  }

  private static String scalar(Object v) {
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object x : l) parts.add(String.valueOf(x));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }
}
