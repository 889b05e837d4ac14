package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import org.junit.jupiter.api.Test;

class ClipsTest {

  /**
   * Standing height and keypoints agree with the golden harness's standing pose (z = 0.948865 by
   * bisection).
   */
  @Test
  void standingClipMatchesReferenceStandingPose() {
    Golden g = Golden.load();
    try (BodyModel legs = BodyModel.load("legs")) {
      double[] pose = Clips.standingPose(legs);
      assertArrayEquals(Golden.doubles(g.meta.get("standing_pose_qpos")), pose, 2e-6);
      Clip c = Clips.standing(legs, 10);
      assertEquals(301, c.frames());
      assertEquals(10.0, c.duration(), 1e-12);
      assertEquals(legs.variant.trackedKeypoints(), c.keypoints());
      double[] want = Golden.doubles(g.meta.get("reference_clip").get("frame0_tracked_positions"));
      double[] first = java.util.Arrays.copyOfRange(c.positions(), 0, 21);
      double[] last = java.util.Arrays.copyOfRange(c.positions(), 300 * 21, 301 * 21);
      assertArrayEquals(want, first, 2e-6);
      assertArrayEquals(first, last, 0);
      for (double v : c.velocities()) assertEquals(0, v, 0);
      assertArrayEquals(pose, c.poseAtOrBefore(250), 0);
      assertEquals("legs", c.poseModel());
    }
  }

  /** The sliding clip moves every keypoint forward at its speed and says so in its velocities. */
  @Test
  void slidingClipMovesForward() {
    try (BodyModel legs = BodyModel.load("legs")) {
      Clip c = Clips.sliding(legs, 2, 0.8);
      double[] p = new double[21], v = new double[21], p0 = new double[21];
      int[] idx = {0, 1, 2, 3, 4, 5, 6};
      c.sample(0, idx, p0, null);
      c.sample(1.5, idx, p, v);
      for (int j = 0; j < 7; j++) {
        assertEquals(p0[3 * j] + 1.2, p[3 * j], 1e-12);
        assertEquals(0.8, v[3 * j], 0);
        assertEquals(p0[3 * j + 2], p[3 * j + 2], 0);
      }
    }
  }
}
