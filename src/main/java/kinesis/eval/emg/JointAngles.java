package kinesis.eval.emg;

import java.util.List;

/**
 * The four joint angles compared with human kinematics, and how MyoLeg's qpos maps onto the human
 * (OpenSim gait model) convention of Falisse et al., in degrees: hip flexion +flexion, hip
 * adduction +adduction, ankle +dorsiflexion: same sign in both; knee: MyoLeg {@code knee_angle} is
 * positive in flexion (range 0..120°), the human data negative in flexion (−66° in swing), so human
 * = −MyoLeg. Radians are converted to degrees.
 */
public final class JointAngles {
  private JointAngles() {}

  /** Columns of the human joint-angle table, in report order. */
  public static final List<String> HUMAN_COLUMNS =
      List.of("hip_flexion", "hip_adduction", "knee_angle", "ankle_angle");

  /** Sign turning a MyoLeg angle into the human convention, per column. */
  private static final double[] SIGN = {1, 1, -1, 1};

  /** The MyoLeg joint name of a human column on a side, e.g. {@code knee_angle_r}. */
  public static String modelJoint(String column, String side) {
    return column + MuscleMap.suffix(side);
  }

  /** A MyoLeg angle (radians) in the human convention (degrees). */
  public static double toHumanDegrees(String column, double radians) {
    return sign(column) * Math.toDegrees(radians);
  }

  /** A human angle (degrees) as MyoLeg qpos (radians). */
  public static double toModelRadians(String column, double degrees) {
    return sign(column) * Math.toRadians(degrees);
  }

  private static double sign(String column) {
    int i = HUMAN_COLUMNS.indexOf(column);
    if (i < 0) throw new IllegalArgumentException("unknown joint column " + column);
    return SIGN[i];
  }
}
