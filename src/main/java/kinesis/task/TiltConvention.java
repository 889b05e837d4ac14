package kinesis.task;

import java.util.Locale;
import kinesis.io.BadInputException;

/**
 * How root_tilt and the upright reward read the root's tilt (kinesis-reference.md §3.6.2, §3.7).
 * {@link #HEAD}: the reference code since June 2025 and this tool's default, the first two
 * extrinsic x-y-z Euler angles. {@link #ORIGINAL}: the code of the published checkpoints, which
 * read the (w, x, y, z) root quaternion as if it were (x, y, z, w), took Euler angles 1 and 2 of
 * that rotation, and applied the trigonometric functions twice in the upright reward. Only policies
 * trained under it (imported KINESIS checkpoints) need it.
 */
public enum TiltConvention {
  HEAD,
  ORIGINAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TiltConvention parse(String s) {
    for (TiltConvention t : values())
      if (t.label().equals(s.trim().toLowerCase(Locale.ROOT))) return t;
    throw new BadInputException("root_tilt must be head or original, not '" + s + "'");
  }

  /** The two angles whose cos and sin form root_tilt, for the rotation matrix {@code m[mo..]}. */
  public void angles(double[] m, int mo, double[] out) {
    if (this == HEAD) {
      out[0] = Rotations.tiltAlpha(m, mo);
      out[1] = Rotations.tiltBeta(m, mo);
      return;
    }
    // the quaternion of m, read in the wrong order: (w, x, y, z) taken as (x, y, z, w)
    double[] q = Rotations.matToQuat(m, mo);
    double[] misread = {q[3], q[0], q[1], q[2]};
    double[] r = new double[9];
    Rotations.quatToMat(misread, 0, r, 0);
    out[0] = Rotations.tiltBeta(r, 0);
    out[1] = Math.atan2(r[3], r[0]);
  }

  /**
   * The angles the upright reward squares: as root_tilt, and under ORIGINAL with the trigonometry
   * applied twice.
   */
  public void uprightAngles(double[] m, int mo, double[] out) {
    angles(m, mo, out);
    if (this == ORIGINAL) {
      for (int i = 0; i < 2; i++)
        out[i] = Math.atan2(Math.sin(Math.sin(out[i])), Math.cos(Math.cos(out[i])));
    }
  }
}
