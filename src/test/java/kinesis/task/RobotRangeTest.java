package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.sim.SimData;
import kinesis.task.kick.KickScene;
import org.junit.jupiter.api.Test;

/**
 * The robot within a scene: bodies, qpos and dofs of the root's subtree. A model of the body alone
 * starts at body 1 and qpos 0; the soccer scene puts the ball (free joint, qpos 0–6) and the
 * goalkeeper (mocap) first. The same robot state gives the same imitation observation in both.
 */
class RobotRangeTest {
  @Test
  void bodyAloneStartsAtBodyOneAndQposZero() {
    for (String name : List.of("legs", "legs-back")) {
      try (BodyModel b = BodyModel.load(name)) {
        assertEquals(1, b.robotFirst, name);
        assertEquals(b.sim.nbody, b.robotEnd, name);
        assertEquals(0, b.qposStart, name);
        assertEquals(b.sim.nq, b.robotNq, name);
        assertEquals(0, b.dofStart, name);
        assertEquals(b.sim.nv, b.robotNv, name);
      }
    }
  }

  @Test
  void soccerSceneHasTheBallAndKeeperFirst() {
    try (KickScene s = KickScene.load();
        BodyModel alone = BodyModel.load("legs-back")) {
      BodyModel b = s.body;
      assertEquals(1, s.ballBody);
      assertEquals(2, s.keeperBody);
      assertEquals(3, b.rootBody);
      assertEquals(60, b.sim.nq);
      assertEquals(3, b.robotFirst);
      assertEquals(b.sim.nbody, b.robotEnd);
      assertEquals(alone.robotBodyCount(), b.robotBodyCount());
      assertEquals(0, s.ballQpos);
      assertEquals(7, b.qposStart);
      assertEquals(alone.sim.nq, b.robotNq);
      assertEquals(6, b.dofStart);
      assertEquals(alone.sim.nv, b.robotNv);
      assertEquals(alone.muscles, b.muscles);
      assertEquals(
          alone.bodies.subList(1, alone.bodies.size()),
          b.bodies.subList(3, b.bodies.size()),
          "bodies below the root");
      for (int t : b.touchAdr) assertTrue(t >= 0, "touch sensors present");
      assertArrayEquals(
          java.util.Arrays.stream(alone.trackedBodies).map(x -> x + 2).toArray(), b.trackedBodies);
    }
  }

  /**
   * The standing pose in both models: the observation over the robot's bodies is the same (masses
   * and frames agree).
   */
  @Test
  void sameRobotStateGivesTheSameObservation() {
    try (KickScene s = KickScene.load();
        BodyModel alone = BodyModel.load("legs-back")) {
      double[] pose = Clips.standingPose(alone);
      pose[0] = 3;
      pose[1] = -1; // away from the ball
      double[] a = observe(alone, pose), b = observe(s.body, pose);
      assertEquals(
          ObsLayout.imitation(alone.robotBodyCount(), alone.trackedBodies.length).dim(), a.length);
      assertArrayEquals(a, b, 1e-9);
    }
  }

  private static double[] observe(BodyModel body, double[] robotQpos) {
    BodyState st = new BodyState(body);
    try (SimData d = body.sim.makeData()) {
      for (int i = 0; i < robotQpos.length; i++) d.qpos.set(body.qposStart + i, robotQpos[i]);
      d.qvel.set(body.dofStart, 0.5); // moving forward
      d.forward();
      st.captureVelocities(d);
      st.capturePositions(d);
    }
    int j = body.trackedBodies.length;
    double[] ref = new double[3 * j], refVel = new double[3 * j];
    for (int k = 0; k < 3 * j; k++) ref[k] = 0.1 * k;
    double[] out = new double[ObsLayout.imitation(body.robotBodyCount(), j).dim()];
    Observations.imitation(st, body.trackedBodies, ref, refVel, out);
    return out;
  }
}
