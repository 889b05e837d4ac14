package kinesis.motion.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Route 3's stitching: one track from a list of commands, each played by a library clip ({@link
 * ClipChoice}). Straight moves and circles loop the clip's gait cycle ({@link Gait#bestCycle})
 * until the distance (pelvis path) or duration is reached, then are cut at that frame; turns play a
 * turn clip from the start of its turning to half a cycle after it. Each piece's heading change is
 * then made exactly the command's (0 straight, ±360° a circle, the angle for a turn) by {@link
 * Seams#curve}, and pieces are joined by {@link Seams#join}. Every piece after the first starts at
 * the gait phase the previous one ended in (left-touchdown phase), so the same foot is on the
 * ground on both sides of a seam. The first piece starts at its clip's first frame.
 */
public final class Composer {
  private Composer() {}

  /** Frames each side of a seam over which the pose jump fades. */
  public static final int SEAM_FRAMES = 12;

  /** Frame rate of the composition (the clip format's). */
  public static final double FPS = 30;

  /** Cycle length assumed where a track shows fewer than two left touchdowns (frames). */
  public static final int FALLBACK_CYCLE = 33;

  /**
   * Duration of a turn curved into a walk when the library has no turn clip of that side, per 90°
   * (s).
   */
  public static final double CURVED_TURN_SECONDS_PER_90 = 2;

  /**
   * One command as played: the chosen clip, the frames taken from it (from {@code start}; for
   * loops, then the cycle [cycleStart, cycleEnd) again and again), how many cycle repetitions were
   * added, the heading added by curving, where it begins in the composition and how many frames it
   * has.
   */
  public record Piece(
      Command command,
      ClipChoice.Choice choice,
      String how,
      int start,
      int cycleStart,
      int cycleEnd,
      int loops,
      double addedTurnDeg,
      double poseGapM,
      int offset,
      int frames) {}

  /** The stitched track and its pieces in order. */
  public record Composition(Track track, List<Piece> pieces) {}

  public static Composition compose(List<Command> commands, ClipChoice choice) {
    Track all = null;
    List<Piece> pieces = new ArrayList<>();
    for (Command c : commands) {
      Built b = build(c, choice, all);
      int offset = all == null ? 0 : all.frames();
      double gap = all == null ? 0 : Gait.poseDistance(all, all.frames() - 1, b.track, 0);
      all = all == null ? b.track : Seams.join(all, b.track, SEAM_FRAMES);
      pieces.add(
          new Piece(
              b.command,
              b.choice,
              b.how,
              b.start,
              b.cycleStart,
              b.cycleEnd,
              b.loops,
              b.addedTurnDeg,
              gap,
              offset,
              b.track.frames()));
    }
    // start at the origin facing +x, as every clip does
    Track moved = all.moved(-all.heading(0), 0, 0);
    double[] p0 = moved.at(0, Gait.PELVIS);
    return new Composition(moved.moved(0, -p0[0], -p0[1]), pieces);
  }

  private record Built(
      Command command,
      ClipChoice.Choice choice,
      String how,
      Track track,
      int start,
      int cycleStart,
      int cycleEnd,
      int loops,
      double addedTurnDeg) {}

  private static Built build(Command c, ClipChoice choice, Track prev) {
    if (c.kind() == Command.Kind.TURN) {
      ClipChoice.Choice turn = choice.turn(c.turnDeg());
      if (turn != null) return turn(c, turn, prev);
      // no turn clip of that side: curve a walk instead
      double secs = Math.max(1.5, CURVED_TURN_SECONDS_PER_90 * Math.abs(c.turnDeg()) / 90);
      Command curved =
          new Command(Command.Kind.TURN, "walk", c.turnDeg(), Double.NaN, secs, c.phrase());
      return looped(
          curved,
          choice.straight("walk"),
          prev,
          "no turn clip turns that way: a walk curved over " + secs + " s");
    }
    return looped(
        c,
        choice.straight(c.gait()),
        prev,
        c.kind() == Command.Kind.CIRCLE
            ? "walk cycle looped and curved into a circle"
            : "gait cycle looped");
  }

  /**
   * A straight move or circle: the clip from its start (or the matching phase), then its cycle
   * looped, cut at the distance or duration, curved.
   */
  private static Built looped(Command c, ClipChoice.Choice ch, Track prev, String how) {
    ClipChoice.Source src = ch.source();
    Gait.Cycle cyc = src.cycle();
    int len = cyc.end() - cyc.start();
    int start = prev == null ? 0 : cyc.start() + phaseOffset(prev, len);
    Track cycle = src.track().slice(cyc.start(), cyc.end());
    Track u = src.track().slice(start, cyc.end());
    boolean byTime = Double.isFinite(c.seconds());
    int frames = byTime ? Math.max(2, (int) Math.round(c.seconds() * FPS)) : 0;
    int loops = 0;
    // loop until comfortably past the goal
    while (byTime ? u.frames() < frames : u.path(0, u.frames() - 1) < 1.2 * c.distanceM() + 0.5) {
      u = Seams.join(u, cycle, SEAM_FRAMES);
      loops++;
    }
    double target = Math.toRadians(c.turnDeg());
    Track piece;
    if (byTime) {
      Track cut = u.slice(0, frames);
      piece = Seams.curve(cut, target - cut.headingChange(0, frames - 1));
    } else {
      // cut where the pelvis path reaches the distance; curving changes the path a little, so cut
      // again once
      double goal = c.distanceM();
      piece = null;
      for (int pass = 0; pass < 3; pass++) {
        Track cut = u.slice(0, cutAtPath(u, goal) + 1);
        piece = Seams.curve(cut, target - cut.headingChange(0, cut.frames() - 1));
        double got = piece.path(0, piece.frames() - 1);
        if (Math.abs(got - c.distanceM()) < 0.01) break;
        goal *= c.distanceM() / got;
      }
    }
    int used = Math.max(0, (int) Math.ceil((piece.frames() - (cyc.end() - start)) / (double) len));
    double added = c.turnDeg() - Math.toDegrees(uncurvedChange(u, piece.frames()));
    return new Built(
        c, ch, how, piece, start, cyc.start(), cyc.end(), Math.min(used, loops), added);
  }

  /**
   * A turn: the turn clip from the matching phase of its first cycle to half a cycle after its
   * turning, curved to the exact angle.
   */
  private static Built turn(Command c, ClipChoice.Choice ch, Track prev) {
    ClipChoice.Source src = ch.source();
    Gait g = src.gait();
    int[] left = g.touchdowns()[0];
    int cycle = g.cycleLength(FALLBACK_CYCLE);
    int start = 0;
    if (prev != null && left.length > 0)
      start = Math.min(left[0] + phaseOffset(prev, cycle), src.clip().frames() - 2);
    int end = turnEnd(src.track(), start, cycle);
    Track cut = src.track().slice(start, end + 1);
    double natural = cut.headingChange(0, cut.frames() - 1);
    Track piece = Seams.curve(cut, Math.toRadians(c.turnDeg()) - natural);
    return new Built(
        c,
        ch,
        "turn clip from its turning's start to half a cycle after it",
        piece,
        start,
        -1,
        -1,
        0,
        c.turnDeg() - Math.toDegrees(natural));
  }

  /**
   * Frames into a cycle of {@code len} frames matching the phase of the frame after {@code prev}'s
   * last.
   */
  static int phaseOffset(Track prev, int len) {
    Gait g = Gait.of(prev);
    int n = prev.frames();
    double phase = g.phase(n - 1, FALLBACK_CYCLE);
    if (Double.isNaN(phase)) return 0;
    phase = (phase + 1.0 / g.cycleLength(FALLBACK_CYCLE)) % 1.0;
    return (int) Math.round(phase * len) % len;
  }

  /**
   * First frame where the pelvis path from frame 0 reaches {@code metres} (the last frame if
   * never).
   */
  static int cutAtPath(Track t, double metres) {
    double sum = 0;
    for (int f = 1; f < t.frames(); f++) {
      sum += t.path(f - 1, f);
      if (sum >= metres) return f;
    }
    return t.frames() - 1;
  }

  /** Heading change of the first {@code frames} frames of an uncurved track (radians). */
  private static double uncurvedChange(Track u, int frames) {
    return u.headingChange(0, Math.min(frames, u.frames()) - 1);
  }

  /**
   * Last frame of a turn: half a cycle after the heading (smoothed over one cycle, which removes
   * the sway of each step) has made 95 % of its change from {@code start}.
   */
  static int turnEnd(Track t, int start, int cycle) {
    int n = t.frames();
    double[] h = new double[n];
    for (int f = start + 1; f < n; f++)
      h[f] = h[f - 1] + kinesis.motion.Rot.wrap(t.heading(f) - t.heading(f - 1));
    double[] s = new double[n];
    for (int f = start; f < n; f++) {
      int a = Math.max(start, f - cycle / 2), b = Math.min(n - 1, f + cycle / 2);
      double sum = 0;
      for (int i = a; i <= b; i++) sum += h[i];
      s[f] = sum / (b - a + 1);
    }
    double total = s[n - 1] - s[start];
    int e = n - 1;
    for (int f = start; f < n; f++) {
      if (Math.abs(s[f] - s[start]) >= 0.95 * Math.abs(total)) {
        e = f;
        break;
      }
    }
    return Math.min(n - 1, Math.max(e + cycle / 2, start + 1));
  }
}
