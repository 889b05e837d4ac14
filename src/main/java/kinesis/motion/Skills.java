package kinesis.motion;

import java.util.List;

/**
 * Skill labels of the clip format and a classifier from motion statistics, used when an import does
 * not name the skill. Rules, first match wins: backwards (pelvis moves against its heading faster
 * than 0.3 m/s); turn-in-place (slower than 0.3 m/s, heading changes more than 45°); other (slower
 * than 0.3 m/s); run (both feet off the ground in more than 8 % of frames, or faster than 2.5 m/s);
 * turn (heading changes more than 45°); walk.
 */
public final class Skills {
  private Skills() {}

  public static final List<String> LABELS =
      List.of("walk", "turn", "turn-in-place", "backwards", "run", "other");

  /** The label, or a {@link kinesis.io.BadInputException} listing the valid ones. */
  public static String check(String label) {
    if (label != null && !LABELS.contains(label)) {
      throw new kinesis.io.BadInputException("unknown skill '" + label + "'; use one of " + LABELS);
    }
    return label;
  }

  public static String classify(Clip clip, BodyDims dims) {
    return classify(MotionStats.of(clip));
  }

  public static String classify(MotionStats s) {
    double turn = Math.abs(s.headingChangeDeg());
    if (s.forwardSpeed() < -0.3) return "backwards";
    if (s.speed() < 0.3) return turn > 45 ? "turn-in-place" : "other";
    if (s.flightFraction() > 0.08 || s.speed() > 2.5) return "run";
    if (turn > 45) return "turn";
    return "walk";
  }
}
