package kinesis.task;

/**
 * Training-only aids, each a pure function of the samples trained so far (so a resumed run follows
 * the same schedule). Evaluation configurations never carry them ({@link #NONE}).
 *
 * <p><b>Assistive force</b> ("training wheels"): a critically damped PD pull of the root toward its
 * reference position and orientation, applied as an external force and torque on the root body at
 * every physics substep. Its strength starts at {@code assist} (1 = a pull of natural frequency
 * {@code assistHz} on the whole body mass) and falls linearly to zero over {@code assistAnneal}
 * samples.
 *
 * <p><b>Termination curriculum</b>: the training termination starts as "mean distance over tracked
 * bodies above {@code terminationStart} m" and moves linearly, over {@code terminationAnneal}
 * samples, to the configured "any tracked body above {@code termination_distance} m".
 *
 * <p><b>Clip priority</b>: random starts pick clip i with probability (1 − λ)/C + λ·h_i/Σh, where
 * h_i is the clip's recent termination hazard in training (terminations per control step, an
 * average over the last iterations kept by {@link ClipPriority}); λ = {@code clipPriority}, 0 =
 * uniform.
 *
 * <p><b>Pushes</b>: random horizontal shoves of the root body, each lasting {@link Pushes#WINDOW}
 * control steps and changing the body's velocity by up to {@code push} m/s, on average one every
 * {@code pushEvery} seconds ({@link Pushes}).
 *
 * @param assist initial strength of the assistive force (0 = off)
 * @param assistHz natural frequency of the assistive pull at strength 1, Hz
 * @param assistAnneal samples over which the strength falls to 0 (0 = constant)
 * @param terminationStart initial mean-distance threshold, metres (0 = no curriculum)
 * @param terminationAnneal samples over which the termination reaches its final form
 * @param clipPriority share λ of the clip draw that follows the clips' termination hazards (0–1)
 * @param push largest velocity change of a push, m/s (0 = no pushes)
 * @param pushEvery mean time between pushes, seconds
 */
public record Curriculum(
    double assist,
    double assistHz,
    double assistAnneal,
    double terminationStart,
    double terminationAnneal,
    double clipPriority,
    double push,
    double pushEvery) {

  public static final Curriculum NONE = new Curriculum(0, 2, 0, 0, 0, 0, 0, 2);

  /** Setting names in the order of the record's components. */
  public static final java.util.List<String> KEYS =
      java.util.List.of(
          "assist",
          "assist_hz",
          "assist_anneal",
          "termination_start",
          "termination_anneal",
          "clip_priority",
          "push",
          "push_every");

  public Curriculum {
    if (!(assist >= 0)
        || !(assistHz > 0)
        || !(assistAnneal >= 0)
        || !(terminationStart >= 0)
        || !(terminationAnneal >= 0)
        || !(clipPriority >= 0 && clipPriority <= 1)
        || !(push >= 0)
        || !(pushEvery > 0)) {
      throw new IllegalArgumentException(
          "curriculum settings must be non-negative (assist_hz and push_every positive,"
              + " clip_priority at most 1)");
    }
  }

  /** This curriculum with the setting {@code key} (one of {@link #KEYS}) set to {@code v}. */
  public Curriculum with(String key, double v) {
    double[] a = values();
    int i = KEYS.indexOf(key);
    if (i < 0) throw new IllegalArgumentException("not a curriculum setting: " + key);
    a[i] = v;
    return new Curriculum(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
  }

  /** The settings in {@link #KEYS} order. */
  public double[] values() {
    return new double[] {
      assist,
      assistHz,
      assistAnneal,
      terminationStart,
      terminationAnneal,
      clipPriority,
      push,
      pushEvery
    };
  }

  /** Strength of the assistive force after {@code samples} training samples. */
  public double assistScale(long samples) {
    if (assist == 0) return 0;
    if (assistAnneal == 0) return assist;
    return assist * Math.max(0, 1 - samples / assistAnneal);
  }

  /** How far the termination has moved from its start (0) to its final form (1). */
  public double terminationProgress(long samples) {
    if (terminationStart == 0) return 1;
    if (terminationAnneal == 0) return 0;
    return Math.min(1, samples / terminationAnneal);
  }

  /**
   * The curriculum's termination test: the blended distance (1 − p)·mean + p·max against the
   * blended threshold (1 − p)·start + p·end, where p is {@link #terminationProgress}.
   */
  public static boolean terminates(double mean, double max, double p, double start, double end) {
    return (1 - p) * mean + p * max > (1 - p) * start + p * end;
  }
}
