package kinesis.motion;

/**
 * Rotation math on plain arrays. Quaternions are (w, x, y, z) unit quaternions as in MuJoCo;
 * matrices are row-major 3×3 ({@code m[3*r + c]}); vectors are {@code double[3]}. A quaternion q
 * rotates v as q·v·q⁻¹, so {@code mul(a, b)} applies b first, then a.
 */
public final class Rot {
  private Rot() {}

  /** The identity rotation as a new quaternion (w, x, y, z). */
  public static double[] identity() {
    return new double[] {1, 0, 0, 0};
  }

  public static double[] quat(double w, double x, double y, double z) {
    return normalize(new double[] {w, x, y, z});
  }

  /** Hamilton product a·b. */
  public static double[] mul(double[] a, double[] b) {
    return new double[] {
      a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
      a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
      a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
      a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0]
    };
  }

  public static double[] conj(double[] q) {
    return new double[] {q[0], -q[1], -q[2], -q[3]};
  }

  public static double[] normalize(double[] q) {
    double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    if (!(n > 1e-12)) throw new IllegalArgumentException("zero or invalid quaternion");
    return new double[] {q[0] / n, q[1] / n, q[2] / n, q[3] / n};
  }

  /** The quaternion with w ≥ 0 (same rotation). */
  public static double[] canonical(double[] q) {
    return q[0] < 0 ? new double[] {-q[0], -q[1], -q[2], -q[3]} : q.clone();
  }

  /** Rotation of {@code angle} radians about {@code axis} (need not be unit). */
  public static double[] axisAngle(double[] axis, double angle) {
    double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    if (n < 1e-300) return identity();
    double s = Math.sin(angle / 2) / n;
    return new double[] {Math.cos(angle / 2), axis[0] * s, axis[1] * s, axis[2] * s};
  }

  /** Rotation from a rotation vector (axis × angle), as in SMPL axis-angle poses. */
  public static double[] fromRotVec(double x, double y, double z) {
    double angle = Math.sqrt(x * x + y * y + z * z);
    if (angle < 1e-12) return normalize(new double[] {1, x / 2, y / 2, z / 2});
    return axisAngle(new double[] {x, y, z}, angle);
  }

  /** Rotation vector (axis × angle, angle in [0, π]) of a quaternion. */
  public static double[] toRotVec(double[] q) {
    double[] c = canonical(q);
    double s = Math.sqrt(c[1] * c[1] + c[2] * c[2] + c[3] * c[3]);
    if (s < 1e-12) return new double[] {2 * c[1], 2 * c[2], 2 * c[3]};
    double angle = 2 * Math.atan2(s, c[0]);
    return new double[] {c[1] / s * angle, c[2] / s * angle, c[3] / s * angle};
  }

  public static double[] rotX(double a) {
    return axisAngle(new double[] {1, 0, 0}, a);
  }

  public static double[] rotY(double a) {
    return axisAngle(new double[] {0, 1, 0}, a);
  }

  public static double[] rotZ(double a) {
    return axisAngle(new double[] {0, 0, 1}, a);
  }

  /**
   * Rotation from Euler angles applied in the order given by {@code axes} about moving (intrinsic)
   * axes, e.g. {@code euler("ZXY", z, x, y)} = Rz(z)·Rx(x)·Ry(y), the BVH channel convention.
   */
  public static double[] euler(String axes, double... angles) {
    if (axes.length() != angles.length)
      throw new IllegalArgumentException("axes and angles differ in length");
    double[] q = identity();
    for (int i = 0; i < axes.length(); i++) {
      double[] r =
          switch (Character.toUpperCase(axes.charAt(i))) {
            case 'X' -> rotX(angles[i]);
            case 'Y' -> rotY(angles[i]);
            case 'Z' -> rotZ(angles[i]);
            default -> throw new IllegalArgumentException("bad axis " + axes.charAt(i));
          };
      q = mul(q, r);
    }
    return q;
  }

  /** q·v·q⁻¹. */
  public static double[] rotate(double[] q, double[] v) {
    double w = q[0], x = q[1], y = q[2], z = q[3];
    // t = 2 q_xyz × v ; v' = v + w t + q_xyz × t
    double tx = 2 * (y * v[2] - z * v[1]);
    double ty = 2 * (z * v[0] - x * v[2]);
    double tz = 2 * (x * v[1] - y * v[0]);
    return new double[] {
      v[0] + w * tx + (y * tz - z * ty),
      v[1] + w * ty + (z * tx - x * tz),
      v[2] + w * tz + (x * ty - y * tx)
    };
  }

  /** Row-major rotation matrix of a quaternion. */
  public static double[] toMatrix(double[] q) {
    double w = q[0], x = q[1], y = q[2], z = q[3];
    return new double[] {
      1 - 2 * (y * y + z * z),
      2 * (x * y - w * z),
      2 * (x * z + w * y),
      2 * (x * y + w * z),
      1 - 2 * (x * x + z * z),
      2 * (y * z - w * x),
      2 * (x * z - w * y),
      2 * (y * z + w * x),
      1 - 2 * (x * x + y * y)
    };
  }

  /** Quaternion (w ≥ 0) of a row-major rotation matrix (Shepperd's method). */
  public static double[] fromMatrix(double[] m) {
    double tr = m[0] + m[4] + m[8];
    double[] q;
    if (tr > 0) {
      double s = Math.sqrt(tr + 1) * 2;
      q = new double[] {s / 4, (m[7] - m[5]) / s, (m[2] - m[6]) / s, (m[3] - m[1]) / s};
    } else if (m[0] > m[4] && m[0] > m[8]) {
      double s = Math.sqrt(1 + m[0] - m[4] - m[8]) * 2;
      q = new double[] {(m[7] - m[5]) / s, s / 4, (m[1] + m[3]) / s, (m[2] + m[6]) / s};
    } else if (m[4] > m[8]) {
      double s = Math.sqrt(1 + m[4] - m[0] - m[8]) * 2;
      q = new double[] {(m[2] - m[6]) / s, (m[1] + m[3]) / s, s / 4, (m[5] + m[7]) / s};
    } else {
      double s = Math.sqrt(1 + m[8] - m[0] - m[4]) * 2;
      q = new double[] {(m[3] - m[1]) / s, (m[2] + m[6]) / s, (m[5] + m[7]) / s, s / 4};
    }
    return canonical(normalize(q));
  }

  /** Quaternion of the frame whose x, y, z axes (world coordinates) are the given columns. */
  public static double[] fromAxes(double[] x, double[] y, double[] z) {
    return fromMatrix(new double[] {x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]});
  }

  /** Spherical linear interpolation along the shorter arc, t in [0, 1]. */
  public static double[] slerp(double[] a, double[] b, double t) {
    double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
    double[] bb = b;
    if (dot < 0) {
      dot = -dot;
      bb = new double[] {-b[0], -b[1], -b[2], -b[3]};
    }
    double wa, wb;
    if (dot > 0.9995) {
      wa = 1 - t;
      wb = t;
    } else {
      double th = Math.acos(dot);
      double s = Math.sin(th);
      wa = Math.sin((1 - t) * th) / s;
      wb = Math.sin(t * th) / s;
    }
    return normalize(
        new double[] {
          wa * a[0] + wb * bb[0],
          wa * a[1] + wb * bb[1],
          wa * a[2] + wb * bb[2],
          wa * a[3] + wb * bb[3]
        });
  }

  /** Angle in radians of the rotation between two quaternions, in [0, π]. */
  public static double angleBetween(double[] a, double[] b) {
    double dot = Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]);
    return 2 * Math.acos(Math.min(1, dot));
  }

  /** Heading (yaw about world z) of a frame: atan2 of its x axis projected on the ground. */
  public static double heading(double[] q) {
    double[] x = rotate(q, new double[] {1, 0, 0});
    return Math.atan2(x[1], x[0]);
  }

  /** Wraps an angle to (−π, π]. */
  public static double wrap(double a) {
    double r = Math.IEEEremainder(a, 2 * Math.PI);
    return r <= -Math.PI ? r + 2 * Math.PI : r;
  }

  // ---- small vector helpers ----

  public static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  public static double[] add(double[] a, double[] b) {
    return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
  }

  public static double[] scale(double[] a, double s) {
    return new double[] {a[0] * s, a[1] * s, a[2] * s};
  }

  public static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  public static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  public static double[] unit(double[] a) {
    double n = norm(a);
    if (!(n > 1e-12)) throw new IllegalArgumentException("zero-length vector");
    return scale(a, 1 / n);
  }
}
