package kinesis.viz.web;

import java.util.List;
import kinesis.io.BadInputException;

/**
 * One recorded episode as the web viewer needs it: one row per control step. The viewer replays the
 * kinematics from {@code qpos}; everything else is drawn or plotted as given.
 *
 * @param label shown above the rollout's view (e.g. the clip or checkpoint name)
 * @param model model variant name: {@code legs}, {@code legs-abs} or {@code legs-back}
 * @param fps control steps per second (30 in KINESIS)
 * @param qpos T × nq generalised positions of the model
 * @param keypoints T × (J·3) reference keypoints (world frame, metres), drawn as a ghost; J may be
 *     0 (no reference). When J equals the variant's tracked bodies, the ghost is drawn as a
 *     skeleton joining each keypoint to its nearest tracked ancestor
 * @param muscleNames names of the muscles in {@code act}, matched to the model's actuators by name
 * @param act T × M muscle activations in [0, 1] (M may be 0)
 * @param rewardNames names of the reward terms
 * @param rewards T × R reward terms (R may be 0)
 */
public record Replay(
    String label,
    String model,
    double fps,
    double[][] qpos,
    double[][] keypoints,
    List<String> muscleNames,
    double[][] act,
    List<String> rewardNames,
    double[][] rewards) {

  /**
   * The replay of a recorded rollout: its qpos, reference keypoints, activations and reward terms.
   */
  public static Replay of(kinesis.task.Rollout r, String label) {
    var m = r.meta();
    int n = r.steps();
    return new Replay(
        label,
        m.model(),
        m.fps(),
        rows(r.qpos(), n),
        rows(r.keypoints(), n),
        m.muscleNames(),
        rows(r.act(), n),
        m.rewardNames(),
        rows(r.rewards(), n));
  }

  private static double[][] rows(double[] flat, int n) {
    int w = n == 0 ? 0 : flat.length / n;
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * w, (i + 1) * w);
    return out;
  }

  public Replay {
    if (label == null || label.isBlank()) label = "replay";
    if (model == null) throw bad(label, "no model name");
    if (qpos == null) throw bad(label, "no qpos");
    // optional parts: absent means none
    if (keypoints == null) keypoints = new double[0][];
    muscleNames = muscleNames == null ? List.of() : List.copyOf(muscleNames);
    if (act == null) act = new double[0][];
    rewardNames = rewardNames == null ? List.of() : List.copyOf(rewardNames);
    if (rewards == null) rewards = new double[0][];
    if (!(fps > 0) || Double.isInfinite(fps)) throw bad(label, "fps must be positive, got " + fps);
    if (qpos.length == 0) throw bad(label, "no frames");
    int t = qpos.length;
    checkMatrix(label, "qpos", qpos, t, qpos[0].length);
    if (qpos[0].length == 0) throw bad(label, "qpos rows are empty");
    checkMatrix(label, "keypoints", keypoints, t, keypoints.length == 0 ? 0 : keypoints[0].length);
    if (keypoints.length > 0 && keypoints[0].length % 3 != 0) {
      throw bad(label, "keypoints rows must hold J×3 values, got " + keypoints[0].length);
    }
    checkMatrix(label, "act", act, t, muscleNames.size());
    checkMatrix(label, "rewards", rewards, t, rewardNames.size());
  }

  /** Number of frames T. */
  public int frames() {
    return qpos.length;
  }

  /** Number of reference keypoints J. */
  public int keypointCount() {
    return keypoints.length == 0 ? 0 : keypoints[0].length / 3;
  }

  public double duration() {
    return frames() / fps;
  }

  // Every matrix has T rows (or 0 rows when it has 0 columns) of equal, finite values.
  private static void checkMatrix(String label, String name, double[][] m, int rows, int cols) {
    if (m.length == 0 && cols == 0) return;
    if (m.length != rows)
      throw bad(label, name + " has " + m.length + " rows, expected " + rows + " (one per frame)");
    for (int i = 0; i < m.length; i++) {
      if (m[i] == null || m[i].length != cols) {
        throw bad(
            label,
            name
                + " row "
                + i
                + " has "
                + (m[i] == null ? 0 : m[i].length)
                + " values, expected "
                + cols);
      }
      for (int j = 0; j < cols; j++) {
        if (!Double.isFinite(m[i][j]))
          throw bad(label, name + "[" + i + "][" + j + "] is " + m[i][j]);
      }
    }
  }

  private static BadInputException bad(String label, String problem) {
    return new BadInputException("replay '" + label + "': " + problem);
  }
}
