package kinesis.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kinesis.body.BodyModel;

/**
 * Walks that stop and walks that start, made from a clip that does neither. The standing pose is
 * the most planted double-support frame (both feet down, {@link MotionStats#contacts}; per foot the
 * higher of ankle and toe above its lowest, the higher foot as low as possible) in the clip's last
 * second for a stop, or its first second for a start. A stop plays the clip up to half a second
 * before that frame, slows down linearly to a standstill over {@link #RAMP} frames (covering that
 * last half second of motion in one second) and holds the pose for {@link #HOLD} frames; a start
 * holds the pose for {@link #HOLD} frames, speeds up over {@link #RAMP} frames and plays the rest
 * of the clip. Velocities follow the playback rate (zero while holding). The public clips never
 * stop or stand, which is where the unseen clips and goal reaching fail
 * (docs/results/learning/unseen-clips).
 */
public final class ClipStops {
  private ClipStops() {}

  /** Frames over which the playback rate changes between 1 and 0 (one second at 30 fps). */
  public static final int RAMP = 30;

  /** Frames the standing pose is held (1.5 s at 30 fps). */
  public static final int HOLD = 45;

  /** Skills whose clips get a stop and a start (runs do not slow down to a stand this way). */
  public static final Set<String> SKILLS = Set.of("walk", "turn", "backwards");

  public static String stopName(String clip) {
    return clip + "-stop";
  }

  public static String startName(String clip) {
    return clip + "-start";
  }

  /** {@code c} stopping in its last second, or null when it has no double support there. */
  public static Clip stop(Clip c) {
    int n = c.frames();
    int h = standingFrame(c, Math.max(RAMP / 2, n - 1 - RAMP), n - 1);
    if (h < 0) return null;
    int t0 = h - RAMP / 2, m = t0 + RAMP + HOLD + 1;
    double[] times = new double[m], rates = new double[m];
    for (int j = 0; j < m; j++) {
      int r = j - t0; // frames into the ramp
      if (r <= 0) {
        times[j] = j;
        rates[j] = 1;
      } else if (r <= RAMP) {
        times[j] = t0 + r - r * r / (2.0 * RAMP); // the rate 1 − r/RAMP, integrated
        rates[j] = 1 - (double) r / RAMP;
      } else {
        times[j] = h;
        rates[j] = 0;
      }
    }
    return ClipRetime.resample(
        c,
        times,
        rates,
        stopName(c.name()),
        "stop_made_from",
        c.name() + " (slowed to a stand at its frame " + h + ")");
  }

  /** {@code c} starting in its first second, or null when it has no double support there. */
  public static Clip start(Clip c) {
    int n = c.frames();
    int h = standingFrame(c, 0, Math.min(RAMP, n - 1 - RAMP / 2));
    if (h < 0) return null;
    int m = HOLD + RAMP + (n - 1 - (h + RAMP / 2)) + 1;
    double[] times = new double[m], rates = new double[m];
    for (int j = 0; j < m; j++) {
      int r = j - HOLD;
      if (r <= 0) {
        times[j] = h;
        rates[j] = 0;
      } else if (r <= RAMP) {
        times[j] = h + r * r / (2.0 * RAMP); // the rate r/RAMP, integrated
        rates[j] = (double) r / RAMP;
      } else {
        times[j] = h + RAMP / 2.0 + (r - RAMP);
        rates[j] = 1;
      }
    }
    return ClipRetime.resample(
        c,
        times,
        rates,
        startName(c.name()),
        "start_made_from",
        c.name() + " (starting from a stand at its frame " + h + ")");
  }

  /**
   * A stop and a start of every clip of a {@link #SKILLS} skill that has them (clip-major), posed
   * for {@code body} when the clip has poses.
   */
  public static List<Clip> withPoses(List<Clip> clips, BodyModel body) {
    List<Clip> originals = new ArrayList<>(), made = new ArrayList<>();
    for (Clip c : clips) {
      if (!SKILLS.contains(c.skill())) continue;
      for (Clip d : new Clip[] {stop(c), start(c)}) {
        if (d == null) continue;
        originals.add(c);
        made.add(d);
      }
    }
    return Importers.posedLike(originals, made, body);
  }

  /**
   * The most planted double-support frame in [from, to]: the one whose higher foot (per foot, the
   * higher of ankle and toe above its lowest in the clip) is lowest; -1 when there is none.
   */
  private static int standingFrame(Clip c, int from, int to) {
    boolean[][] contact = MotionStats.contacts(c);
    String[] points = {"L_Ankle", "L_Toe", "R_Ankle", "R_Toe"};
    int k = c.keypoints().size();
    double[] low = new double[4];
    int[] idx = new int[4];
    for (int i = 0; i < 4; i++) {
      idx[i] = c.keypoint(points[i]);
      if (idx[i] < 0) return -1;
      low[i] = MotionStats.lowest(c, idx[i]);
    }
    int best = -1;
    double bestLift = Double.POSITIVE_INFINITY;
    for (int f = Math.max(0, from); f <= to; f++) {
      if (!contact[0][f] || !contact[1][f]) continue;
      double lift = 0;
      for (int i = 0; i < 4; i++)
        lift = Math.max(lift, c.positions()[(f * k + idx[i]) * 3 + 2] - low[i]);
      if (lift < bestLift) {
        bestLift = lift;
        best = f;
      }
    }
    return best;
  }
}
