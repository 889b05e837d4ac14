package kinesis.task;

import java.util.List;

/**
 * Where the body stood against its reference when an episode ended: the root's offset (simulation
 * minus reference, metres) in the reference root's heading frame, and the tracked body farthest
 * from its reference. It tells a fall (up well below 0) from a lag (forward below 0) and a sideways
 * drift (left away from 0).
 *
 * @param forward along the reference's facing direction (negative: behind it)
 * @param left to the reference's left (negative: to its right)
 * @param up vertical (negative: below it)
 * @param farthest name of the tracked body farthest from its reference ("" when unknown)
 * @param farthestDistance its distance (m)
 */
public record TrackingError(
    double forward, double left, double up, String farthest, double farthestDistance) {

  /** No step was scored (or the simulation became unstable). */
  public static final TrackingError NONE =
      new TrackingError(Double.NaN, Double.NaN, Double.NaN, "", Double.NaN);

  /**
   * The error of one state.
   *
   * @param sim tracked body positions of the simulation, 3 per body
   * @param ref their reference positions, 3 per body
   * @param root index of the root among the tracked bodies
   * @param refQuat reference root orientation (w, x, y, z; x forward, z up) at {@code
   *     refQuat[qo..]}
   * @param names tracked body names
   */
  public static TrackingError of(
      double[] sim, double[] ref, int root, double[] refQuat, int qo, List<String> names) {
    double w = refQuat[qo], x = refQuat[qo + 1], y = refQuat[qo + 2], z = refQuat[qo + 3];
    double heading = Math.atan2(2 * (x * y + w * z), 1 - 2 * (y * y + z * z));
    double c = Math.cos(heading), s = Math.sin(heading);
    int r = 3 * root;
    double dx = sim[r] - ref[r], dy = sim[r + 1] - ref[r + 1], dz = sim[r + 2] - ref[r + 2];
    int far = 0;
    double farDist = -1;
    for (int j = 0; j < names.size(); j++) {
      double d =
          Math.sqrt(
              sq(sim[3 * j] - ref[3 * j])
                  + sq(sim[3 * j + 1] - ref[3 * j + 1])
                  + sq(sim[3 * j + 2] - ref[3 * j + 2]));
      if (d > farDist) {
        farDist = d;
        far = j;
      }
    }
    return new TrackingError(
        c * dx + s * dy, -s * dx + c * dy, dz, names.isEmpty() ? "" : names.get(far), farDist);
  }

  /** JSON fields (metres; null when unknown). */
  public java.util.Map<String, Object> json() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("root_forward_m", finite(forward));
    m.put("root_left_m", finite(left));
    m.put("root_up_m", finite(up));
    m.put("farthest_body", farthest);
    m.put("farthest_m", finite(farthestDistance));
    return m;
  }

  /** One line for people, e.g. "root 0.31 m behind, 0.58 m right, 0.10 m below; toes_r 0.90 m". */
  public String describe() {
    if (!Double.isFinite(forward)) return "no end state";
    return String.format(
        java.util.Locale.ROOT,
        "root %.2f m %s, %.2f m %s, %.2f m %s its reference; farthest %s %.2f m",
        Math.abs(forward),
        forward < 0 ? "behind" : "ahead",
        Math.abs(left),
        left < 0 ? "right" : "left",
        Math.abs(up),
        up < 0 ? "below" : "above",
        farthest,
        farthestDistance);
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static double sq(double v) {
    return v * v;
  }
}
