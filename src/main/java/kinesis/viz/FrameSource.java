package kinesis.viz;

import kinesis.sim.SimData;
import kinesis.task.Rollout;

/** A sequence of poses to draw: sets a SimData to frame {@code i} and names the marker points. */
public interface FrameSource {
  int frames();

  double fps();

  /** Writes frame {@code i} into {@code d} (qpos, and act where known) and runs the kinematics. */
  void apply(int i, SimData d);

  /** Reference keypoints of frame {@code i} as xyz triples (empty when none). */
  double[] markers(int i);

  /**
   * Frames of a motion clip: its solved poses (the model of the poses) and its keypoints as
   * markers.
   */
  static FrameSource of(kinesis.motion.Clip c) {
    if (c.poses() == null || c.poses().length == 0) {
      throw new kinesis.io.BadInputException("clip '" + c.name() + "' has no solved poses to draw");
    }
    int k = c.keypoints().size();
    return new FrameSource() {
      @Override
      public int frames() {
        return c.frames();
      }

      @Override
      public double fps() {
        return c.fps();
      }

      @Override
      public void apply(int i, SimData d) {
        d.qpos.copyFrom(c.poseAtOrBefore(i), 0);
        d.fwdPosition();
      }

      @Override
      public double[] markers(int i) {
        return java.util.Arrays.copyOfRange(c.positions(), i * k * 3, (i + 1) * k * 3);
      }
    };
  }

  /** Frames of a recorded rollout: its qpos, activations and reference keypoints. */
  static FrameSource of(Rollout r) {
    int nq = r.meta().nq(), nu = r.meta().nu(), nk = r.meta().keypointNames().size();
    return new FrameSource() {
      @Override
      public int frames() {
        return r.steps();
      }

      @Override
      public double fps() {
        return r.meta().fps();
      }

      @Override
      public void apply(int i, SimData d) {
        for (int j = 0; j < nq; j++) d.qpos.set(j, r.qpos()[i * nq + j]);
        if (d.act.length() == nu) for (int j = 0; j < nu; j++) d.act.set(j, r.act()[i * nu + j]);
        d.fwdPosition();
      }

      @Override
      public double[] markers(int i) {
        return java.util.Arrays.copyOfRange(r.keypoints(), i * nk * 3, (i + 1) * nk * 3);
      }
    };
  }
}
