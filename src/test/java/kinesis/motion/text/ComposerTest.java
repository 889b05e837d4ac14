package kinesis.motion.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.MotionStats;
import kinesis.motion.PublicClips;
import kinesis.motion.Rot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stitching invariants on the public-locomotion library. */
class ComposerTest {
  static ClipChoice choice;

  @BeforeAll
  static void library() {
    choice = new ClipChoice(Descriptions.publicLocomotion(), List.of(PublicClips.ensure("legs")));
  }

  @Test
  void clipsArePickedBySkillRetrievalAndHeadingChange() {
    ClipChoice.Choice walk = choice.straight("walk");
    assertEquals(
        "public-locomotion/dataset-1_walk_normal_001",
        walk.source().id(),
        "the straight-line description ranks first");
    assertTrue(walk.score() > 0);
    assertEquals("backwards", choice.straight("backwards").source().clip().skill());
    assertEquals("run", choice.straight("run").source().clip().skill());
    for (double deg : new double[] {90, -90, 180, 45}) {
      ClipChoice.Choice t = choice.turn(deg);
      assertEquals(
          Math.signum(deg),
          Math.signum(t.source().stats().headingChangeDeg()),
          "turns the same way: " + deg);
    }
    // the closest heading change wins: no other turn clip of that side is nearer to 180°
    double best = Math.abs(choice.turn(180).source().stats().headingChangeDeg() - 180);
    for (ClipSet.Entry e : PublicClips.ensure("legs").entries()) {
      MotionStats s = MotionStats.of(e.clip());
      if (e.clip().skill().equals("turn") && s.headingChangeDeg() > 0)
        assertTrue(Math.abs(s.headingChangeDeg() - 180) >= best, e.clip().name());
    }
  }

  @Test
  void piecesMeetTheirCommandsAndSeamsAreContinuous() {
    List<Command> cmds =
        CommandParser.parse(
            "walk forward 3 m, then turn left 90 degrees, then walk backwards for 2 seconds, "
                + "then run 5 m, then turn right, then walk in a circle");
    Composer.Composition comp = Composer.compose(cmds, choice);
    Track t = comp.track();
    assertEquals(cmds.size(), comp.pieces().size());
    int frames = 0;
    for (Composer.Piece p : comp.pieces()) {
      Command c = p.command();
      int a = p.offset(), b = a + p.frames() - 1;
      assertEquals(frames, a, "pieces follow one another");
      frames += p.frames();
      assertEquals(
          c.turnDeg(), Math.toDegrees(t.headingChange(a, b)), 0.5, c.phrase() + ": heading change");
      if (Double.isFinite(c.distanceM()))
        assertEquals(c.distanceM(), t.path(a, b), 0.02 * c.distanceM(), c.phrase() + ": path");
      if (Double.isFinite(c.seconds()) && c.kind() != Command.Kind.TURN)
        assertEquals(Math.round(c.seconds() * 30), p.frames(), c.phrase());
      if (a == 0) continue;
      // seam: the pelvis step is like its neighbours' and the heading does not jump
      double step = dist(t, a), around = (dist(t, a - 1) + dist(t, a + 1)) / 2;
      assertEquals(around, step, 0.5 * around + 0.01, c.phrase() + ": pelvis step at the seam");
      assertEquals(
          0,
          Math.toDegrees(Rot.wrap(t.heading(a) - t.heading(a - 1))),
          3,
          c.phrase() + ": heading step at the seam");
    }
    assertEquals(frames, t.frames());
    assertArrayEquals(
        new double[] {0, 0},
        new double[] {t.at(0, 0)[0], t.at(0, 0)[1]},
        1e-12,
        "starts at the origin");
    assertEquals(0, t.heading(0), 1e-12, "facing +x");
    // nothing jumps anywhere: no keypoint moves faster than a sprint between frames
    for (int f = 1; f < t.frames(); f++) {
      for (int j = 0; j < t.k(); j++)
        assertTrue(
            Rot.norm(Rot.sub(t.at(f, j), t.at(f - 1, j))) * 30 < 12,
            "frame " + f + " keypoint " + j);
    }
  }

  @Test
  void theComposedClipHasVelocitiesOfItsPositionsAndTheCommandsTotals() {
    String sentence =
        "walk forward 4 m then turn left 90 degrees then walk backwards for 2 seconds";
    Composer.Composition comp = Composer.compose(CommandParser.parse(sentence), choice);
    Clip clip = ComposeRoute.clip(sentence, comp);
    int n = clip.frames(), k = clip.keypoints().size();
    for (double v : clip.velocities()) assertTrue(Double.isFinite(v));
    for (double v : clip.rootAngVel()) assertTrue(Double.isFinite(v));
    // velocities integrate back to the positions (smoothing only blurs them in time)
    for (int j = 0; j < k; j++) {
      double[] sum = new double[3];
      for (int f = 1; f < n; f++)
        for (int a = 0; a < 3; a++) sum[a] += clip.velocities()[(f * k + j) * 3 + a] / 30;
      for (int a = 0; a < 3; a++) {
        double moved = clip.positions()[((n - 1) * k + j) * 3 + a] - clip.positions()[j * 3 + a];
        assertEquals(moved, sum[a], 0.1, "keypoint " + j + " axis " + a);
      }
    }
    // motion inspect's numbers agree with the commands
    MotionStats s = MotionStats.of(clip);
    assertEquals(90, s.headingChangeDeg(), 2);
    assertEquals(comp.pieces().stream().mapToInt(Composer.Piece::frames).sum(), n);
    Track t = comp.track();
    assertEquals(4, t.path(0, comp.pieces().get(0).frames() - 1), 0.08);
    assertEquals(2, comp.pieces().get(2).frames() / 30.0, 1e-9);
    assertEquals("turn", clip.skill(), "a 90° turn in it");
  }

  private static double dist(Track t, int f) {
    return Math.hypot(t.at(f, 0)[0] - t.at(f - 1, 0)[0], t.at(f, 0)[1] - t.at(f - 1, 0)[1]);
  }
}
