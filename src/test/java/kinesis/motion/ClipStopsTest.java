package kinesis.motion;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ClipStopsTest {
  /** A 3 s walk at 1.2 m/s; both feet are down for 0.1–0.2 s around every half second. */
  private static final Clip WALK = MotionStatsTest.gait(1.2, 0, false);

  private static final int K3 = 3 * WALK.keypoints().size();

  private static double[] frame(double[] a, int f) {
    return java.util.Arrays.copyOfRange(a, f * K3, (f + 1) * K3);
  }

  @Test
  void aStopSlowsDownToItsLastDoubleSupportPoseAndHoldsIt() {
    Clip stop = ClipStops.stop(WALK);
    assertEquals("g-stop", stop.name());
    // in the last second both feet are down (and flat) at frames 60–62, 72–77 and 87–90: the first
    // of the equally planted ones is taken
    int h = 60, t0 = h - ClipStops.RAMP / 2;
    assertEquals(t0 + ClipStops.RAMP + ClipStops.HOLD + 1, stop.frames());
    for (int f = 0; f <= t0; f++)
      assertArrayEquals(frame(WALK.positions(), f), frame(stop.positions(), f), 1e-12);
    for (int f = t0 + ClipStops.RAMP; f < stop.frames(); f++) {
      assertArrayEquals(frame(WALK.positions(), h), frame(stop.positions(), f), 1e-12);
      assertArrayEquals(new double[K3], frame(stop.velocities(), f), 1e-12, "standing still");
    }
    // the pelvis slows down steadily through the ramp
    double prev = Double.POSITIVE_INFINITY;
    for (int f = t0 + 1; f <= t0 + ClipStops.RAMP; f++) {
      double step = stop.positions()[f * K3] - stop.positions()[(f - 1) * K3];
      assertTrue(step <= prev + 1e-12 && step >= 0, "frame " + f);
      prev = step;
    }
    MotionStats s = MotionStats.of(stop);
    assertEquals(0, s.slowestSecondSpeed(), 1e-12);
    assertEquals(1.2, s.fastestSecondSpeed(), 1e-9);
    assertTrue(stop.provenance().get("stop_made_from").contains("frame 60"));
  }

  @Test
  void aStartHoldsTheFirstDoubleSupportPoseThenWalksToTheClipsEnd() {
    Clip start = ClipStops.start(WALK);
    assertEquals("g-start", start.name());
    int n = WALK.frames();
    assertEquals(
        ClipStops.HOLD + ClipStops.RAMP + (n - 1 - ClipStops.RAMP / 2) + 1, start.frames());
    for (int f = 0; f <= ClipStops.HOLD; f++) {
      assertArrayEquals(frame(WALK.positions(), 0), frame(start.positions(), f), 1e-12);
      assertArrayEquals(new double[K3], frame(start.velocities(), f), 1e-12);
    }
    assertArrayEquals(
        frame(WALK.positions(), n - 1), frame(start.positions(), start.frames() - 1), 1e-12);
    assertArrayEquals(
        frame(WALK.velocities(), n - 1), frame(start.velocities(), start.frames() - 1), 1e-12);
    assertEquals(0, MotionStats.of(start).slowestSecondSpeed(), 1e-12);
  }

  @Test
  void aGaitWithoutDoubleSupportGetsNeither() {
    Clip run = MotionStatsTest.gait(3.0, 0, true); // one foot or none on the ground
    assertNull(ClipStops.stop(run));
    assertNull(ClipStops.start(run));
  }
}
