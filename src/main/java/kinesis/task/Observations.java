package kinesis.task;

/**
 * The imitation observation (kinesis-reference.md §3.6), one pure function per block. Each reads a
 * {@link BodyState} (plus the reference frame for the task blocks) and writes its numbers into
 * {@code out} from {@code o}, returning the offset after it. "Heading frame" means rotated by minus
 * the root's heading about world z (roll and pitch kept). Bodies are all robot bodies in MuJoCo id
 * order (ids {@code [first, end)} of the {@link BodyState}, whatever else the scene holds); tracked
 * bodies and reference arrays ({@code [j][3]}) follow the variant's tracked order.
 */
public final class Observations {
  private Observations() {}

  /** Writes the whole observation in {@link ObsLayout#imitation} order; returns its length. */
  public static int imitation(
      BodyState s, int[] tracked, double[] refPos, double[] refVel, double[] out) {
    return imitation(s, tracked, refPos, refVel, TiltConvention.HEAD, out);
  }

  /**
   * {@link #imitation(BodyState, int[], double[], double[], double[])} with root_tilt read under
   * {@code tilt}.
   */
  public static int imitation(
      BodyState s,
      int[] tracked,
      double[] refPos,
      double[] refVel,
      TiltConvention tilt,
      double[] out) {
    int o = rootHeight(s, out, 0);
    o = tilt == TiltConvention.HEAD ? rootTilt(s, out, o) : rootTilt(s, tilt, out, o);
    o = localBodyPos(s, out, o);
    o = localBodyRot(s, out, o);
    o = localBodyVel(s, out, o);
    o = localBodyAngVel(s, out, o);
    o = feetContacts(s, out, o);
    o = diffLocalBodyPos(s, tracked, refPos, out, o);
    o = diffLocalVel(s, tracked, refVel, out, o);
    return localRefBodyPos(s, refPos, out, o);
  }

  /** root_height (1): world z of the root body origin, metres. */
  public static int rootHeight(BodyState s, double[] out, int o) {
    out[o] = s.xpos[3 * s.root + 2];
    return o + 1;
  }

  /**
   * root_tilt (4): (cos α, sin α, cos β, sin β) where α, β are the first two extrinsic x-y-z Euler
   * angles of the root rotation (HEAD definition, §3.6.2); (1, 0, 1, 0) when upright, any heading.
   */
  public static int rootTilt(BodyState s, double[] out, int o) {
    int m = 9 * s.root;
    double alpha = Rotations.tiltAlpha(s.xmat, m), beta = Rotations.tiltBeta(s.xmat, m);
    out[o] = Math.cos(alpha);
    out[o + 1] = Math.sin(alpha);
    out[o + 2] = Math.cos(beta);
    out[o + 3] = Math.sin(beta);
    return o + 4;
  }

  /** root_tilt (4) under another {@link TiltConvention}: (cos, sin) of each of its two angles. */
  public static int rootTilt(BodyState s, TiltConvention tilt, double[] out, int o) {
    double[] a = new double[2];
    tilt.angles(s.xmat, 9 * s.root, a);
    out[o] = Math.cos(a[0]);
    out[o + 1] = Math.sin(a[0]);
    out[o + 2] = Math.cos(a[1]);
    out[o + 3] = Math.sin(a[1]);
    return o + 4;
  }

  /**
   * local_body_pos (3N − 3): H⁻¹·(xpos_b − xpos_root) for every body except the root, heading
   * frame.
   */
  public static int localBodyPos(BodyState s, double[] out, int o) {
    int r = 3 * s.root;
    for (int b = s.first; b < s.end; b++) {
      if (b == s.root) continue;
      int p = 3 * b;
      Rotations.toHeading(
          s.headingCos,
          s.headingSin,
          s.xpos[p] - s.xpos[r],
          s.xpos[p + 1] - s.xpos[r + 1],
          s.xpos[p + 2] - s.xpos[r + 2],
          out,
          o);
      o += 3;
    }
    return o;
  }

  /**
   * local_body_rot (6N): per body, the body's x axis then its z axis (columns 0 and 2 of its world
   * rotation) in the heading frame — the "tangent / normal" form of H⁻¹ ⊗ q_b.
   */
  public static int localBodyRot(BodyState s, double[] out, int o) {
    for (int b = s.first; b < s.end; b++) {
      int m = 9 * b;
      Rotations.toHeading(
          s.headingCos, s.headingSin, s.xmat[m], s.xmat[m + 3], s.xmat[m + 6], out, o);
      Rotations.toHeading(
          s.headingCos, s.headingSin, s.xmat[m + 2], s.xmat[m + 5], s.xmat[m + 8], out, o + 3);
      o += 6;
    }
    return o;
  }

  /** local_body_vel (3N): per body, its COM linear velocity in the heading frame, m/s. */
  public static int localBodyVel(BodyState s, double[] out, int o) {
    return perBody(s, s.linVel, out, o);
  }

  /** local_body_ang_vel (3N): per body, its angular velocity in the heading frame, rad/s. */
  public static int localBodyAngVel(BodyState s, double[] out, int o) {
    return perBody(s, s.angVel, out, o);
  }

  /** feet_contacts (4): raw touch sensor values r_foot, r_toes, l_foot, l_toes, newtons. */
  public static int feetContacts(BodyState s, double[] out, int o) {
    System.arraycopy(s.touch, 0, out, o, 4);
    return o + 4;
  }

  /** diff_local_body_pos (3J): per tracked body, H⁻¹·(p̂_j − xpos_j), metres. */
  public static int diffLocalBodyPos(
      BodyState s, int[] tracked, double[] refPos, double[] out, int o) {
    return diffTracked(s, tracked, refPos, s.xpos, out, o);
  }

  /** diff_local_vel (3J): per tracked body, H⁻¹·(v̂_j − v_j) with v_j its COM velocity, m/s. */
  public static int diffLocalVel(BodyState s, int[] tracked, double[] refVel, double[] out, int o) {
    return diffTracked(s, tracked, refVel, s.linVel, out, o);
  }

  /** local_ref_body_pos (3J): per tracked body, H⁻¹·(p̂_j − xpos_root), metres. */
  public static int localRefBodyPos(BodyState s, double[] refPos, double[] out, int o) {
    int r = 3 * s.root;
    for (int j = 0; j < refPos.length / 3; j++) {
      int q = 3 * j;
      Rotations.toHeading(
          s.headingCos,
          s.headingSin,
          refPos[q] - s.xpos[r],
          refPos[q + 1] - s.xpos[r + 1],
          refPos[q + 2] - s.xpos[r + 2],
          out,
          o);
      o += 3;
    }
    return o;
  }

  private static int perBody(BodyState s, double[] v, double[] out, int o) {
    for (int b = s.first; b < s.end; b++) {
      int p = 3 * b;
      Rotations.toHeading(s.headingCos, s.headingSin, v[p], v[p + 1], v[p + 2], out, o);
      o += 3;
    }
    return o;
  }

  private static int diffTracked(
      BodyState s, int[] tracked, double[] ref, double[] sim, double[] out, int o) {
    for (int j = 0; j < tracked.length; j++) {
      int q = 3 * j, p = 3 * tracked[j];
      Rotations.toHeading(
          s.headingCos,
          s.headingSin,
          ref[q] - sim[p],
          ref[q + 1] - sim[p + 1],
          ref[q + 2] - sim[p + 2],
          out,
          o);
      o += 3;
    }
    return o;
  }
}
