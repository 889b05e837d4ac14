package kinesis.motion.text;

import java.util.List;
import java.util.Map;
import kinesis.motion.Clip;
import kinesis.motion.Importers;

/**
 * A reference motion made from a prompt by one route, with what it was made from.
 *
 * @param clip the reference clip (30 fps keypoints and initial poses for the body)
 * @param ik how well the body fits it (null when the library does not record it)
 * @param route files, retrieve or compose
 * @param material what the route used (file and sample, or clip set and clip, score, text)
 * @param candidates the other candidates the route considered, best first (may be empty)
 */
public record Reference(
    Clip clip,
    Importers.IkStats ik,
    String route,
    Map<String, Object> material,
    List<Map<String, Object>> candidates) {
  public Reference {
    material = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(material));
    candidates = List.copyOf(candidates);
  }
}
