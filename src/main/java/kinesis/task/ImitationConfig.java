package kinesis.task;

import kinesis.io.BadInputException;

/**
 * Settings of the imitation environment (kinesis-reference.md §3).
 *
 * @param control how actions become excitations (KINESIS ships PD)
 * @param reward reward sharpness and weights
 * @param terminationDistance metres between a tracked body and its reference that end an episode
 * @param meanTermination compare the mean distance over tracked bodies (evaluation) instead of the
 *     largest (training)
 * @param randomStart training: random clip and random start frame; otherwise (evaluation)
 *     environment i plays clips i, i + N, i + 2N, … from frame 0
 * @param curriculum training-only aids (assistive force, termination curriculum, clip priority);
 *     {@link Curriculum#NONE} in evaluation
 * @param conventions how the reference code's observation is reproduced ({@link
 *     Conventions#DEFAULT}: this tool's)
 */
public record ImitationConfig(
    ControlMode control,
    RewardConfig reward,
    double terminationDistance,
    boolean meanTermination,
    boolean randomStart,
    Curriculum curriculum,
    Conventions conventions) {

  /**
   * Conventions of the reference code that a policy trained by it may need (imported checkpoints):
   * {@code tilt} for root_tilt and the upright reward, {@code referenceLookup} for the reference
   * frame: the frame the reference code's float32 clip length and truncation pick (often the
   * previous one, §1.4) instead of the exact time interpolated. {@code preview} (ours, empty in the
   * reference) adds to the observation the tracked bodies of the reference that many control steps
   * further ahead, one block per entry.
   */
  public record Conventions(
      TiltConvention tilt, boolean referenceLookup, java.util.List<Integer> preview) {
    public static final Conventions DEFAULT = new Conventions(TiltConvention.HEAD, false);

    /** The most preview blocks, and the furthest one (10 s at 30 Hz). */
    static final int MAX_PREVIEWS = 8, MAX_PREVIEW_STEPS = 300;

    public Conventions {
      preview = java.util.List.copyOf(preview);
    }

    public Conventions(TiltConvention tilt, boolean referenceLookup) {
      this(tilt, referenceLookup, java.util.List.of());
    }
  }

  /** The settings that fix how a policy reads its observation: a mixture's experts share them. */
  public static final java.util.List<String> CONVENTION_KEYS =
      java.util.List.of("root_tilt", "frame_lookup", "ref_preview");

  public ImitationConfig {
    if (!(terminationDistance > 0))
      throw new IllegalArgumentException("termination distance must be positive");
    if (curriculum == null) curriculum = Curriculum.NONE;
    if (conventions == null) conventions = Conventions.DEFAULT;
  }

  public ImitationConfig(
      ControlMode control,
      RewardConfig reward,
      double terminationDistance,
      boolean meanTermination,
      boolean randomStart,
      Curriculum curriculum) {
    this(
        control,
        reward,
        terminationDistance,
        meanTermination,
        randomStart,
        curriculum,
        Conventions.DEFAULT);
  }

  public ImitationConfig(
      ControlMode control,
      RewardConfig reward,
      double terminationDistance,
      boolean meanTermination,
      boolean randomStart) {
    this(control, reward, terminationDistance, meanTermination, randomStart, Curriculum.NONE);
  }

  /** Training settings of KINESIS: any body farther than 0.15 m terminates; random starts. */
  public static ImitationConfig training(ControlMode control) {
    return new ImitationConfig(control, RewardConfig.kinesis(), 0.15, false, true);
  }

  /** Evaluation protocol: mean distance above 0.5 m terminates; every clip from frame 0. */
  public static ImitationConfig evaluation(ControlMode control) {
    return new ImitationConfig(control, RewardConfig.kinesis(), 0.5, true, false);
  }

  public ImitationConfig withControl(ControlMode c) {
    return new ImitationConfig(
        c, reward, terminationDistance, meanTermination, randomStart, curriculum, conventions);
  }

  public ImitationConfig withCurriculum(Curriculum c) {
    return new ImitationConfig(
        control, reward, terminationDistance, meanTermination, randomStart, c, conventions);
  }

  /** Keys accepted by {@link #with(String, String)}: own, curriculum, reward, conventions. */
  public static final java.util.List<String> KEYS =
      java.util.stream.Stream.of(
              java.util.List.of(
                  "control", "termination_distance", "mean_termination", "random_start"),
              Curriculum.KEYS,
              RewardConfig.KEYS,
              CONVENTION_KEYS)
          .flatMap(java.util.List::stream)
          .toList();

  /**
   * This configuration with one {@code key=value} override (keys in {@link #KEYS}, e.g. {@code
   * k_pos=100}, {@code control=direct}); an unknown key or a bad value is bad input.
   */
  public ImitationConfig with(String key, String value) {
    RewardConfig r = reward;
    Curriculum k = curriculum;
    try {
      if (Curriculum.KEYS.contains(key)) return withCurriculum(k.with(key, number(key, value)));
      if (RewardConfig.KEYS.contains(key)) return withReward(r.with(key, number(key, value)));
      return switch (key) {
        case "control" -> withControl(ControlMode.parse(value));
        case "termination_distance" ->
            new ImitationConfig(
                control, r, number(key, value), meanTermination, randomStart, k, conventions);
        case "mean_termination" ->
            new ImitationConfig(
                control, r, terminationDistance, bool(key, value), randomStart, k, conventions);
        case "random_start" ->
            new ImitationConfig(
                control, r, terminationDistance, meanTermination, bool(key, value), k, conventions);
        case "root_tilt" ->
            new ImitationConfig(
                control,
                r,
                terminationDistance,
                meanTermination,
                randomStart,
                k,
                new Conventions(
                    TiltConvention.parse(value),
                    conventions.referenceLookup(),
                    conventions.preview()));
        case "frame_lookup" ->
            new ImitationConfig(
                control,
                r,
                terminationDistance,
                meanTermination,
                randomStart,
                k,
                new Conventions(conventions.tilt(), lookup(value), conventions.preview()));
        case "ref_preview" ->
            new ImitationConfig(
                control,
                r,
                terminationDistance,
                meanTermination,
                randomStart,
                k,
                new Conventions(conventions.tilt(), conventions.referenceLookup(), preview(value)));
        default ->
            throw new BadInputException(
                "unknown environment setting '" + key + "'; known: " + String.join(", ", KEYS));
      };
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "environment setting " + key + "=" + value + ": " + e.getMessage());
    }
  }

  /**
   * Every setting of {@link #KEYS} with its resolved value (what a run saves, so later default
   * changes cannot alter it).
   */
  public java.util.Map<String, String> toMap() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("control", control.label());
    m.put("termination_distance", String.valueOf(terminationDistance));
    m.put("mean_termination", String.valueOf(meanTermination));
    m.put("random_start", String.valueOf(randomStart));
    putAll(m, Curriculum.KEYS, curriculum.values());
    putAll(m, RewardConfig.KEYS, reward.values());
    m.put("root_tilt", conventions.tilt().label());
    m.put("frame_lookup", conventions.referenceLookup() ? "reference" : "exact");
    m.put(
        "ref_preview",
        conventions.preview().isEmpty()
            ? "none"
            : String.join(",", conventions.preview().stream().map(String::valueOf).toList()));
    return m;
  }

  private static void putAll(
      java.util.Map<String, String> m, java.util.List<String> keys, double[] v) {
    for (int i = 0; i < v.length; i++) m.put(keys.get(i), String.valueOf(v[i]));
  }

  /** The configuration whose {@link #toMap} is {@code m} (missing keys keep this one's values). */
  public ImitationConfig withAll(java.util.Map<String, String> m) {
    ImitationConfig c = this;
    for (String k : KEYS) if (m.containsKey(k)) c = c.with(k, m.get(k));
    return c;
  }

  public ImitationConfig withReward(RewardConfig r) {
    return new ImitationConfig(
        control, r, terminationDistance, meanTermination, randomStart, curriculum, conventions);
  }

  private static double number(String key, String value) {
    try {
      double v = Double.parseDouble(value.trim());
      if (!Double.isFinite(v) || v < 0)
        throw new BadInputException(
            key + " must be a finite non-negative number, not '" + value + "'");
      return v;
    } catch (NumberFormatException e) {
      throw new BadInputException(key + " must be a number, not '" + value + "'");
    }
  }

  private static boolean lookup(String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "exact" -> false;
      case "reference" -> true;
      default ->
          throw new BadInputException(
              "frame_lookup must be exact or reference, not '" + value + "'");
    };
  }

  /** {@code none}, or control steps ahead as increasing positive integers: {@code 10,20,30}. */
  private static java.util.List<Integer> preview(String value) {
    String v = value.trim();
    if (v.isEmpty() || v.equalsIgnoreCase("none")) return java.util.List.of();
    java.util.List<Integer> steps = new java.util.ArrayList<>();
    for (String part : v.split(",", -1)) {
      int k;
      try {
        k = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new BadInputException(
            "ref_preview must be none or control steps ahead such as 10,20,30, not '"
                + value
                + "'");
      }
      if (k < 1 || k > Conventions.MAX_PREVIEW_STEPS || (!steps.isEmpty() && k <= steps.getLast()))
        throw new BadInputException(
            "ref_preview steps must increase and lie in 1.."
                + Conventions.MAX_PREVIEW_STEPS
                + ", not '"
                + value
                + "'");
      steps.add(k);
    }
    if (steps.size() > Conventions.MAX_PREVIEWS)
      throw new BadInputException(
          "ref_preview takes at most " + Conventions.MAX_PREVIEWS + " steps, not " + steps.size());
    return steps;
  }

  private static boolean bool(String key, String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadInputException(key + " must be true or false, not '" + value + "'");
    };
  }
}
