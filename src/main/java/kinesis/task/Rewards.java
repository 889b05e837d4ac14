package kinesis.task;

/**
 * Imitation reward terms (kinesis-reference.md §3.7), each a pure function in [0, 1]. Reference
 * arrays are {@code [j][3]} in the variant's tracked order; simulated positions are body origins,
 * simulated velocities COM velocities, both in the world frame.
 */
public final class Rewards {
  private Rewards() {}

  /** Position tracking: exp(−k · mean over tracked bodies and axes of (p̂ − xpos)²). */
  public static double positionTracking(BodyState s, int[] tracked, double[] refPos, double k) {
    return Math.exp(-k * meanSquaredError(s.xpos, tracked, refPos));
  }

  /** Velocity tracking: exp(−k · mean over tracked bodies and axes of (v̂ − v_COM)²). */
  public static double velocityTracking(BodyState s, int[] tracked, double[] refVel, double k) {
    return Math.exp(-k * meanSquaredError(s.linVel, tracked, refVel));
  }

  /** Upright under a {@link TiltConvention} (HEAD: as {@link #upright(BodyState, double)}). */
  public static double upright(BodyState s, double k, TiltConvention tilt) {
    if (tilt == TiltConvention.HEAD) return upright(s, k);
    double[] a = new double[2];
    tilt.uprightAngles(s.xmat, 9 * s.root, a);
    return Math.exp(-k * (a[0] * a[0] + a[1] * a[1]));
  }

  /** Upright: exp(−k · (α² + β²)) with α, β the root tilt angles (HEAD definition, §3.6.2). */
  public static double upright(BodyState s, double k) {
    int m = 9 * s.root;
    double a = Rotations.tiltAlpha(s.xmat, m), b = Rotations.tiltBeta(s.xmat, m);
    return Math.exp(-k * (a * a + b * b));
  }

  /** Energy of one substep: exp(−k · (‖u‖₁ + ‖u‖₂)) over the first {@code n} controls. */
  public static double energy(double[] u, int n, double k) {
    double l1 = 0, l2 = 0;
    for (int i = 0; i < n; i++) {
      l1 += Math.abs(u[i]);
      l2 += u[i] * u[i];
    }
    return Math.exp(-k * (l1 + Math.sqrt(l2)));
  }

  /** Weighted sum of the terms (order of {@link RewardConfig#TERMS}). */
  public static double total(RewardConfig c, double[] terms) {
    return c.wPos() * terms[0] + c.wVel() * terms[1] + c.wUp() * terms[2] + c.wEnergy() * terms[3];
  }

  /**
   * Mean over tracked bodies and axes of the squared difference between reference and simulation.
   */
  static double meanSquaredError(double[] sim, int[] tracked, double[] ref) {
    double sum = 0;
    for (int j = 0; j < tracked.length; j++) {
      for (int a = 0; a < 3; a++) {
        double e = ref[3 * j + a] - sim[3 * tracked[j] + a];
        sum += e * e;
      }
    }
    return sum / (3.0 * tracked.length);
  }

  /**
   * Mean over tracked bodies of the Euclidean distance between body origin and reference, metres
   * (MPJPE of one step).
   */
  public static double meanDistance(BodyState s, int[] tracked, double[] refPos) {
    double sum = 0;
    for (int j = 0; j < tracked.length; j++) {
      int p = 3 * tracked[j], q = 3 * j;
      double dx = refPos[q] - s.xpos[p],
          dy = refPos[q + 1] - s.xpos[p + 1],
          dz = refPos[q + 2] - s.xpos[p + 2];
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return sum / tracked.length;
  }

  /** Largest distance (m) between a tracked body origin and its reference. */
  public static double maxDistance(BodyState s, int[] tracked, double[] refPos) {
    double max = 0;
    for (int j = 0; j < tracked.length; j++) {
      int p = 3 * tracked[j], q = 3 * j;
      double dx = refPos[q] - s.xpos[p],
          dy = refPos[q + 1] - s.xpos[p + 1],
          dz = refPos[q + 2] - s.xpos[p + 2];
      max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
    }
    return max;
  }

  /**
   * Termination test: with {@code useMean} false, true when any tracked body origin is more than
   * {@code distance} metres from its reference (training); with true, when their mean distance is
   * (evaluation protocol).
   */
  public static boolean tooFar(
      BodyState s, int[] tracked, double[] refPos, double distance, boolean useMean) {
    return (useMean ? meanDistance(s, tracked, refPos) : maxDistance(s, tracked, refPos))
        > distance;
  }
}
