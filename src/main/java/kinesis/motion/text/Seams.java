package kinesis.motion.text;

import kinesis.motion.Rot;

/**
 * Joining and bending tracks without breaking the feet.
 *
 * <p>{@link #join}: the second track is turned and moved so its first frame continues the first
 * track's last one (pelvis one frame of their mean motion further, heading one frame of their mean
 * turning further), so the root path and heading have no jump. The remaining pose difference at the
 * seam (keypoints relative to the pelvis, pelvis height, root tilt) is split in two halves faded
 * out over {@code window} frames on either side (cosine weights). A foot's ankle and toe fade only
 * while that foot swings, so a foot on the ground at a seam keeps a constant offset and does not
 * slide.
 *
 * <p>{@link #curve}: adds a heading change to a track progressively, turning the rest of the track
 * about the ball (toe keypoint) of the foot on the ground on single-support frames (about the
 * pelvis in flight, not at all in double support), so the turning happens where a person pivots and
 * planted feet stay put.
 */
public final class Seams {
  private Seams() {}

  /**
   * {@code a} then {@code b}, {@code b} aligned to continue {@code a}, the pose jump faded over
   * {@code window} frames each side.
   */
  public static Track join(Track a, Track b, int window) {
    int na = a.frames(), nb = b.frames(), k = a.k();
    // heading: one frame of the mean turning rate beyond a's last frame
    double wa = na > 1 ? Rot.wrap(a.heading(na - 1) - a.heading(na - 2)) : Double.NaN;
    double wb = nb > 1 ? Rot.wrap(b.heading(1) - b.heading(0)) : Double.NaN;
    double yawStep = mean(wa, wb);
    Track bm = b.moved(Rot.wrap(a.heading(na - 1) + yawStep - b.heading(0)), 0, 0);
    // position: one frame of the mean pelvis motion beyond a's last frame
    double[] a1 = a.at(na - 1, Gait.PELVIS), b0 = bm.at(0, Gait.PELVIS);
    double[] da = na > 1 ? Rot.sub(a1, a.at(na - 2, Gait.PELVIS)) : null,
        db = nb > 1 ? Rot.sub(bm.at(1, Gait.PELVIS), b0) : null;
    double sx = mean(da == null ? Double.NaN : da[0], db == null ? Double.NaN : db[0]);
    double sy = mean(da == null ? Double.NaN : da[1], db == null ? Double.NaN : db[1]);
    bm = bm.moved(0, a1[0] + sx - b0[0], a1[1] + sy - b0[1]);
    // the pose jump left at the seam
    double[][] delta = new double[k][];
    for (int j = 0; j < k; j++)
      delta[j] = Rot.sub(Rot.sub(bm.at(0, j), a.at(na - 1, j)), new double[] {sx, sy, 0});
    double[] qa = Rot.mul(Rot.rotZ(yawStep), a.rootQuat(na - 1));
    double[] qd = Rot.canonical(Rot.mul(bm.rootQuat(0), Rot.conj(qa)));
    Track fa = fade(a, delta, qd, Math.min(window, na), false, 0.5);
    Track fb = fade(bm, delta, Rot.conj(qd), Math.min(window, nb), true, -0.5);
    return fa.append(fb);
  }

  /**
   * Adds {@code share}·delta (and the matching share of rotation {@code qd}) to the {@code w}
   * frames next to the seam: the head of the track when {@code head}, else its tail.
   */
  private static Track fade(
      Track t, double[][] delta, double[] qd, int w, boolean head, double share) {
    int n = t.frames(), k = t.k();
    Gait g = Gait.of(t);
    double[] pos = t.pos().clone(), quat = t.quat().clone();
    double[][] footWeight = {swingWeights(g, 0, n, w, head), swingWeights(g, 1, n, w, head)};
    for (int i = 0; i < w; i++) {
      int f = head ? i : n - 1 - i;
      double wi = 0.5 * (1 + Math.cos(Math.PI * i / w));
      for (int j = 0; j < k; j++) {
        double wj = wi;
        for (int s = 0; s < 2; s++)
          if (j == Gait.FEET[s][0] || j == Gait.FEET[s][1])
            wj = footWeight[s] != null ? footWeight[s][i] : wi;
        for (int ax = 0; ax < 3; ax++) pos[(f * k + j) * 3 + ax] += share * wj * delta[j][ax];
      }
      double[] part = Rot.slerp(Rot.identity(), qd, 0.5 * wi);
      System.arraycopy(Rot.canonical(Rot.mul(part, t.rootQuat(f))), 0, quat, 4 * f, 4);
    }
    return new Track(pos, quat, k);
  }

  /**
   * Fade weights of one foot for the {@code w} frames next to the seam (index 0 at the seam): 1 at
   * the seam, falling (cosine) only on frames where the foot swings, 0 once its swing frames in the
   * window are spent. Null when the foot never swings there (then it fades like the body).
   */
  static double[] swingWeights(Gait g, int foot, int n, int w, boolean head) {
    int swings = 0;
    for (int i = 1; i < w; i++) if (!g.down(foot, head ? i : n - 1 - i)) swings++;
    if (swings == 0) return null;
    double[] out = new double[w];
    int seen = 0;
    for (int i = 0; i < w; i++) {
      if (i > 0 && !g.down(foot, head ? i : n - 1 - i)) seen++;
      out[i] = 0.5 * (1 + Math.cos(Math.PI * seen / swings));
    }
    return out;
  }

  /** Mean of two numbers, or the one that is not NaN (0 when both are). */
  private static double mean(double a, double b) {
    if (Double.isNaN(a)) return Double.isNaN(b) ? 0 : b;
    return Double.isNaN(b) ? a : (a + b) / 2;
  }

  /**
   * The track with {@code yaw} radians (+ = left) of extra heading change spread over its frames:
   * equal increments on single-support frames about the supporting foot's toe keypoint (the ball of
   * the foot, where people pivot) and on flight frames about the pelvis, none in double support; a
   * track without such frames turns evenly about the pelvis. Frame 0 stays where it is.
   */
  public static Track curve(Track t, double yaw) {
    int n = t.frames(), k = t.k();
    if (yaw == 0 || n < 2) return t;
    Gait g = Gait.of(t);
    double[] weight = new double[n];
    int[] pivot = new int[n];
    double sum = 0;
    for (int f = 1; f < n; f++) {
      boolean l = g.down(0, f), r = g.down(1, f);
      pivot[f] = l && !r ? 0 : r && !l ? 1 : -1;
      weight[f] = l && r ? 0 : 1;
      sum += weight[f];
    }
    if (sum == 0) {
      java.util.Arrays.fill(weight, 1, n, 1);
      java.util.Arrays.fill(pivot, -1);
      sum = n - 1;
    }
    double[] pos = t.pos().clone(), quat = t.quat().clone();
    double psi = 0, tx = 0, ty = 0;
    for (int f = 1; f < n; f++) {
      if (weight[f] > 0) {
        // turn about the pivot where the current transform puts it
        double[] p = t.at(f, pivot[f] < 0 ? Gait.PELVIS : Gait.FEET[pivot[f]][1]);
        double cx = Math.cos(psi) * p[0] - Math.sin(psi) * p[1] + tx,
            cy = Math.sin(psi) * p[0] + Math.cos(psi) * p[1] + ty;
        psi += yaw * weight[f] / sum;
        tx = cx - (Math.cos(psi) * p[0] - Math.sin(psi) * p[1]);
        ty = cy - (Math.sin(psi) * p[0] + Math.cos(psi) * p[1]);
      }
      double c = Math.cos(psi), s = Math.sin(psi);
      for (int j = 0; j < k; j++) {
        int o = (f * k + j) * 3;
        double x = t.pos()[o], y = t.pos()[o + 1];
        pos[o] = c * x - s * y + tx;
        pos[o + 1] = s * x + c * y + ty;
      }
      System.arraycopy(Rot.canonical(Rot.mul(Rot.rotZ(psi), t.rootQuat(f))), 0, quat, 4 * f, 4);
    }
    return new Track(pos, quat, k);
  }
}
