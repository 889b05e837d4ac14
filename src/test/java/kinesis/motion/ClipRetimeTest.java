package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import org.junit.jupiter.api.Test;

class ClipRetimeTest {
  @Test
  void aFasterClipWalksTheSamePathInLessTime() {
    Clip slow = MotionStatsTest.gait(1.0, Math.toRadians(30), false); // 3 s, 91 frames
    Clip fast = ClipRetime.keypoints(slow, 1.5);
    assertEquals("g-x1.5", fast.name());
    assertEquals(61, fast.frames()); // frame 60 is source frame 90, the last
    assertEquals(2.0, fast.duration(), 1e-12);
    MotionStats a = MotionStats.of(slow), b = MotionStats.of(fast);
    assertEquals(1.5 * a.speed(), b.speed(), 0.02);
    assertEquals(a.headingChangeDeg(), b.headingChangeDeg(), 1e-9);
    assertEquals(a.steps(), b.steps());
    // even frames land on source frames: positions equal, velocities 1.5 times as large
    int k3 = 3 * slow.keypoints().size();
    for (int j = 0; j < fast.frames(); j += 2) {
      int i = j * 3 / 2;
      for (int d = 0; d < k3; d++) {
        assertEquals(slow.positions()[i * k3 + d], fast.positions()[j * k3 + d], 1e-12);
        assertEquals(1.5 * slow.velocities()[i * k3 + d], fast.velocities()[j * k3 + d], 1e-12);
      }
      assertArrayEquals(Signal.at(slow.rootQuat(), i, 4), Signal.at(fast.rootQuat(), j, 4), 1e-12);
    }
    // odd frames fall between two source frames: a unit quaternion between them
    double[] q = Signal.at(fast.rootQuat(), 1, 4);
    assertEquals(1, Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]), 1e-12);
    assertEquals(Math.toRadians(30) * 1.5 / 30, 2 * Math.atan2(q[3], q[0]), 1e-6);
    assertTrue(fast.provenance().get("retimed_from").startsWith("g (played at 1.5"));
  }

  @Test
  void aSlowerClipHasMoreFramesAndSmallerVelocities() {
    Clip c = MotionStatsTest.gait(1.2, 0, true);
    Clip slow = ClipRetime.keypoints(c, 0.8);
    assertEquals("g-x0.8", slow.name());
    assertEquals(113, slow.frames()); // floor(90 / 0.8) + 1
    assertEquals(0.8 * MotionStats.of(c).speed(), MotionStats.of(slow).speed(), 0.02);
    assertArrayEquals(
        Signal.at(c.positions(), 90 * 8, 3), Signal.at(slow.positions(), 112 * 8, 3), 0.02);
  }

  @Test
  void speedsOutsideTheRangeAreRefused() {
    Clip c = MotionStatsTest.gait(1.0, 0, false);
    for (double s : new double[] {0.4, 2.5, Double.NaN})
      assertThrows(IllegalArgumentException.class, () -> ClipRetime.keypoints(c, s));
    assertEquals("w-x1.25", ClipRetime.name("w", 1.25));
    assertEquals("w-x2", ClipRetime.name("w", 2.0));
  }

  @Test
  void retimedClipsArePosedForTheBody() {
    try (BodyModel body = BodyModel.load("legs");
        Importers imp = new Importers(body, 3)) {
      Clip walk =
          imp.importFile(
                  Assets.resolve(
                      "data/motions/bandai-namco/dataset-1/dataset-1_walk_normal_001.bvh"),
                  null,
                  null,
                  1.0,
                  1.5)
              .get(0)
              .clip();
      List<Clip> both = ClipRetime.withPoses(List.of(walk), List.of(0.8, 1.3), body);
      assertEquals(
          List.of(walk.name() + "-x0.8", walk.name() + "-x1.3"),
          both.stream().map(Clip::name).toList());
      for (Clip c : both) {
        assertEquals(3, c.poseStride());
        assertEquals((c.frames() + 2) / 3, c.poses().length);
        assertEquals(body.sim.nq, c.poses()[0].length);
      }
    }
  }
}
