package kinesis.task;

/**
 * Small rotation helpers on flat arrays (quaternions w, x, y, z; matrices row-major 3×3).
 * Pure functions; nothing is allocated.
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
   * Heading of a body with rotation matrix {@code m[mo..]}: the yaw of its x axis,
   * atan2(R₁₀, R₀₀). The heading frame H is the rotation about world z by this angle.
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

  /** Writes H⁻¹·v for the heading frame given by cos/sin of the heading (rotation by −heading about z). */
  public static void toHeading(double ch, double sh, double vx, double vy, double vz, double[] out, int o) {
    out[o] = ch * vx + sh * vy;
    out[o + 1] = -sh * vx + ch * vy;
    out[o + 2] = vz;
  }
}
