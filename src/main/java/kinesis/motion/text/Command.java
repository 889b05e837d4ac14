package kinesis.motion.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One locomotion command of a composition, with its defaults already applied.
 *
 * <ul>
 *   <li>{@code STRAIGHT}: move in the gait's direction for {@code distanceM} metres (pelvis path)
 *       or {@code seconds}; the heading does not change.
 *   <li>{@code TURN}: a walking turn by {@code turnDeg} (+ = left), as long as the turn takes.
 *   <li>{@code CIRCLE}: one full circle ({@code turnDeg} = ±360) with the gait, its path {@code
 *       distanceM} long (from the radius, a stated circumference, or {@code seconds}).
 * </ul>
 *
 * @param kind STRAIGHT, TURN or CIRCLE
 * @param gait walk, backwards or run ({@link kinesis.motion.Skills} labels)
 * @param turnDeg heading change the command asks for, degrees (+ = left)
 * @param distanceM pelvis path length asked for (NaN when the duration decides)
 * @param seconds duration asked for (NaN when the distance decides or the turn takes its own time)
 * @param phrase the words of the sentence this command came from
 */
public record Command(
    Kind kind, String gait, double turnDeg, double distanceM, double seconds, String phrase) {
  public enum Kind {
    STRAIGHT,
    TURN,
    CIRCLE
  }

  /** The command as JSON-ready fields (NaN fields left out). */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phrase", phrase);
    m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    m.put("gait", gait);
    m.put("turn_deg", turnDeg);
    if (Double.isFinite(distanceM)) m.put("distance_m", distanceM);
    if (Double.isFinite(seconds)) m.put("seconds", seconds);
    return m;
  }
}
