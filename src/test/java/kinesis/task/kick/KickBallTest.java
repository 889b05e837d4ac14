package kinesis.task.kick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kinesis.body.BodyModel;
import kinesis.io.Assets;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;
import kinesis.task.Clips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The timestep of the kick. The scene ships with 1 ms; the policies act at 30 Hz over 1/150 s. With
 * the duplicate floor plane switched off, the ball stays stable at 1/150 s — a rolled ball, a
 * dropped ball and a ball rolled into the standing body never blow up or gain energy, and a roll
 * covers the same distance as at 1 ms within 3 % — but a fast rolling ball hops (up to about 15 cm
 * at 10 m/s, 3 mm at 1 ms, 2 cm at 1/600 s), a soft-contact artefact of the coarse step.
 */
class KickBallTest {
  static final double[] TIMESTEPS = {0.001, 1 / 150.0, 1 / 600.0};
  static KickScene scene;

  @BeforeAll
  static void load() {
    scene = KickScene.load();
  }

  @AfterAll
  static void close() {
    scene.close();
  }

  private static SimModel model(double dt) {
    SimModel m = SimModel.load(Assets.resolve(KickScene.FILE));
    assertEquals(0.001, m.timestep(), 1e-12, "the scene as shipped");
    KickScene.singleFloor(m);
    m.setTimestep(dt);
    return m;
  }

  /**
   * Ball after {@code seconds} from (40, 0, z) at (vx, 0): x, z, highest z, largest energy gained
   * (J).
   */
  private static double[] roll(SimModel m, SimData d, double z, double vx, double seconds) {
    d.qpos.set(scene.ballQpos, 40);
    d.qpos.set(scene.ballQpos + 2, z);
    d.qvel.set(scene.ballDof, vx);
    d.forward();
    double e0 = energy(d), gain = 0, top = 0;
    int steps = (int) Math.round(seconds / m.timestep());
    for (int k = 0; k < steps; k++) {
      d.step();
      assertFalse(d.unstable(), "unstable at step " + k);
      gain = Math.max(gain, energy(d) - e0);
      if (d.time() > 0.05) top = Math.max(top, d.xpos.get(scene.ballBody, 2));
    }
    return new double[] {d.xpos.get(scene.ballBody, 0), d.xpos.get(scene.ballBody, 2), top, gain};
  }

  /** Kinetic (translation and spin) plus potential energy of the 0.45 kg ball (solid sphere). */
  private static double energy(SimData d) {
    double m = 0.45, r = 0.117, inertia = 0.4 * m * r * r, v2 = 0, w2 = 0;
    for (int i = 0; i < 3; i++) {
      v2 += d.qvel.get(scene.ballDof + i) * d.qvel.get(scene.ballDof + i);
      w2 += d.qvel.get(scene.ballDof + 3 + i) * d.qvel.get(scene.ballDof + 3 + i);
    }
    return 0.5 * m * v2 + 0.5 * inertia * w2 + m * 9.81 * d.xpos.get(scene.ballBody, 2);
  }

  @Test
  void sceneFacts() {
    assertEquals(0.117, scene.ballRadius, 1e-12);
    assertEquals(0.45, scene.body.sim.bodyMass().get(scene.ballBody), 1e-12);
    assertEquals(1 / 150.0, scene.body.sim.timestep(), 1e-15);
  }

  /**
   * A 10 m/s shot along the pitch: distance within 3 % of the 1 ms one, energy only lost, hops
   * bounded.
   */
  @Test
  void rolledBall() {
    double[][] r = new double[TIMESTEPS.length][];
    for (int i = 0; i < TIMESTEPS.length; i++) {
      try (SimModel m = model(TIMESTEPS[i]);
          SimData d = m.makeData()) {
        r[i] = roll(m, d, 0.117, 10, 1);
      }
      System.out.printf(
          "rolled at 10 m/s, dt %.5f s: x after 1 s %.3f m, highest centre %.3f m, energy gained %.4f J%n",
          TIMESTEPS[i], r[i][0], r[i][2], r[i][3]);
      assertEquals(r[0][0], r[i][0], 0.03 * (r[0][0] - 40), "distance rolled");
      assertTrue(r[i][3] < 0.01, "energy gained " + r[i][3] + " J of 22.5");
    }
    assertTrue(r[0][2] < 0.117 + 0.01, "1 ms: no hop");
    assertTrue(r[1][2] < 0.117 + 0.2, "1/150 s: hops stay below 20 cm");
    assertTrue(r[2][2] < 0.117 + 0.03, "1/600 s: hops below 3 cm");
  }

  /** Dropped from 1 m: no energy gained, at rest on the pitch after 3 s. */
  @Test
  void droppedBallSettles() {
    for (double dt : TIMESTEPS) {
      try (SimModel m = model(dt);
          SimData d = m.makeData()) {
        double[] r = roll(m, d, 1.0, 0, 3);
        assertTrue(r[3] < 0.02 * 0.45 * 9.81, "dt " + dt + ": energy gained " + r[3] + " J of 4.4");
        assertEquals(0.117, r[1], 0.003, "dt " + dt);
      }
    }
  }

  /**
   * Rolled at 8 m/s into the feet of the standing body (muscles off): nothing blows up and the ball
   * leaves with less energy.
   */
  @Test
  void ballIntoTheBody() {
    try (BodyModel alone = BodyModel.load("legs-back")) {
      double[] pose = Clips.standingPose(alone);
      pose[0] = 41;
      pose[3] =
          0; // turned half round (quaternion 0, 0, 0, 1): facing the ball, which comes from behind
      // it
      pose[6] = 1;
      try (SimData d = scene.body.sim.makeData()) {
        for (int i = 0; i < pose.length; i++) d.qpos.set(scene.body.qposStart + i, pose[i]);
        d.qpos.set(scene.ballQpos + 2, 0.117);
        d.qpos.set(scene.ballQpos, 40);
        d.qvel.set(scene.ballDof, 8);
        d.forward();
        double e0 = energy(d), most = 0;
        for (int k = 0; k < 150; k++) {
          d.step();
          assertFalse(d.unstable(), "unstable at step " + k);
          most = Math.max(most, energy(d));
        }
        System.out.printf(
            "ball into the body: energy %.2f J before, at most %.2f J after, ball at x %.2f%n",
            e0, most, d.xpos.get(scene.ballBody, 0));
        assertTrue(most <= e0 + 0.05, "the ball gained energy: " + most + " > " + e0);
        assertTrue(
            d.xpos.get(scene.ballBody, 0) < 41.5,
            "stopped or turned back by the body, at " + d.xpos.get(scene.ballBody, 0));
      }
    }
  }
}
