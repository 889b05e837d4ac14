package kinesis.task;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;

/**
 * Clips checked against a model: for each clip the indices of the keypoints the model's tracked
 * bodies follow, and whether its stored poses belong to this model. Immutable; shared by all
 * environments of a run.
 */
public final class TrackedClips {
  private final List<Clip> clips;
  private final int[][] keypointIdx;
  private final boolean[] ownPoses;

  public TrackedClips(BodyModel body, List<Clip> clips) {
    if (clips.isEmpty())
      throw new BadInputException("no motion clips given to the imitation environment");
    this.clips = List.copyOf(clips);
    List<String> wanted = body.variant.trackedKeypoints();
    keypointIdx = new int[clips.size()][];
    ownPoses = new boolean[clips.size()];
    for (int c = 0; c < clips.size(); c++) {
      Clip clip = clips.get(c);
      if (clip.frames() < 2 || !(clip.fps() > 0)) {
        throw new BadInputException(
            "clip '" + clip.name() + "' needs at least 2 frames and a positive fps");
      }
      int[] idx = new int[wanted.size()];
      for (int j = 0; j < idx.length; j++) {
        idx[j] = clip.keypoint(wanted.get(j));
        if (idx[j] < 0) {
          throw new BadInputException(
              "clip '"
                  + clip.name()
                  + "' has no keypoint '"
                  + wanted.get(j)
                  + "' needed by model "
                  + body.variant.name()
                  + " (it has "
                  + clip.keypoints()
                  + ")");
        }
      }
      keypointIdx[c] = idx;
      ownPoses[c] =
          clip.poses() != null
              && clip.poses().length > 0
              && clip.poseStride() > 0
              && body.variant.name().equals(clip.poseModel())
              && clip.poses()[0].length == body.robotNq;
    }
  }

  public int size() {
    return clips.size();
  }

  public Clip clip(int c) {
    return clips.get(c);
  }

  /** Keypoint indices of clip {@code c} in the model's tracked order. */
  public int[] keypoints(int c) {
    return keypointIdx[c];
  }

  /**
   * A random start frame of clip {@code c}: one with a stored pose of this model (every pose
   * stride), else any frame but the last, drawn from {@code rng}.
   */
  public int randomFrame(int c, Rng rng) {
    Clip clip = clips.get(c);
    int last = clip.frames() - 2;
    return ownPoses[c]
        ? clip.poseStride()
            * rng.nextInt(Math.min(clip.poses().length, last / clip.poseStride() + 1))
        : rng.nextInt(last + 1);
  }

  /**
   * The first start frame of clip {@code c} at or after {@code frame}: one with a stored pose of
   * this model, else {@code frame} itself; -1 when none leaves a step to play.
   */
  public int startFrameFrom(int c, int frame) {
    Clip clip = clips.get(c);
    int f = frame;
    if (ownPoses[c]) {
      int k = Math.ceilDiv(Math.max(0, frame), clip.poseStride());
      f = k < clip.poses().length ? k * clip.poseStride() : Integer.MAX_VALUE;
    }
    return f <= clip.frames() - 2 ? f : -1;
  }

  /** True when clip {@code c} stores initial poses solved for this model. */
  public boolean hasPoses(int c) {
    return ownPoses[c];
  }
}
