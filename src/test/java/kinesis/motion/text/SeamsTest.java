package kinesis.motion.text;

import static org.junit.jupiter.api.Assertions.*;

import kinesis.motion.Rot;
import org.junit.jupiter.api.Test;

class SeamsTest {
  static final int K = 8;

  /**
   * A track of {@code n} frames: pelvis at (x0 + i·dx, y0 + i·dy, 0.9), heading {@code h}; every
   * other keypoint 0.1·j m to the left of the pelvis in the heading frame at height 0.3 (the left
   * toe on the floor from {@code planted} on, the right ankle and toe raised except at frame 0).
   */
  static Track walk(int n, double x0, double y0, double dx, double dy, double h, int planted) {
    double[] pos = new double[n * K * 3], quat = new double[n * 4];
    for (int f = 0; f < n; f++) {
      double px = x0 + f * dx, py = y0 + f * dy;
      for (int j = 0; j < K; j++) {
        int o = (f * K + j) * 3;
        pos[o] = px - Math.sin(h) * 0.1 * j;
        pos[o + 1] = py + Math.cos(h) * 0.1 * j;
        pos[o + 2] = j == 0 ? 0.9 : 0.3;
      }
      pos[(f * K + 5) * 3 + 2] = f >= planted ? 0 : 0.3;
      pos[(f * K + 6) * 3 + 2] = f == 0 ? 0 : 0.3;
      pos[(f * K + 4) * 3 + 2] = f == 0 ? 0 : 0.3;
      System.arraycopy(Rot.rotZ(h), 0, quat, 4 * f, 4);
    }
    return new Track(pos, quat, K);
  }

  @Test
  void joinContinuesThePelvisAndHeadingOfTheFirstTrack() {
    Track a = walk(10, 0, 0, 0.04, 0, 0, 99);
    Track b = walk(10, 5, 5, 0, 0.02, Math.PI / 2, 99); // elsewhere, facing +y, half as fast
    Track j = Seams.join(a, b, 4);
    assertEquals(20, j.frames());
    // one frame of the mean motion (0.03 m) past a's last pelvis (0.36 m), facing +x as a does
    assertArrayEquals(new double[] {0.39, 0, 0.9}, j.at(10, 0), 1e-12);
    assertArrayEquals(new double[] {0.39 + 9 * 0.02, 0, 0.9}, j.at(19, 0), 1e-12);
    for (int f = 0; f < 20; f++) assertEquals(0, j.heading(f), 1e-12, "frame " + f);
    // same pose on both sides: nothing to fade, keypoints keep their offsets
    assertArrayEquals(new double[] {0.39, 0.2, 0.3}, j.at(10, 2), 1e-12);
  }

  @Test
  void joinSplitsAPoseJumpOverBothSides() {
    Track a = walk(10, 0, 0, 0.04, 0, 0, 99);
    Track b = walk(10, 0, 0, 0.04, 0, 0, 99);
    double[] bp = b.pos().clone();
    for (int f = 0; f < 10; f++) bp[(f * K + 7) * 3 + 2] += 0.1; // b's head 10 cm higher
    Track j = Seams.join(a, new Track(bp, b.quat(), K), 4);
    assertEquals(0.35, j.at(9, 7)[2], 1e-12, "a's last frame takes half the jump");
    assertEquals(0.35, j.at(10, 7)[2], 1e-12, "b's first frame gives back half");
    assertEquals(0.3, j.at(5, 7)[2], 1e-12, "untouched before the window");
    assertEquals(0.4, j.at(14, 7)[2], 1e-12, "untouched after it");
    for (int f = 1; f < 20; f++)
      assertTrue(
          Math.abs(j.at(f, 7)[2] - j.at(f - 1, 7)[2]) < 0.031,
          "head steps at most ~1/4 of the jump");
  }

  @Test
  void curveTurnsAboutThePlantedToe() {
    Track walk =
        walk(
            31, 0, 0, 0.04, 0, 0,
            0); // left toe on the floor all along, right foot up after frame 0
    double[] pos = walk.pos().clone();
    for (int f = 0; f < 31; f++) {
      pos[(f * K + 5) * 3] = 0.2; // the left toe stays put, as a stance foot does
      pos[(f * K + 5) * 3 + 1] = 0.3;
    }
    Track t = new Track(pos, walk.quat(), K);
    Track c = Seams.curve(t, Math.PI / 2);
    assertEquals(Math.PI / 2, c.headingChange(0, 30), 1e-12);
    assertEquals(Math.PI / 2, Rot.wrap(c.heading(30)), 1e-12);
    assertArrayEquals(t.at(0, 0), c.at(0, 0), 1e-12, "frame 0 stays");
    for (int f = 0; f < 31; f++)
      assertArrayEquals(
          new double[] {0.2, 0.3, 0},
          c.at(f, 5),
          1e-12,
          "the planted toe does not slide, frame " + f);
    // the pelvis swings about the toe: a quarter turn about (0.2, 0.3), plus its own 1.2 m of
    // travel turned with it
    double[] end = c.at(30, 0);
    assertTrue(end[1] > 0.5, "the path bends left: " + java.util.Arrays.toString(end));
  }
}
