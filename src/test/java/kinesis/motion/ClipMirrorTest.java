package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import kinesis.sim.ObjType;
import org.junit.jupiter.api.Test;

class ClipMirrorTest {
  @Test
  void aLeftTurnBecomesARightTurnWithTheFeetSwapped() {
    Clip left = MotionStatsTest.gait(1.0, Math.toRadians(30), false);
    Clip right = ClipMirror.keypoints(left);
    assertEquals("g" + ClipMirror.SUFFIX, right.name());
    assertEquals(90, MotionStats.of(left).headingChangeDeg(), 1e-6);
    assertEquals(-90, MotionStats.of(right).headingChangeDeg(), 1e-6);
    assertEquals(MotionStats.of(left).steps(), MotionStats.of(right).steps());
    // the mirrored left ankle does what the original right ankle did, on the other side
    int l = right.keypoint("L_Ankle"), r = left.keypoint("R_Ankle");
    for (int f = 0; f < left.frames(); f += 7) {
      double[] a = right.position(f, l), b = left.position(f, r);
      assertArrayEquals(new double[] {b[0], -b[1], b[2]}, a, 1e-12);
    }
    // the mirrored angular velocity is the one the mirrored rotations imply
    double[] implied = Signal.angularVelocity(right.rootQuat(), right.fps(), 2);
    assertArrayEquals(implied, right.rootAngVel(), 1e-9);
    assertTrue(right.provenance().get("mirrored_from").startsWith("g "));
  }

  @Test
  void mirroringTwiceGivesTheClipBack() {
    Clip c = MotionStatsTest.gait(0.8, Math.toRadians(-20), true);
    Clip twice = ClipMirror.keypoints(ClipMirror.keypoints(c));
    assertArrayEquals(c.positions(), twice.positions(), 0);
    assertArrayEquals(c.velocities(), twice.velocities(), 0);
    assertArrayEquals(c.rootQuat(), twice.rootQuat(), 0);
    assertArrayEquals(c.rootAngVel(), twice.rootAngVel(), 0);
  }

  @Test
  void mirroredPosesAreTheMirrorImageOfTheOriginalPoses() {
    try (BodyModel body = BodyModel.load("legs");
        Importers imp = new Importers(body, 3)) {
      Clip turn =
          imp.importFile(
                  Assets.resolve(
                      "data/motions/bandai-namco/dataset-2/dataset-2_walk-turn-left_normal_001.bvh"),
                  null,
                  null,
                  2.0,
                  1.5)
              .get(0)
              .clip();
      Clip m = ClipMirror.withPoses(List.of(turn), body).get(0);
      assertEquals(turn.poses().length, m.poses().length);
      assertEquals(3, m.poseStride());
      // inverse kinematics finds the mirrored joint angles: left hip and knee of the mirror follow
      // the right ones of the original, and the pelvis is on the other side of the x-z plane
      int root = qposAdr(body, "myolegs_root"), hipL = qposAdr(body, "hip_flexion_l");
      int hipR = qposAdr(body, "hip_flexion_r"), kneeL = qposAdr(body, "knee_angle_l");
      int kneeR = qposAdr(body, "knee_angle_r");
      double hip = 0, knee = 0, y = 0;
      for (int i = 0; i < m.poses().length; i++) {
        double[] a = turn.poses()[i], b = m.poses()[i];
        hip += Math.abs(b[hipL] - a[hipR]) / m.poses().length;
        knee += Math.abs(b[kneeL] - a[kneeR]) / m.poses().length;
        y = Math.max(y, Math.abs(b[root + 1] + a[root + 1]));
      }
      assertTrue(hip < 0.01 && knee < 0.01, "mean hip " + hip + " knee " + knee + " rad");
      assertTrue(y < 0.005, "pelvis y off its mirror by " + y + " m");
    }
  }

  private static int qposAdr(BodyModel body, String joint) {
    return body.sim.jntQposAdr().get(body.sim.requireId(ObjType.JOINT, joint));
  }
}
