package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;

class RetargetTest {
  static final BodyDims DIMS =
      new BodyDims(0.8, new double[] {0.05, 0, 0.08}, 0.06, 0.02, new int[0]);

  /**
   * A stick figure 10 % larger than the body walking along +y at 1 m/s, 20 fps, 2 s, with its sole
   * 5 cm up.
   */
  static SourceMotion walker() {
    int n = 41;
    double s = 1.1;
    double[] roles = new double[n * 3 * SourceMotion.ROLE_COUNT];
    for (int f = 0; f < n; f++) {
      double y = f / 20.0;
      // facing +y: left is −x
      double[][] p = {
        {-0.1, y, 0.95},
        {0.1, y, 0.95},
        {-0.1, y, 0.55},
        {0.1, y, 0.55},
        {-0.1, y, 0.15},
        {0.1, y, 0.15},
        {-0.1, y + 0.13, 0.10},
        {0.1, y + 0.13, 0.10},
        {0, y, 1.5},
        {0, y, 1.65}
      };
      for (int r = 0; r < p.length; r++) {
        for (int a = 0; a < 3; a++)
          roles[(f * SourceMotion.ROLE_COUNT + r) * 3 + a] = p[r][a] * s + (a == 2 ? 0.05 : 0);
      }
    }
    return new SourceMotion(Path.of("walker"), "test", "test", 20, roles, null, 0, Map.of());
  }

  @Test
  void resamplesScalesFacesAndGrounds() {
    Clip c = Retarget.toClip(walker(), DIMS, "w", null);
    assertEquals(30, c.fps());
    assertEquals(20, c.sourceFps());
    assertEquals(61, c.frames());
    assertEquals(Retarget.KEYPOINTS, c.keypoints());
    // faces +x at the start and starts at the origin
    assertEquals(0, Rot.heading(Signal.at(c.rootQuat(), 0, 4)), 1e-9);
    double[] p0 = new double[3], v0 = new double[3];
    c.sample(0, new int[] {0}, p0, v0);
    assertEquals(0, p0[0], 1e-9);
    assertEquals(0, p0[1], 1e-9);
    // scaled: leg (hip-knee-ankle) = body leg; speed 1.1 m/s in source units -> 1 m/s
    double[] knee = new double[3], ankle = new double[3];
    c.sample(1, new int[] {1}, knee, null);
    c.sample(1, new int[] {3}, ankle, null);
    assertEquals(0.4, Rot.norm(Rot.sub(knee, ankle)), 1e-9);
    c.sample(1, new int[] {0}, p0, v0);
    assertEquals(1.0, v0[0], 1e-9);
    assertEquals(0, v0[1], 1e-9);
    // grounded: the lowest sole (ankle − 6 cm, toe − 2 cm) is at z = 0
    double ankleZ = c.positions()[3 * 3 + 2], toeZ = c.positions()[5 * 3 + 2];
    assertEquals(0, Math.min(ankleZ - 0.06, toeZ - 0.02), 1e-9);
    // the pelvis keypoint sits at the body's root offset from the hip centre (knees are straight
    // below the hips)
    double[] pelvis = new double[3], lKnee = new double[3], rKnee = new double[3];
    c.sample(1, new int[] {0, 1, 2}, new double[9], null);
    c.sample(1, new int[] {0}, pelvis, null);
    c.sample(1, new int[] {1}, lKnee, null);
    c.sample(1, new int[] {2}, rKnee, null);
    double[] kneeMid = Rot.scale(Rot.add(lKnee, rKnee), 0.5);
    assertEquals(0.05, pelvis[0] - kneeMid[0], 1e-9);
    assertEquals(0, pelvis[1] - kneeMid[1], 1e-9);
    assertEquals(0.4 + 0.08, pelvis[2] - kneeMid[2], 1e-9);
    // left knee is on the left (+y) once the clip faces +x
    assertTrue(lKnee[1] > rKnee[1]);
    assertTrue(c.provenance().get("scale").startsWith("0.9091"), c.provenance().get("scale"));
  }

  @Test
  void rejectsNaNAndTooShort() {
    SourceMotion w = walker();
    double[] r = w.roles().clone();
    r[100] = Double.NaN;
    assertThrows(
        BadInputException.class,
        () -> new SourceMotion(Path.of("x"), "t", "t", 20, r, null, 0, Map.of()));
    assertThrows(
        BadInputException.class,
        () ->
            new SourceMotion(
                Path.of("x"),
                "t",
                "t",
                20,
                new double[3 * SourceMotion.ROLE_COUNT],
                null,
                0,
                Map.of()));
  }
}
