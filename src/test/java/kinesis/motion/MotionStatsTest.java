package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;

class MotionStatsTest {
  /**
   * A synthetic gait along a circle arc: pelvis at speed v (m/s, negative = backwards), heading
   * turning at {@code turnRate} rad/s, feet alternately lifted 10 cm once a second.
   */
  static Clip gait(double v, double turnRate, boolean flight) {
    int n = 91, k = Retarget.KEYPOINTS.size();
    double fps = 30;
    double[] pos = new double[n * k * 3], q = new double[4 * n];
    double x = 0, y = 0;
    for (int f = 0; f < n; f++) {
      double t = f / fps, h = turnRate * t;
      if (f > 0) {
        x += v / fps * Math.cos(h);
        y += v / fps * Math.sin(h);
      }
      System.arraycopy(Rot.rotZ(h), 0, q, 4 * f, 4);
      // walking: left swings in [0.1, 0.4) of each second, right in [0.6, 0.9); running: [0, 0.6)
      // and [0.4, 1)
      double phase = t % 1.0;
      boolean leftUp = flight ? phase < 0.6 : phase >= 0.1 && phase < 0.4;
      boolean rightUp = flight ? phase >= 0.4 : phase >= 0.6 && phase < 0.9;
      for (int j = 0; j < k; j++) {
        String name = Retarget.KEYPOINTS.get(j);
        boolean up = name.startsWith("L_") ? leftUp : name.startsWith("R_") ? rightUp : false;
        pos[(f * k + j) * 3] = x;
        pos[(f * k + j) * 3 + 1] = y;
        pos[(f * k + j) * 3 + 2] =
            (name.equals("Pelvis") ? 0.95 : name.equals("Head") ? 1.6 : 0.05) + (up ? 0.1 : 0);
      }
    }
    double[] vel = Signal.velocity(pos, 3 * k, fps, 2);
    return new Clip(
        "g",
        "other",
        fps,
        fps,
        Retarget.KEYPOINTS,
        pos,
        vel,
        q,
        Signal.angularVelocity(q, fps, 2),
        Map.of(),
        null,
        0,
        null);
  }

  @Test
  void measuresSpeedHeadingAndSteps() {
    MotionStats s = MotionStats.of(gait(1.2, 0, false));
    assertEquals(1.2, s.speed(), 1e-9);
    assertEquals(1.2, s.forwardSpeed(), 0.05);
    assertEquals(0, s.headingChangeDeg(), 1e-9);
    assertEquals(6, s.steps()); // 3 cycles, one contact per foot each
    assertEquals(0, s.flightFraction(), 1e-12);
    MotionStats turn = MotionStats.of(gait(1.0, Math.toRadians(30), false));
    assertEquals(90, turn.headingChangeDeg(), 1e-6);
    assertEquals(30, turn.peakTurnRateDegS(), 1e-6, "steady 30°/s in every second");
    assertEquals(1.0, turn.slowestSecondSpeed(), 1e-9);
    assertEquals(1.0, turn.fastestSecondSpeed(), 1e-9);
  }

  /** A walk that stops for its last second and turns in place there. */
  @Test
  void findsTheSharpestTurnAndTheStop() {
    Clip walk = gait(1.2, 0, false);
    int n = walk.frames(), k = walk.keypoints().size();
    double[] pos = walk.positions().clone(), q = walk.rootQuat().clone();
    for (int f = 60; f < n; f++) {
      for (int j = 0; j < k; j++)
        for (int a = 0; a < 2; a++) pos[(f * k + j) * 3 + a] = pos[(59 * k + j) * 3 + a];
      System.arraycopy(Rot.rotZ(Math.toRadians(120) * (f - 59) / 30.0), 0, q, 4 * f, 4);
    }
    Clip stop =
        new Clip(
            "s",
            "other",
            30,
            30,
            walk.keypoints(),
            pos,
            walk.velocities(),
            q,
            walk.rootAngVel(),
            Map.of(),
            null,
            0,
            null);
    MotionStats s = MotionStats.of(stop);
    assertEquals(0, s.slowestSecondSpeed(), 1e-9, "the last second stands");
    assertEquals(1.2, s.fastestSecondSpeed(), 1e-9);
    assertEquals(120, s.peakTurnRateDegS(), 1e-6);
  }

  @Test
  void classifiesSkills() {
    assertEquals("walk", Skills.classify(MotionStats.of(gait(1.2, 0, false))));
    assertEquals("turn", Skills.classify(MotionStats.of(gait(1.0, Math.toRadians(30), false))));
    assertEquals("backwards", Skills.classify(MotionStats.of(gait(-0.8, 0, false))));
    assertEquals(
        "turn-in-place", Skills.classify(MotionStats.of(gait(0.05, Math.toRadians(40), false))));
    assertEquals("other", Skills.classify(MotionStats.of(gait(0.0, 0, false))));
    assertEquals("run", Skills.classify(MotionStats.of(gait(3.0, 0, true))));
    assertEquals(
        List.of("walk", "turn", "turn-in-place", "backwards", "run", "other"), Skills.LABELS);
    assertThrows(BadInputException.class, () -> Skills.check("dance"));
  }
}
