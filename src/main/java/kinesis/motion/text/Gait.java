package kinesis.motion.text;

import java.util.ArrayList;
import java.util.List;
import kinesis.motion.MotionStats;
import kinesis.motion.Rot;

/**
 * Foot contacts and gait cycles of a track, for cutting it where the feet agree. A foot is in
 * contact when its ankle or toe is within {@link MotionStats#CONTACT_HEIGHT} of that keypoint's
 * lowest height in the track (the rule of {@code motion inspect}); contacts and swings shorter than
 * {@link #MIN_RUN} frames are absorbed into their neighbours. A touchdown is the first frame of a
 * contact; a cycle runs from one left touchdown to the next.
 *
 * @param contact [foot][frame], foot 0 left, 1 right
 * @param touchdowns per foot, the frames where contact begins
 */
public record Gait(boolean[][] contact, int[][] touchdowns) {
  /** Keypoint indices of the clip format (ankle, toe) per foot, and the Pelvis. */
  static final int[][] FEET = {{3, 5}, {4, 6}};

  static final int PELVIS = 0;

  /** Shortest contact or swing counted, frames. */
  public static final int MIN_RUN = 3;

  /** Cycles considered for looping, frames (0.33–2 s at 30 fps). */
  public static final int MIN_CYCLE = 10, MAX_CYCLE = 60;

  public static Gait of(Track t) {
    int n = t.frames();
    boolean[][] contact = new boolean[2][n];
    int[][] down = new int[2][];
    for (int s = 0; s < 2; s++) {
      double lowA = Double.POSITIVE_INFINITY, lowT = Double.POSITIVE_INFINITY;
      for (int f = 0; f < n; f++) {
        lowA = Math.min(lowA, t.at(f, FEET[s][0])[2]);
        lowT = Math.min(lowT, t.at(f, FEET[s][1])[2]);
      }
      for (int f = 0; f < n; f++) {
        contact[s][f] =
            t.at(f, FEET[s][0])[2] - lowA < MotionStats.CONTACT_HEIGHT
                || t.at(f, FEET[s][1])[2] - lowT < MotionStats.CONTACT_HEIGHT;
      }
      debounce(contact[s]);
      List<Integer> d = new ArrayList<>();
      for (int f = 1; f < n; f++) if (contact[s][f] && !contact[s][f - 1]) d.add(f);
      down[s] = d.stream().mapToInt(Integer::intValue).toArray();
    }
    return new Gait(contact, down);
  }

  /**
   * Runs shorter than {@link #MIN_RUN} frames (not touching the ends) take their neighbours' value.
   */
  static void debounce(boolean[] c) {
    int f = 0;
    while (f < c.length) {
      int g = f;
      while (g < c.length && c[g] == c[f]) g++;
      if (f > 0 && g < c.length && g - f < MIN_RUN) for (int i = f; i < g; i++) c[i] = !c[i];
      f = g;
    }
  }

  /**
   * A loop of frames [start, end): from a left touchdown to about the next, with how far end's pose
   * is from start's.
   */
  public record Cycle(int start, int end, double mismatchM) {}

  /**
   * The cycle whose end pose best matches its start pose (mean distance of the keypoints relative
   * to the pelvis in the heading frame; the end may move ±2 frames from the next left touchdown),
   * or null when the track has no two left touchdowns {@link #MIN_CYCLE}–{@link #MAX_CYCLE} frames
   * apart.
   */
  public Cycle bestCycle(Track t) {
    Cycle best = null;
    int[] l = touchdowns[0];
    for (int i = 0; i + 1 < l.length; i++) {
      for (int end = l[i + 1] - 2; end <= l[i + 1] + 2; end++) {
        int len = end - l[i];
        if (len < MIN_CYCLE || len > MAX_CYCLE || end >= t.frames()) continue;
        double m = poseDistance(t, l[i], t, end);
        if (best == null || m < best.mismatchM()) best = new Cycle(l[i], end, m);
      }
    }
    return best;
  }

  /**
   * Mean distance between two frames' keypoints relative to their pelvis in their heading frame
   * (m).
   */
  static double poseDistance(Track a, int fa, Track b, int fb) {
    double sum = 0;
    for (int j = 0; j < a.k(); j++) {
      double[] pa = local(a, fa, j), pb = local(b, fb, j);
      sum += Rot.norm(Rot.sub(pa, pb));
    }
    return sum / a.k();
  }

  /**
   * Keypoint j relative to the pelvis, turned into the frame's heading frame (pelvis: its height
   * only).
   */
  static double[] local(Track t, int f, int j) {
    double[] p = t.at(f, j), root = t.at(f, PELVIS);
    double h = t.heading(f), c = Math.cos(-h), s = Math.sin(-h);
    double dx = p[0] - root[0], dy = p[1] - root[1];
    return new double[] {c * dx - s * dy, s * dx + c * dy, p[2]};
  }

  /**
   * Gait phase of frame {@code f} in [0, 1): the fraction of the way from the last left touchdown
   * at or before it to the next (cycle length: the median of the track's cycles, else {@code
   * fallback} frames). NaN when the track has no left touchdown at or before {@code f}.
   */
  public double phase(int f, int fallback) {
    int[] l = touchdowns[0];
    int last = -1;
    for (int d : l) if (d <= f) last = d;
    if (last < 0) return Double.NaN;
    return ((f - last) / (double) cycleLength(fallback)) % 1.0;
  }

  /**
   * Median distance between consecutive left touchdowns, or {@code fallback} when there are fewer
   * than two.
   */
  public int cycleLength(int fallback) {
    int[] l = touchdowns[0];
    if (l.length < 2) return fallback;
    int[] d = new int[l.length - 1];
    for (int i = 0; i + 1 < l.length; i++) d[i] = l[i + 1] - l[i];
    java.util.Arrays.sort(d);
    return d[d.length / 2];
  }

  /** Whether foot {@code s} is in contact at frame {@code f}. */
  public boolean down(int s, int f) {
    return contact[s][f];
  }
}
