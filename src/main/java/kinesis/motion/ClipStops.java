package kinesis.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kinesis.body.BodyModel;

/**
 * Walks that stop and walks that start, made from a clip that does neither. A stop plays the clip
 * up to half a second before a double-support frame (both feet down, {@link MotionStats#contacts}),
 * then slows down linearly to a standstill over {@link #RAMP} frames (covering that last half
 * second of motion in one second) and holds the double-support pose for {@link #HOLD} frames; a
 * start holds the first double-support pose for {@link #HOLD} frames, speeds up over {@link #RAMP}
 * frames and plays the rest of the clip. Velocities follow the playback rate (zero while holding).
 * The public clips never stop or stand, which is where the unseen clips and goal reaching fail
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

  /** {@code c} stopping at its last double-support frame, or null when it has none late enough. */
  public static Clip stop(Clip c) {
    boolean[] both = doubleSupport(c);
    int h = -1;
    for (int f = c.frames() - 1; f >= RAMP / 2; f--) {
      if (both[f]) {
        h = f;
        break;
      }
    }
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

  /**
   * {@code c} starting from its first double-support pose, or null when it has none early enough.
   */
  public static Clip start(Clip c) {
    boolean[] both = doubleSupport(c);
    int n = c.frames(), h = -1;
    for (int f = 0; f + RAMP / 2 < n; f++) {
      if (both[f]) {
        h = f;
        break;
      }
    }
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

  private static boolean[] doubleSupport(Clip c) {
    boolean[][] contact = MotionStats.contacts(c);
    boolean[] both = new boolean[c.frames()];
    for (int f = 0; f < both.length; f++) both[f] = contact[0][f] && contact[1][f];
    return both;
  }
}
