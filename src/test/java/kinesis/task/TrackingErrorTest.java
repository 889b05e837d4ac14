package kinesis.task;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackingErrorTest {
  private static final List<String> NAMES = List.of("root", "toes_l");

  /** Quaternion (w, x, y, z) of a yaw {@code a} about z. */
  private static double[] yaw(double a) {
    return new double[] {Math.cos(a / 2), 0, 0, Math.sin(a / 2)};
  }

  @Test
  void theRootOffsetIsExpressedInTheReferenceHeadingFrame() {
    double[] ref = {1, 2, 0.9, 1, 2.1, 0};
    // the reference faces +y: a body 0.3 m further along −y is behind it, one 0.2 m along +x is to
    // its right, and one 0.4 m lower is below
    double[] sim = {1.2, 1.7, 0.5, 1, 2.1, 0};
    TrackingError e = TrackingError.of(sim, ref, 0, yaw(Math.PI / 2), 0, NAMES);
    assertEquals(-0.3, e.forward(), 1e-12);
    assertEquals(-0.2, e.left(), 1e-12);
    assertEquals(-0.4, e.up(), 1e-12);
    assertEquals("root", e.farthest());
    assertEquals(Math.sqrt(0.04 + 0.09 + 0.16), e.farthestDistance(), 1e-12);
    assertEquals(
        "root 0.30 m behind, 0.20 m right, 0.40 m below its reference; farthest root 0.54 m",
        e.describe());
  }

  @Test
  void theFarthestBodyNeedNotBeTheRootAndTheQuaternionOffsetIsHonoured() {
    double[] ref = {0, 0, 0.9, 0.2, 0.1, 0};
    double[] sim = {0.05, 0, 0.9, 0.2, 0.6, 0};
    double[] quats = new double[8];
    System.arraycopy(yaw(0), 0, quats, 0, 4);
    System.arraycopy(yaw(Math.PI), 0, quats, 4, 4);
    TrackingError facingX = TrackingError.of(sim, ref, 0, quats, 0, NAMES);
    TrackingError facingBack = TrackingError.of(sim, ref, 0, quats, 4, NAMES);
    assertEquals(0.05, facingX.forward(), 1e-12);
    assertEquals(-0.05, facingBack.forward(), 1e-12, "turned around, ahead becomes behind");
    assertEquals("toes_l", facingX.farthest());
    assertEquals(0.5, facingX.farthestDistance(), 1e-12);
    assertEquals("no end state", TrackingError.NONE.describe());
    assertNull(TrackingError.NONE.json().get("root_up_m"));
  }
}
