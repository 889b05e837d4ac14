package kinesis.motion;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;

/**
 * The left/right mirror image of a clip through the world x-z plane (a clip starts facing +x, so
 * this is its sagittal plane at the start): every position and velocity gets y → −y, left and right
 * keypoints ({@code L_*} / {@code R_*}) swap, the root rotation R becomes S·R·S with S = diag(1,
 * −1, 1), i.e. quaternion (w, −x, y, −z), and the root angular velocity, an axial vector, becomes
 * (−x, y, −z). A left turn becomes a right turn with the same steps and timing. Training on both
 * images doubles the clips of a small set without new recordings.
 */
public final class ClipMirror {
  private ClipMirror() {}

  /** Suffix of a mirrored clip's name. */
  public static final String SUFFIX = "-mirror";

  /**
   * The mirror image of {@code c}'s keypoints and root, without poses (they belong to a body and
   * are solved again by {@link #withPoses}).
   */
  public static Clip keypoints(Clip c) {
    List<String> names = c.keypoints();
    int k = names.size(), frames = c.frames();
    int[] partner = new int[k];
    for (int i = 0; i < k; i++) partner[i] = partner(names, i);
    double[] pos = new double[c.positions().length], vel = new double[pos.length];
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < k; i++) {
        int src = (f * k + i) * 3, dst = (f * k + partner[i]) * 3;
        reflect(c.positions(), src, pos, dst);
        reflect(c.velocities(), src, vel, dst);
      }
    }
    double[] quat = c.rootQuat().clone(), angVel = c.rootAngVel().clone();
    for (int f = 0; f < frames; f++) {
      quat[4 * f + 1] = -quat[4 * f + 1];
      quat[4 * f + 3] = -quat[4 * f + 3];
      angVel[3 * f] = -angVel[3 * f];
      angVel[3 * f + 2] = -angVel[3 * f + 2];
    }
    return c.derived(
        c.name() + SUFFIX,
        pos,
        vel,
        quat,
        angVel,
        "mirrored_from",
        c.name() + " (left/right through the x-z plane)");
  }

  /**
   * The mirror image of every clip, with poses solved for {@code body} when the clip has them (the
   * same inverse kinematics as an import, so no joint sign conventions are assumed).
   */
  public static List<Clip> withPoses(List<Clip> clips, BodyModel body) {
    return Importers.posedLike(clips, clips.stream().map(ClipMirror::keypoints).toList(), body);
  }

  /** The index of the keypoint on the other side ({@code L_x} ↔ {@code R_x}), or {@code i}. */
  static int partner(List<String> names, int i) {
    String n = names.get(i);
    String other =
        n.startsWith("L_") ? "R_" + n.substring(2) : n.startsWith("R_") ? "L_" + n.substring(2) : n;
    int j = names.indexOf(other);
    if (j < 0)
      throw new BadInputException(
          "clip keypoint " + n + " has no partner " + other + " to mirror it onto");
    return j;
  }

  private static void reflect(double[] src, int s, double[] dst, int d) {
    dst[d] = src[s];
    dst[d + 1] = -src[s + 1];
    dst[d + 2] = src[s + 2];
  }
}
