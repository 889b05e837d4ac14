package kinesis.motion;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import org.junit.jupiter.api.Test;

class ClipLoopsTest {
  /** A 3 s walk at 1.1 m/s whose last frame is its first pose 3.3 m further on (a 1 s gait). */
  private static final Clip WALK = MotionStatsTest.gait(1.1, 0, false);

  @Test
  void cyclesFollowOneAnotherAlongThePath() {
    Clip looped = ClipLoops.keypoints(WALK, 3);
    assertEquals("g-loop3", looped.name());
    int n = WALK.frames(), k3 = 3 * WALK.keypoints().size();
    assertEquals(3 * (n - 1) + 1, looped.frames());
    double shift = WALK.positions()[(n - 1) * k3] - WALK.positions()[0];
    for (int j = 0; j < looped.frames(); j++) {
      int cycle = Math.min(j / (n - 1), 2), f = j - cycle * (n - 1);
      for (int d = 0; d < k3; d++) {
        double along = d % 3 == 0 ? cycle * shift : 0;
        assertEquals(WALK.positions()[f * k3 + d] + along, looped.positions()[j * k3 + d], 1e-12);
        assertEquals(WALK.velocities()[f * k3 + d], looped.velocities()[j * k3 + d], 1e-12);
      }
      assertArrayEquals(Signal.at(WALK.rootQuat(), f, 4), Signal.at(looped.rootQuat(), j, 4));
    }
    // the same walk, three times as long: same speed and cadence, no jump where cycles meet
    MotionStats a = MotionStats.of(WALK), b = MotionStats.of(looped);
    assertEquals(a.speed(), b.speed(), 1e-9);
    assertEquals(3 * a.steps(), b.steps(), 1);
    for (int j = 1; j < looped.frames(); j++)
      assertEquals(1.1 / 30, looped.positions()[j * k3] - looped.positions()[(j - 1) * k3], 1e-9);
    assertEquals("g (3 cycles)", looped.provenance().get("looped_from"));
  }

  @Test
  void cycleCountsOutsideTheRangeAreRefused() {
    for (int c : new int[] {1, 0, 21})
      assertThrows(IllegalArgumentException.class, () -> ClipLoops.keypoints(WALK, c));
  }

  @Test
  void onlyClipsMarkedAsLoopsAreLoopedAndPosedForTheBody() {
    try (BodyModel body = BodyModel.load("legs");
        Importers imp = new Importers(body, 3)) {
      Clip run =
          imp.importFile(Assets.resolve("data/motions/deepmimic/humanoid3d_run.txt"), null, null)
              .clip();
      assertTrue(ClipLoops.cyclic(run), "DeepMimic marks its run as a loop");
      assertFalse(ClipLoops.cyclic(WALK));
      List<Clip> looped = ClipLoops.withPoses(List.of(WALK, run), 4, body);
      assertEquals(List.of(run.name() + "-loop4"), looped.stream().map(Clip::name).toList());
      Clip c = looped.get(0);
      assertEquals(4 * (run.frames() - 1) + 1, c.frames());
      assertEquals((c.frames() + 2) / 3, c.poses().length);
      // the seam is no bigger a step than the clip takes from frame to frame
      int k3 = 3 * run.keypoints().size(), n = run.frames();
      double seam = 0, largest = 0;
      for (int j = 1; j < c.frames(); j++) {
        double step = 0;
        for (int d = 0; d < k3; d++) {
          double s = c.positions()[j * k3 + d] - c.positions()[(j - 1) * k3 + d];
          step += s * s;
        }
        if (j % (n - 1) == 0) seam = Math.max(seam, Math.sqrt(step));
        else largest = Math.max(largest, Math.sqrt(step));
      }
      assertTrue(seam < largest, "seam " + seam + " against " + largest);
    }
  }
}
