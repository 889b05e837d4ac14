package kinesis.eval;

import kinesis.task.TrackingError;

/**
 * The result of imitating one clip once from its first frame (kinesis-reference.md §5, with the
 * MPJPE being this clip's own mean rather than the reference code's running mean over clips).
 *
 * @param clip clip name
 * @param skill skill label of the clip
 * @param success the episode reached the clip's end without terminating
 * @param coverage fraction of the clip imitated, in [0, 1] (1 on success)
 * @param mpjpeMm mean over scored steps and tracked bodies of the position error, millimetres
 * @param failureFrame reference frame at which the episode terminated (-1 on success)
 * @param steps control steps scored
 * @param end how the body stood against its reference at the last step ({@link TrackingError#NONE}
 *     when unknown)
 */
public record ClipOutcome(
    String clip,
    String skill,
    boolean success,
    double coverage,
    double mpjpeMm,
    int failureFrame,
    int steps,
    TrackingError end) {

  /**
   * Scores one episode from its per-step mean tracking errors (metres; step k = 1..K compared with
   * the reference at k/fps, the initial state not scored, the terminating step included).
   *
   * @param clipSeconds duration of the clip, (frames − 1)/fps
   * @param fps control rate (30)
   * @param stepErrors mean distance over tracked bodies after each control step, metres
   * @param terminated whether the episode ended by termination rather than reaching the clip end
   * @param end the tracking error at the last step
   */
  public static ClipOutcome score(
      String clip,
      String skill,
      double clipSeconds,
      double fps,
      double[] stepErrors,
      boolean terminated,
      TrackingError end) {
    int k = stepErrors.length;
    double sum = 0;
    for (double e : stepErrors) sum += e;
    double mpjpe = k == 0 ? Double.NaN : 1000 * sum / k;
    double coverage = terminated ? Math.min(1, (k / fps) / clipSeconds) : 1;
    return new ClipOutcome(clip, skill, !terminated, coverage, mpjpe, terminated ? k : -1, k, end);
  }
}
