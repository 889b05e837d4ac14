package kinesis.motion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kinesis.body.BodyModel;

/**
 * A clip played faster or slower: the same path and steps, {@code speed} times as fast (1.3 walks a
 * 0.9 m/s clip at 1.17 m/s with 30 % more steps per second). Frames stay at the clip's rate;
 * positions and velocities are interpolated linearly between the source frames, root rotations by
 * normalised linear interpolation on the shorter arc, and every velocity is multiplied by {@code
 * speed}. Training on retimed copies widens the range of speeds a small clip set covers.
 */
public final class ClipRetime {
  private ClipRetime() {}

  /** Speeds a run may ask for: a clip at 0.5 is twice as long, at 2 half as long. */
  public static final double MIN_SPEED = 0.5, MAX_SPEED = 2.0;

  /** The name of {@code clip} played at {@code speed}: {@code NAME-x1.3}. */
  public static String name(String clip, double speed) {
    String s = String.format(Locale.ROOT, "%.3f", speed);
    return clip + "-x" + new BigDecimal(s).stripTrailingZeros().toPlainString();
  }

  /**
   * {@code c}'s keypoints and root played at {@code speed}, without poses (they are solved again by
   * {@link #withPoses}).
   */
  public static Clip keypoints(Clip c, double speed) {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
      throw new IllegalArgumentException(
          "speed " + speed + " is outside [" + MIN_SPEED + ", " + MAX_SPEED + "]");
    int n = c.frames();
    int m = (int) Math.floor((n - 1) / speed + 1e-9) + 1;
    double[] times = new double[m], rates = new double[m];
    for (int j = 0; j < m; j++) {
      times[j] = Math.min(j * speed, n - 1);
      rates[j] = speed;
    }
    return resample(
        c,
        times,
        rates,
        name(c.name(), speed),
        "retimed_from",
        c.name() + String.format(Locale.ROOT, " (played at %.3g× its speed)", speed));
  }

  /**
   * {@code c} played on a time map, without poses: output frame j shows source time {@code
   * times[j]} (in source frames, within [0, frames − 1]) moving at {@code rates[j]} source frames
   * per frame (velocities are multiplied by it). Provenance gains {@code key: note}.
   */
  static Clip resample(
      Clip c, double[] times, double[] rates, String name, String key, String note) {
    int n = c.frames(), k3 = 3 * c.keypoints().size(), m = times.length;
    double[] pos = new double[m * k3], vel = new double[m * k3];
    double[] quat = new double[4 * m], angVel = new double[3 * m];
    for (int j = 0; j < m; j++) {
      double t = times[j];
      if (!(t >= 0 && t <= n - 1))
        throw new IllegalArgumentException("time " + t + " is outside clip " + c.name());
      int i = (int) t, next = Math.min(i + 1, n - 1);
      double a = t - i;
      lerp(c.positions(), i, next, a, k3, 1, pos, j);
      lerp(c.velocities(), i, next, a, k3, rates[j], vel, j);
      lerp(c.rootAngVel(), i, next, a, 3, rates[j], angVel, j);
      nlerp(c.rootQuat(), i, next, a, quat, j);
    }
    return c.derived(name, pos, vel, quat, angVel, key, note);
  }

  /** Every clip at every speed (clip-major), posed for {@code body} when the clip has poses. */
  public static List<Clip> withPoses(List<Clip> clips, List<Double> speeds, BodyModel body) {
    List<Clip> originals = new ArrayList<>(), retimed = new ArrayList<>();
    for (Clip c : clips) {
      for (double s : speeds) {
        originals.add(c);
        retimed.add(keypoints(c, s));
      }
    }
    return Importers.posedLike(originals, retimed, body);
  }

  /** {@code out[j] = (1 − a)·src[i] + a·src[next]}, times {@code scale}, for rows of width w. */
  private static void lerp(
      double[] src, int i, int next, double a, int w, double scale, double[] out, int j) {
    for (int d = 0; d < w; d++)
      out[j * w + d] = scale * ((1 - a) * src[i * w + d] + a * src[next * w + d]);
  }

  private static void nlerp(double[] q, int i, int next, double a, double[] out, int j) {
    double dot = 0;
    for (int d = 0; d < 4; d++) dot += q[4 * i + d] * q[4 * next + d];
    double sign = dot < 0 ? -1 : 1, norm = 0;
    for (int d = 0; d < 4; d++) {
      out[4 * j + d] = (1 - a) * q[4 * i + d] + a * sign * q[4 * next + d];
      norm += out[4 * j + d] * out[4 * j + d];
    }
    norm = Math.sqrt(norm);
    for (int d = 0; d < 4; d++) out[4 * j + d] /= norm;
  }
}
