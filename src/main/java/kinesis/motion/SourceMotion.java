package kinesis.motion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kinesis.io.BadInputException;

/**
 * What an importer produces before retargeting: the {@link SkeletonMapping#ROLES} positions of
 * every source frame in world metres with z up, at the source frame rate, plus where they came
 * from.
 *
 * @param file source file
 * @param importer importer name (bvh, deepmimic, locomujoco, humanml3d, amass)
 * @param mapping skeleton mapping name
 * @param fps source frame rate
 * @param roles [frames][ROLES][3]
 * @param rootQuat [frames][4] root frame (x forward, y left, z up) when the source gives it
 *     exactly, else null
 * @param toePitchDeg the mapping's toe correction (see {@link SkeletonMapping#toePitchDeg()})
 * @param provenance extra facts for the clip's provenance (synthesised data and the like)
 */
public record SourceMotion(
    Path file,
    String importer,
    String mapping,
    double fps,
    double[] roles,
    double[] rootQuat,
    double toePitchDeg,
    Map<String, String> provenance) {

  public static final int ROLE_COUNT = SkeletonMapping.ROLES.size();

  public SourceMotion {
    provenance = new LinkedHashMap<>(provenance);
    if (!(fps > 0) || !Double.isFinite(fps))
      throw new BadInputException(file, "frame rate must be positive, got " + fps);
    if (roles.length % (3 * ROLE_COUNT) != 0)
      throw new IllegalArgumentException("roles array has a bad length");
    int frames = roles.length / (3 * ROLE_COUNT);
    if (frames < 2) throw new BadInputException(file, "needs at least 2 frames, has " + frames);
    for (int i = 0; i < roles.length; i++) {
      if (!Double.isFinite(roles[i])) {
        throw new BadInputException(
            file, "non-finite joint position (NaN or infinity) at frame " + i / (3 * ROLE_COUNT));
      }
    }
    if (rootQuat != null && rootQuat.length != 4 * frames)
      throw new IllegalArgumentException("rootQuat length");
  }

  public int frames() {
    return roles.length / (3 * ROLE_COUNT);
  }

  public double duration() {
    return (frames() - 1) / fps;
  }

  /** Position of a role at a frame. */
  public double[] role(int frame, int role) {
    return Signal.at(roles, frame * ROLE_COUNT + role, 3);
  }

  /** Frames [from, to) as a new motion (same file and mapping). */
  public SourceMotion slice(int from, int to, String note) {
    double[] r = java.util.Arrays.copyOfRange(roles, from * 3 * ROLE_COUNT, to * 3 * ROLE_COUNT);
    double[] q = rootQuat == null ? null : java.util.Arrays.copyOfRange(rootQuat, 4 * from, 4 * to);
    Map<String, String> p = new LinkedHashMap<>(provenance);
    p.put("source_frames", from + ".." + (to - 1) + (note == null ? "" : " (" + note + ")"));
    return new SourceMotion(file, importer, mapping, fps, r, q, toePitchDeg, p);
  }
}
