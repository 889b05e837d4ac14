package kinesis.body;

import java.util.List;

/**
 * One named musculoskeletal model: which MJCF file, which body is the root, which bodies are
 * tracked against motion keypoints (kinesis-reference.md §1.6), which touch sensors and bodies make
 * up the feet. Pure data; {@link BodyModel} resolves it against a loaded model.
 *
 * @param name the name users type ({@code legs}, {@code legs-abs}, {@code legs-back})
 * @param file MJCF path relative to the asset root
 * @param muscles expected number of muscle actuators (checked at load)
 * @param root root body (free joint)
 * @param tracked tracked bodies in observation order
 * @param trackedKeypoints keypoint name each tracked body follows (same order as {@code tracked})
 * @param touchSensors foot touch sensors: right heel, right toes, left heel, left toes
 * @param feet foot bodies (right calcaneus, right toes, left calcaneus, left toes)
 * @param ikRootPrior weight of the pose solver's pull of the root orientation toward the clip's
 *     root frame (metres of keypoint error per radian): weak for the legs alone; firm for the
 *     models with a spine, which the keypoints let lean the pelvis back by 40° and bend the spine
 *     to match
 * @param description one line for listings
 */
public record Variant(
    String name,
    String file,
    int muscles,
    String root,
    List<String> tracked,
    List<String> trackedKeypoints,
    List<String> touchSensors,
    List<String> feet,
    double ikRootPrior,
    String description) {

  public Variant {
    tracked = List.copyOf(tracked);
    trackedKeypoints = List.copyOf(trackedKeypoints);
    touchSensors = List.copyOf(touchSensors);
    feet = List.copyOf(feet);
    if (!(ikRootPrior > 0))
      throw new IllegalArgumentException("ikRootPrior must be positive for " + name);
    if (tracked.size() != trackedKeypoints.size()) {
      throw new IllegalArgumentException(
          "tracked bodies and keypoints differ in length for " + name);
    }
  }
}
