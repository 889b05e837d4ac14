package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import kinesis.body.BodyModel;
import kinesis.sim.DoubleView;
import kinesis.sim.SimData;
import org.junit.jupiter.api.Test;

class MuscleControlTest {

  /**
   * The Java muscle curves equal MuJoCo's mju_muscleGain / mju_muscleBias, for every muscle of
   * every variant.
   */
  @Test
  void curvesEqualMuJoCo() {
    for (String name : new String[] {"legs", "legs-abs", "legs-back"}) {
      try (BodyModel body = BodyModel.load(name)) {
        MuscleControl mc = new MuscleControl(body.sim);
        DoubleView lr = body.sim.actuatorLengthRange();
        Rng rng = new Rng(7);
        for (int i = 0; i < body.sim.nu; i++) {
          double lo = lr.get(i, 0), hi = lr.get(i, 1), span = hi - lo;
          for (int k = 0; k < 40; k++) {
            double len = lo - 0.3 * span + 1.6 * span * rng.nextDouble();
            double vel = (rng.nextDouble() - 0.5) * 20 * span;
            assertEquals(
                body.sim.muscleGain(i, len, vel), mc.gain(i, len, vel), 1e-9, name + " gain " + i);
            assertEquals(body.sim.muscleBias(i, len), mc.bias(i, len), 1e-9, name + " bias " + i);
          }
        }
      }
    }
  }

  /** The PD controller's first-substep output at each golden state equals the official env's. */
  @Test
  void pdMatchesReferenceImplementation() {
    Golden g = Golden.load();
    try (BodyModel legs = BodyModel.load("legs");
        SimData d = legs.sim.makeData()) {
      MuscleControl mc = new MuscleControl(legs.sim);
      double[] target = new double[80],
          len = new double[80],
          vel = new double[80],
          ctrl = new double[80];
      double worst = 0;
      for (JsonNode c : g.cases) {
        Golden.apply(d, c);
        double[] a = Golden.doubles(c.get("inputs").get("action"));
        mc.pdTargets(a, target);
        d.actuatorLength.copyTo(len, 0);
        d.actuatorVelocity.copyTo(vel, 0);
        mc.pd(target, len, vel, ctrl);
        double[] want = Golden.doubles(c.get("pd_ctrl_from_state"));
        worst = Math.max(worst, Golden.maxAbs(want, ctrl, 0, 80));
        assertArrayEquals(want, ctrl, 1e-9, "case " + c.get("id"));
      }
      System.out.println("golden pd_ctrl max abs error: " + worst);
    }
  }

  @Test
  void directMapsActionsToExcitations() {
    try (BodyModel legs = BodyModel.load("legs")) {
      double[] a = new double[80], u = new double[80];
      double[] in = {-1, -0.5, 0, 0.5, 1};
      System.arraycopy(in, 0, a, 0, 5);
      new MuscleControl(legs.sim).direct(a, u);
      assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, java.util.Arrays.copyOf(u, 5), 0);
    }
    assertEquals(1, MuscleControl.clipAction(3));
    assertEquals(-1, MuscleControl.clipAction(-7));
    assertEquals(0, MuscleControl.clipAction(Double.NaN));
  }

  /**
   * Hand-derived curve values: plateau at optimal length, (v+1)² on shortening, fvmax when
   * lengthening fast.
   */
  @Test
  void curveShapes() {
    assertEquals(1, MuscleControl.forceLength(1, 0.5, 1.6), 0);
    assertEquals(0, MuscleControl.forceLength(0.4, 0.5, 1.6), 0);
    assertEquals(
        0.5,
        MuscleControl.forceLength(0.75, 0.5, 1.6),
        1e-15); // 1 − ½·1² at the lower midpoint a = 0.75
    assertEquals(0.25, MuscleControl.forceVelocity(-0.5, 1.4), 1e-15);
    assertEquals(1.4, MuscleControl.forceVelocity(2, 1.4), 0);
    assertEquals(1.4 - 0.1 * 0.1 / 0.4, MuscleControl.forceVelocity(0.3, 1.4), 1e-15);
    assertTrue(MuscleControl.forceVelocity(-1, 1.4) == 0);
  }
}
