package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RotTest {
  private static final double E = 1e-12;

  @Test
  void quarterTurnsAboutEachAxis() {
    assertArrayEquals(
        new double[] {0, 1, 0}, Rot.rotate(Rot.rotZ(Math.PI / 2), new double[] {1, 0, 0}), E);
    assertArrayEquals(
        new double[] {0, 0, 1}, Rot.rotate(Rot.rotX(Math.PI / 2), new double[] {0, 1, 0}), E);
    assertArrayEquals(
        new double[] {1, 0, 0}, Rot.rotate(Rot.rotY(Math.PI / 2), new double[] {0, 0, 1}), E);
    // the y-up to z-up rotation used for BVH and DeepMimic: up stays up, the source's +z (right)
    // becomes −y
    assertArrayEquals(
        new double[] {0, -1, 0}, Rot.rotate(Rot.rotX(Math.PI / 2), new double[] {0, 0, 1}), E);
    assertArrayEquals(
        new double[] {Math.sqrt(0.5), 0, 0, Math.sqrt(0.5)}, Rot.rotZ(Math.PI / 2), E);
  }

  @Test
  void productAppliesRightFactorFirst() {
    double[] q = Rot.mul(Rot.rotZ(Math.PI / 2), Rot.rotX(Math.PI / 2));
    // Rx takes y to z, then Rz leaves z alone
    assertArrayEquals(new double[] {0, 0, 1}, Rot.rotate(q, new double[] {0, 1, 0}), E);
    assertArrayEquals(q, Rot.euler("ZX", Math.PI / 2, Math.PI / 2), E);
  }

  @Test
  void matrixAndRotationVectorRoundTrip() {
    Random r = new Random(1);
    for (int i = 0; i < 200; i++) {
      double[] q =
          Rot.canonical(
              Rot.quat(r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()));
      assertArrayEquals(q, Rot.fromMatrix(Rot.toMatrix(q)), 1e-9);
      double[] v = Rot.toRotVec(q);
      assertArrayEquals(q, Rot.canonical(Rot.fromRotVec(v[0], v[1], v[2])), 1e-9);
      double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double[] m = Rot.toMatrix(q);
      double[] mx = {
        m[0] * x[0] + m[1] * x[1] + m[2] * x[2],
        m[3] * x[0] + m[4] * x[1] + m[5] * x[2],
        m[6] * x[0] + m[7] * x[1] + m[8] * x[2]
      };
      assertArrayEquals(mx, Rot.rotate(q, x), 1e-9);
    }
  }

  @Test
  void axesFrameAndHeading() {
    double[] q =
        Rot.fromAxes(new double[] {0, 1, 0}, new double[] {-1, 0, 0}, new double[] {0, 0, 1});
    assertArrayEquals(Rot.rotZ(Math.PI / 2), q, E);
    assertEquals(Math.PI / 2, Rot.heading(q), E);
    assertEquals(Math.toRadians(-170), Rot.wrap(Math.toRadians(190)), E);
  }

  @Test
  void slerpFollowsTheShorterArc() {
    double[] a = Rot.rotZ(0), b = Rot.rotZ(Math.toRadians(90));
    assertArrayEquals(Rot.rotZ(Math.toRadians(30)), Rot.slerp(a, b, 1.0 / 3), 1e-12);
    double[] negB = {-b[0], -b[1], -b[2], -b[3]};
    assertEquals(Math.toRadians(45), Rot.angleBetween(a, Rot.slerp(a, negB, 0.5)), 1e-12);
  }
}
