package kinesis.motion;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.io.Npy;

/**
 * Joint-position motions stored as one {@code .npy} array (T, J, 3), such as HumanML3D {@code
 * new_joints} and text-to-motion (MDM) outputs: 22 SMPL joints, metres, y up, 20 fps. The frame
 * rate is not in the file, so it is a parameter (default {@link #DEFAULT_FPS}).
 */
public final class JointPositionsImporter {
  private JointPositionsImporter() {}

  public static final double DEFAULT_FPS = 20;

  public static SourceMotion load(Path file, double fps) {
    return load(file, Npy.read(file), fps, SkeletonMapping.bundled("humanml3d-22"));
  }

  public static SourceMotion load(Path file, NdArray a, double fps, SkeletonMapping mapping) {
    if (!mapping.virtual().isEmpty()) {
      throw new BadInputException(
          file,
          "mapping '"
              + mapping.name()
              + "' places "
              + mapping.virtual().keySet()
              + " as virtual points, which need joint orientations; a joint-positions file has positions only: map every role to a joint");
    }
    for (String role : SkeletonMapping.ROLES) {
      String joint = mapping.joints().get(role);
      if (!mapping.order().contains(joint)) {
        throw new BadInputException(
            file,
            "mapping '"
                + mapping.name()
                + "' maps "
                + role
                + " to '"
                + joint
                + "', which is not in its joint order");
      }
    }
    int j = mapping.order().size();
    int[] s = a.shape();
    if (!a.isNumeric() || s.length != 3 || s[1] != j || s[2] != 3) {
      throw new BadInputException(
          file,
          "expected joint positions of shape (T, "
              + j
              + ", 3), found "
              + a.dtype()
              + " "
              + Arrays.toString(s));
    }
    double[] pos = a.toDoubles();
    int n = s[0];
    double[] roles = new double[n * 3 * SourceMotion.ROLE_COUNT];
    for (int f = 0; f < n; f++) {
      double[] frame = Arrays.copyOfRange(pos, f * j * 3, (f + 1) * j * 3);
      for (double v : frame)
        if (!Double.isFinite(v))
          throw new BadInputException(file, "non-finite value (NaN) in frame " + f);
      System.arraycopy(
          mapping.rolesFromPositions(frame),
          0,
          roles,
          f * 3 * SourceMotion.ROLE_COUNT,
          3 * SourceMotion.ROLE_COUNT);
    }
    return new SourceMotion(
        file,
        "humanml3d",
        mapping.name(),
        fps,
        roles,
        null,
        mapping.toePitchDeg(),
        Map.of("source_fps_assumed", fps + " (not stored in the file)"));
  }
}
