package kinesis.motion;

import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;

/**
 * Clips made from other clips by kind: {@code mirror} (the left/right mirror image), {@code stops}
 * (a stop and a start made from each walk) and {@code speed=S} (played S times as fast). Used to
 * evaluate on motions no clip holds ({@code eval --variants}) and to teach a gate on them ({@code
 * moe --lookahead-variants}).
 */
public final class ClipVariants {
  private ClipVariants() {}

  /** Checks the kinds now, without making clips; bad kinds are bad input. */
  public static void check(List<String> kinds) {
    for (String k : kinds) speedOf(k.trim());
  }

  /** The variants of each kind, in order, each posed for {@code body} (may be empty). */
  public static List<Clip> of(List<Clip> clips, List<String> kinds, BodyModel body) {
    List<Clip> out = new ArrayList<>();
    for (String k : kinds) {
      String kind = k.trim();
      double speed = speedOf(kind);
      if (kind.equals("mirror")) out.addAll(ClipMirror.withPoses(clips, body));
      else if (kind.equals("stops")) out.addAll(ClipStops.withPoses(clips, body));
      else out.addAll(ClipRetime.withPoses(clips, List.of(speed), body));
    }
    return out;
  }

  /** The speed of a {@code speed=S} kind, NaN for the other known kinds. */
  private static double speedOf(String kind) {
    if (kind.equals("mirror") || kind.equals("stops")) return Double.NaN;
    if (!kind.startsWith("speed="))
      throw new BadInputException("variants: unknown kind '" + kind + "' (mirror, stops, speed=S)");
    double speed;
    try {
      speed = Double.parseDouble(kind.substring(6));
    } catch (NumberFormatException e) {
      throw new BadInputException("variants: speed must be a number, not '" + kind + "'");
    }
    if (!(speed > 0) || speed == 1)
      throw new BadInputException("variants: speed must be positive and not 1: " + kind);
    return speed;
  }
}
