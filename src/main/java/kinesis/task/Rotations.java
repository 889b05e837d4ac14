package kinesis.task;

/**
 * Small rotation helpers on flat arrays (quaternions w, x, y, z; matrices row-major 3×3). Pure
 * functions; nothing is allocated.
 */
public final class Rotations {
  private Rotations() {}

  /** Rotation matrix of the unit quaternion {@code q[qo..qo+3]} into {@code m[mo..mo+8]}. */
  public static void quatToMat(double[] q, int qo, double[] m, int mo) {
    double w = q[qo], x = q[qo + 1], y = q[qo + 2], z = q[qo + 3];
    double n = w * w + x * x + y * y + z * z;
    double s = n > 0 ? 2 / n : 0;
    m[mo] = 1 - s * (y * y + z * z);
    m[mo + 1] = s * (x * y - w * z);
    m[mo + 2] = s * (x * z + w * y);
    m[mo + 3] = s * (x * y + w * z);
    m[mo + 4] = 1 - s * (x * x + z * z);
    m[mo + 5] = s * (y * z - w * x);
    m[mo + 6] = s * (x * z - w * y);
    m[mo + 7] = s * (y * z + w * x);
    m[mo + 8] = 1 - s * (x * x + y * y);
  }

  /**
   * Heading of a body with rotation matrix {@code m[mo..]}: the yaw of its x axis, atan2(R₁₀, R₀₀).
   * The heading frame H is the rotation about world z by this angle.
   */
  public static double heading(double[] m, int mo) {
    return Math.atan2(m[mo + 3], m[mo]);
  }

  /**
   * The two tilt angles of a rotation matrix {@code m[mo..]}: α about world x and β about y of its
   * extrinsic x-y-z Euler angles (R = R_z(γ)·R_y(β)·R_x(α), β in [−π/2, π/2]); α = atan2(R₂₁, R₂₂),
   * β = asin(−R₂₀). Both are 0 when upright, whatever the heading γ.
   */
  public static double tiltAlpha(double[] m, int mo) {
    return Math.atan2(m[mo + 7], m[mo + 8]);
  }

  /** See {@link #tiltAlpha}. */
  public static double tiltBeta(double[] m, int mo) {
    return Math.asin(-Math.max(-1, Math.min(1, m[mo + 6])));
  }

  /**
   * The unit quaternion (w, x, y, z) of the rotation matrix {@code m[mo..]} (w ≥ 0 where it is not
   * 0).
   */
  public static double[] matToQuat(double[] m, int mo) {
    double r00 = m[mo],
        r01 = m[mo + 1],
        r02 = m[mo + 2],
        r10 = m[mo + 3],
        r11 = m[mo + 4],
        r12 = m[mo + 5];
    double r20 = m[mo + 6], r21 = m[mo + 7], r22 = m[mo + 8], tr = r00 + r11 + r22;
    double w, x, y, z;
    if (tr > 0) {
      double s = 2 * Math.sqrt(tr + 1);
      w = s / 4;
      x = (r21 - r12) / s;
      y = (r02 - r20) / s;
      z = (r10 - r01) / s;
    } else if (r00 > r11 && r00 > r22) {
      double s = 2 * Math.sqrt(1 + r00 - r11 - r22);
      w = (r21 - r12) / s;
      x = s / 4;
      y = (r01 + r10) / s;
      z = (r02 + r20) / s;
    } else if (r11 > r22) {
      double s = 2 * Math.sqrt(1 + r11 - r00 - r22);
      w = (r02 - r20) / s;
      x = (r01 + r10) / s;
      y = s / 4;
      z = (r12 + r21) / s;
    } else {
      double s = 2 * Math.sqrt(1 + r22 - r00 - r11);
      w = (r10 - r01) / s;
      x = (r02 + r20) / s;
      y = (r12 + r21) / s;
      z = s / 4;
    }
    double n = Math.sqrt(w * w + x * x + y * y + z * z), sign = w < 0 ? -1 : 1;
    return new double[] {sign * w / n, sign * x / n, sign * y / n, sign * z / n};
  }

  /**
   * Writes H⁻¹·v for the heading frame given by cos/sin of the heading (rotation by −heading about
   * z).
   */
  public static void toHeading(
      double ch, double sh, double vx, double vy, double vz, double[] out, int o) {
    out[o] = ch * vx + sh * vy;
    out[o + 1] = -sh * vx + ch * vy;
    out[o + 2] = vz;
  }
}
