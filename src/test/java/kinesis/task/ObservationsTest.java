package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import kinesis.body.BodyModel;
import kinesis.sim.SimData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObservationsTest {
  static BodyModel legs;

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  /**
   * Observation of an applied (un-stepped) state vs the official env, every block, all five cases.
   */
  @Test
  void matchesReferenceImplementationAtState() {
    Golden g = Golden.load();
    ObsLayout layout = ObsLayout.imitation(16, 7);
    BodyState s = new BodyState(legs);
    double[] obs = new double[layout.dim()];
    double worst = 0;
    try (SimData d = legs.sim.makeData()) {
      for (JsonNode c : g.cases) {
        Golden.apply(d, c);
        s.captureVelocities(d);
        s.capturePositions(d);
        JsonNode ref = c.get("obs_at_state").get("ref_used");
        Observations.imitation(
            s,
            legs.trackedBodies,
            Golden.doubles(ref.get("ref_pos")),
            Golden.doubles(ref.get("ref_vel")),
            obs);
        double[] want = Golden.doubles(c.get("obs_at_state").get("obs"));
        assertEquals(309, want.length);
        for (ObsLayout.Block b : layout.blocks()) {
          double tol = 1e-6 * Math.max(1, maxAbs(want, b.offset(), b.offset() + b.size()));
          double err = Golden.maxAbs(obs, want, b.offset(), b.offset() + b.size());
          worst = Math.max(worst, err);
          assertTrue(
              err <= tol, "case " + c.get("id") + " block " + b.name() + ": max error " + err);
        }
      }
    }
    System.out.println("golden obs_at_state max abs error: " + worst);
  }

  /** The layout in the golden file is ours, block by block. */
  @Test
  void layoutMatchesReferenceLayout() {
    JsonNode want = Golden.load().meta.get("obs_layout");
    ObsLayout layout = ObsLayout.imitation(16, 7);
    assertEquals(want.size(), layout.blocks().size());
    for (int i = 0; i < want.size(); i++) {
      ObsLayout.Block b = layout.blocks().get(i);
      assertEquals(want.get(i).get("name").asText(), b.name());
      assertEquals(want.get(i).get("offset").asInt(), b.offset());
      assertEquals(want.get(i).get("size").asInt(), b.size());
    }
  }

  /**
   * COM velocities derived from cvel equal the framelinvel/frameangvel sensors of the KINESIS
   * model.
   */
  @Test
  void comVelocitiesEqualBodySensors() {
    BodyState s = new BodyState(legs);
    try (SimData d = legs.sim.makeData()) {
      Golden.apply(d, Golden.load().cases.get(3));
      s.captureVelocities(d);
      for (int b = 1; b < legs.sim.nbody; b++) {
        for (int a = 0; a < 3; a++) {
          assertEquals(
              d.sensordata.get(3 * (b - 1) + a), s.linVel[3 * b + a], 1e-12, "linvel body " + b);
          assertEquals(
              d.sensordata.get(48 + 3 * (b - 1) + a),
              s.angVel[3 * b + a],
              1e-12,
              "angvel body " + b);
        }
      }
    }
  }

  /** Hand-made state: upright root turned 90° left, one body 1 m ahead of the root. */
  @Test
  void blocksUseTheHeadingFrame() {
    BodyState s = new BodyState(legs);
    int r = s.root, b = legs.trackedBodies[1];
    double[] yaw90 = {Math.cos(Math.PI / 4), 0, 0, Math.sin(Math.PI / 4)};
    for (int i = 1; i < s.nbody; i++) Rotations.quatToMat(yaw90, 0, s.xmat, 9 * i);
    s.xpos[3 * r + 2] = 0.9;
    s.xpos[3 * b + 1] = 1; // 1 m along world +y = straight ahead after the 90° turn
    s.xpos[3 * b + 2] = 0.9;
    s.linVel[3 * b + 1] = 2; // 2 m/s along world +y = forward
    double h = Rotations.heading(s.xmat, 9 * r);
    s.headingCos = Math.cos(h);
    s.headingSin = Math.sin(h);
    double[] out = new double[8];
    assertEquals(1, Observations.rootHeight(s, out, 0));
    assertEquals(0.9, out[0], 0);
    Observations.rootTilt(s, out, 0);
    assertArrayEquals(new double[] {1, 0, 1, 0}, java.util.Arrays.copyOf(out, 4), 1e-12);
    double[] pos = new double[45];
    Observations.localBodyPos(s, pos, 0);
    int slot = 3 * (b - 2); // bodies 2.. in id order, root (1) omitted
    assertArrayEquals(
        new double[] {1, 0, 0}, java.util.Arrays.copyOfRange(pos, slot, slot + 3), 1e-12);
    double[] vel = new double[48];
    Observations.localBodyVel(s, vel, 0);
    assertArrayEquals(
        new double[] {2, 0, 0},
        java.util.Arrays.copyOfRange(vel, 3 * (b - 1), 3 * (b - 1) + 3),
        1e-12);
    double[] rot = new double[96];
    Observations.localBodyRot(s, rot, 0);
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1}, java.util.Arrays.copyOf(rot, 6), 1e-12);
  }

  private static double maxAbs(double[] a, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) m = Math.max(m, Math.abs(a[i]));
    return m;
  }
}
