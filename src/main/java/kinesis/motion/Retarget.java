package kinesis.motion;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.io.BadInputException;

/**
 * Turns a {@link SourceMotion} into a {@link Clip} for one body, in this order:
 *
 * <ol>
 *   <li>resample explicitly to 30 fps (linear for positions, slerp for a given root orientation);
 *   <li>toe correction: the mapping's toe pitch raises each toe about its ankle in the shank–foot
 *       plane;
 *   <li>root frame per frame (x forward, y left, z up): given by the source, else from the hips (y
 *       = left hip − right hip) and the trunk (z ≈ neck − hip centre, made orthogonal);
 *   <li>scale about the origin so the source leg length (hip→knee→ankle, median over frames) equals
 *       the body's;
 *   <li>Pelvis keypoint = hip centre + R_root·(the body's root-origin offset from its hip centre),
 *       so it marks where the body's root origin belongs (the source's own pelvis joint sits
 *       elsewhere);
 *   <li>face +x: rotate about z so the first frame's heading is 0, move the first pelvis to x = y =
 *       0;
 *   <li>ground: shift z so the lowest foot sole over the first second (ankle and toe origins minus
 *       the body's ankle and toe heights) is at z = 0;
 *   <li>velocities by backward differences and Gaussian smoothing (σ = 2 frames).
 * </ol>
 */
public final class Retarget {
  private Retarget() {}

  public static final double FPS = 30;
  public static final double VELOCITY_SIGMA = 2;
  public static final int GROUND_FRAMES = 30;

  /** Keypoints of every clip, in this order. */
  public static final List<String> KEYPOINTS =
      List.of("Pelvis", "L_Knee", "R_Knee", "L_Ankle", "R_Ankle", "L_Toe", "R_Toe", "Head");

  /** Refuses what no later command accepts: under 2 frames at 30 fps, or over an hour. */
  static void checkDuration(SourceMotion src) {
    int frames = src.frames();
    double fps = src.fps(), seconds = (frames - 1) / fps;
    if (Signal.resampledFrames(frames, fps, FPS) < 2) {
      throw new BadInputException(
          src.file(),
          String.format(
              Locale.ROOT,
              "lasts %.3g s (%d frames at %.4g fps): shorter than one frame at %s fps",
              seconds,
              frames,
              fps,
              FPS));
    }
    if (seconds > MAX_SECONDS) {
      throw new BadInputException(
          src.file(),
          String.format(
              Locale.ROOT,
              "lasts %.3g s (%d frames at %.4g fps); motions longer than an hour are refused",
              seconds,
              frames,
              fps));
    }
  }

  // role indices in SkeletonMapping.ROLES
  static final int L_HIP = 0,
      R_HIP = 1,
      L_KNEE = 2,
      R_KNEE = 3,
      L_ANKLE = 4,
      R_ANKLE = 5,
      L_TOE = 6,
      R_TOE = 7,
      NECK = 8,
      HEAD = 9;

  /** Longest motion imported, seconds. */
  public static final double MAX_SECONDS = 3600;

  public static Clip toClip(SourceMotion src, BodyDims dims, String name, String skill) {
    checkDuration(src);
    int rc = SourceMotion.ROLE_COUNT;
    double[] roles = Signal.resample(src.roles(), 3 * rc, src.fps(), FPS);
    int n = roles.length / (3 * rc);
    if (src.toePitchDeg() != 0) pitchToes(roles, n, Math.toRadians(src.toePitchDeg()));
    double[] quats =
        src.rootQuat() != null
            ? Signal.resampleQuats(src.rootQuat(), src.fps(), FPS)
            : rootFrames(roles, n);

    // scale to the body by leg length
    double sourceLeg = medianLegLength(roles, n);
    if (!(sourceLeg > 1e-3))
      throw new kinesis.io.BadInputException(
          src.file(), "degenerate skeleton: leg length " + sourceLeg);
    double scale = dims.leg() / sourceLeg;
    for (int i = 0; i < roles.length; i++) roles[i] *= scale;

    int k = KEYPOINTS.size();
    double[] pos = keypoints(roles, quats, n, dims);
    double heading = faceForwardAtOrigin(pos, quats, n, k);
    double floor = groundHeight(pos, n, k, dims);
    for (int i = 0; i < n * k; i++) pos[3 * i + 2] -= floor;

    double[] vel = Signal.velocity(pos, 3 * k, FPS, VELOCITY_SIGMA);
    double[] angVel = Signal.angularVelocity(quats, FPS, VELOCITY_SIGMA);
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("source_file", src.file().toString());
    prov.put("source_sha256", sha256(src.file()));
    prov.put("importer", src.importer());
    prov.put("skeleton_mapping", src.mapping());
    prov.put("source_fps", fmt(src.fps()));
    prov.put("source_frames", String.valueOf(src.frames()));
    prov.putAll(src.provenance());
    prov.put(
        "resampling",
        fmt(src.fps())
            + " -> 30 fps, linear positions"
            + (src.rootQuat() != null ? ", slerp root" : ""));
    if (src.toePitchDeg() != 0)
      prov.put(
          "toe_pitch_deg",
          fmt(src.toePitchDeg()) + " (toes raised about the ankle, from the mapping)");
    prov.put(
        "root_frame",
        src.rootQuat() != null ? "from the source" : "hips (y) and neck (z) of the source");
    prov.put("scale", fmt(scale) + " (leg " + fmt(sourceLeg) + " m -> " + fmt(dims.leg()) + " m)");
    prov.put(
        "pelvis",
        "hip centre + R_root * " + vec(dims.pelvisOffset()) + " (the body's root origin)");
    prov.put("heading_removed_deg", fmt(Math.toDegrees(heading)));
    prov.put("ground_shift_m", fmt(-floor));
    return new Clip(
        name,
        skill == null ? "other" : skill,
        FPS,
        src.fps(),
        KEYPOINTS,
        pos,
        vel,
        quats,
        angVel,
        prov,
        null,
        0,
        null);
  }

  /** Median over frames of the mean of both legs' hip–knee plus knee–ankle lengths. */
  private static double medianLegLength(double[] roles, int n) {
    double[] legs = new double[n];
    for (int f = 0; f < n; f++) {
      double l = 0;
      for (int[] s : new int[][] {{L_HIP, L_KNEE, L_ANKLE}, {R_HIP, R_KNEE, R_ANKLE}}) {
        l +=
            Rot.norm(Rot.sub(role(roles, f, s[0]), role(roles, f, s[1])))
                + Rot.norm(Rot.sub(role(roles, f, s[1]), role(roles, f, s[2])));
      }
      legs[f] = l / 2;
    }
    return median(legs);
  }

  /**
   * Keypoints per frame: the virtual pelvis (hip centre plus the root-frame offset), then the leg
   * joints and head.
   */
  private static double[] keypoints(double[] roles, double[] quats, int n, BodyDims dims) {
    int k = KEYPOINTS.size();
    double[] pos = new double[n * k * 3];
    int[] from = {-1, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE, L_TOE, R_TOE, HEAD};
    for (int f = 0; f < n; f++) {
      double[] hip = Rot.scale(Rot.add(role(roles, f, L_HIP), role(roles, f, R_HIP)), 0.5);
      double[] pelvis = Rot.add(hip, Rot.rotate(Signal.at(quats, f, 4), dims.pelvisOffset()));
      put(pos, f * k, pelvis);
      for (int j = 1; j < k; j++) put(pos, f * k + j, role(roles, f, from[j]));
    }
    return pos;
  }

  /**
   * Turns the clip (in place) to face +x and start above the origin; returns the heading removed
   * (radians).
   */
  private static double faceForwardAtOrigin(double[] pos, double[] quats, int n, int k) {
    double heading = Rot.heading(Signal.at(quats, 0, 4));
    double[] turn = Rot.rotZ(-heading);
    double[] p0 = Rot.rotate(turn, Signal.at(pos, 0, 3));
    for (int i = 0; i < n * k; i++) {
      double[] p = Rot.rotate(turn, Signal.at(pos, i, 3));
      put(pos, i, new double[] {p[0] - p0[0], p[1] - p0[1], p[2]});
    }
    for (int f = 0; f < n; f++)
      System.arraycopy(Rot.canonical(Rot.mul(turn, Signal.at(quats, f, 4))), 0, quats, 4 * f, 4);
    return heading;
  }

  /**
   * Height of the lowest sole (ankle or toe less its height above the sole) over the first second.
   */
  private static double groundHeight(double[] pos, int n, int k, BodyDims dims) {
    double floor = Double.POSITIVE_INFINITY;
    for (int f = 0; f < Math.min(GROUND_FRAMES, n); f++) {
      for (int j : new int[] {3, 4})
        floor = Math.min(floor, pos[(f * k + j) * 3 + 2] - dims.ankleHeight());
      for (int j : new int[] {5, 6})
        floor = Math.min(floor, pos[(f * k + j) * 3 + 2] - dims.toeHeight());
    }
    return floor;
  }

  /** Rotates each toe about its ankle, away from the shank, by {@code angle} (foot length kept). */
  static void pitchToes(double[] roles, int n, double angle) {
    for (int f = 0; f < n; f++) {
      for (int[] s : new int[][] {{L_KNEE, L_ANKLE, L_TOE}, {R_KNEE, R_ANKLE, R_TOE}}) {
        double[] ankle = role(roles, f, s[1]);
        double[] shank = Rot.sub(ankle, role(roles, f, s[0]));
        double[] foot = Rot.sub(role(roles, f, s[2]), ankle);
        double[] axis = Rot.cross(shank, foot);
        if (Rot.norm(axis) < 1e-9) continue;
        double[] toe = Rot.add(ankle, Rot.rotate(Rot.axisAngle(axis, angle), foot));
        System.arraycopy(toe, 0, roles, (f * SourceMotion.ROLE_COUNT + s[2]) * 3, 3);
      }
    }
  }

  /** Root frames from hips and neck, one quaternion per frame. */
  static double[] rootFrames(double[] roles, int n) {
    double[] q = new double[4 * n];
    for (int f = 0; f < n; f++) {
      double[] y = Rot.unit(Rot.sub(role(roles, f, L_HIP), role(roles, f, R_HIP)));
      double[] hip = Rot.scale(Rot.add(role(roles, f, L_HIP), role(roles, f, R_HIP)), 0.5);
      double[] up = Rot.sub(role(roles, f, NECK), hip);
      double[] z = Rot.unit(Rot.sub(up, Rot.scale(y, Rot.dot(up, y))));
      double[] x = Rot.cross(y, z);
      double[] r = Rot.fromAxes(x, y, z);
      if (f > 0
          && r[0] * q[4 * f - 4] + r[1] * q[4 * f - 3] + r[2] * q[4 * f - 2] + r[3] * q[4 * f - 1]
              < 0) {
        for (int a = 0; a < 4; a++) r[a] = -r[a];
      }
      System.arraycopy(r, 0, q, 4 * f, 4);
    }
    return q;
  }

  static double[] role(double[] roles, int f, int r) {
    return Signal.at(roles, f * SourceMotion.ROLE_COUNT + r, 3);
  }

  private static void put(double[] a, int i, double[] v) {
    System.arraycopy(v, 0, a, 3 * i, 3);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String vec(double[] v) {
    return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", v[0], v[1], v[2]);
  }

  /** First 16 hex digits of a file's SHA-256 (for provenance and logs). */
  public static String sha256(java.nio.file.Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file))).substring(0, 16);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }
}
