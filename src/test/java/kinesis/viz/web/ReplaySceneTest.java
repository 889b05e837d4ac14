package kinesis.viz.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplaySceneTest {
  static BodyModel legs;
  static Replay walk;

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
    walk = SyntheticReplay.of(legs, 1.0, 30, 0.35);
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  @SuppressWarnings("unchecked")
  static float[] array(ReplayScene s, String name) {
    Map<String, Object> ref =
        (Map<String, Object>) ((Map<String, Object>) s.meta().get("arrays")).get(name);
    int n = (int) ref.get("rows") * (int) ref.get("cols");
    ByteBuffer b =
        ByteBuffer.wrap(s.data(), (int) ref.get("offset"), 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[n];
    b.asFloatBuffer().get(out);
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void rootPoseIsTheFreeJointAndEveryMuscleHasAPath() {
    ReplayScene s = ReplayScene.of(walk, legs);
    assertEquals(30, s.meta().get("frames"));
    int nb = legs.sim.nbody - 1, root = legs.rootBody - 1;
    float[] poses = array(s, "poses");
    assertEquals(30 * nb * 7, poses.length);
    // the root body carries the free joint: its world position is qpos[0..2], its quaternion
    // qpos[3..6]
    for (int f : new int[] {0, 17, 29}) {
      for (int c = 0; c < 7; c++)
        assertEquals(walk.qpos()[f][c], poses[(f * nb + root) * 7 + c], 1e-5);
    }
    List<Map<String, Object>> muscles = (List<Map<String, Object>>) s.meta().get("muscles");
    assertEquals(80, muscles.size());
    int slots = (int) s.meta().get("muscleSlots");
    float[] pts = array(s, "musclePoints");
    assertEquals(30 * slots * 3, pts.length);
    for (Map<String, Object> m : muscles) {
      assertTrue((int) m.get("slots") >= 2, m.get("name") + " has no path");
      assertEquals(true, m.get("hasActivation"));
    }
    // muscle path points lie on the body: within 1.3 m of the pelvis, below 1.2 m height
    for (int f = 0; f < 30; f++) {
      for (int p = 0; p < slots; p++) {
        int o = (f * slots + p) * 3;
        double dx = pts[o] - walk.qpos()[f][0], dy = pts[o + 1] - walk.qpos()[f][1];
        assertTrue(
            Math.hypot(dx, dy) < 1.3 && pts[o + 2] > -0.05 && pts[o + 2] < 1.2,
            "point " + p + " frame " + f);
      }
    }
    // the body's feet move: the paths differ between frames
    assertNotEquals(pts[0], pts[10 * slots * 3]);
  }

  /**
   * The bound covers every path of a walk, and scenes made with it share one layout whatever their
   * frames.
   */
  @Test
  @SuppressWarnings("unchecked")
  void slotBoundHoldsEveryPathAndFixesTheLayout() {
    int[] bound = ReplayScene.slotBound(legs.sim);
    List<Map<String, Object>> own =
        (List<Map<String, Object>>) ReplayScene.of(walk, legs).meta().get("muscles");
    for (int k = 0; k < bound.length; k++) {
      int used = (int) own.get(k).get("slots");
      assertTrue(
          used <= bound[k] && bound[k] >= 2,
          own.get(k).get("name") + ": " + used + " points, bound " + bound[k]);
    }
    assertTrue(
        java.util.Arrays.stream(bound).sum()
            > own.stream().mapToInt(m -> (int) m.get("slots")).sum(),
        "some wrapping geom is not wrapped in every pose of the walk, so the bound is larger");
    Replay early =
        new Replay(
            "a",
            "legs",
            30,
            java.util.Arrays.copyOfRange(walk.qpos(), 0, 3),
            null,
            null,
            null,
            null,
            null);
    Replay late =
        new Replay(
            "b",
            "legs",
            30,
            java.util.Arrays.copyOfRange(walk.qpos(), 20, 30),
            null,
            null,
            null,
            null,
            null);
    ReplayScene a = ReplayScene.of(early, legs, bound), b = ReplayScene.of(late, legs, bound);
    assertEquals(a.meta().get("muscles"), b.meta().get("muscles"));
    assertEquals(java.util.Arrays.stream(bound).sum(), a.meta().get("muscleSlots"));
    assertEquals(3 * java.util.Arrays.stream(bound).sum() * 3, array(a, "musclePoints").length);
  }

  @Test
  void activationsAreMatchedByName() {
    List<String> names = new ArrayList<>(walk.muscleNames());
    Collections.reverse(names);
    double[][] act = new double[walk.frames()][];
    for (int f = 0; f < act.length; f++) {
      act[f] = new double[names.size()];
      for (int j = 0; j < names.size(); j++) act[f][j] = walk.act()[f][names.size() - 1 - j];
    }
    Replay reversed =
        new Replay(
            "rev",
            "legs",
            30,
            walk.qpos(),
            walk.keypoints(),
            names,
            act,
            walk.rewardNames(),
            walk.rewards());
    assertArrayEquals(
        array(ReplayScene.of(walk, legs), "act"), array(ReplayScene.of(reversed, legs), "act"));
  }

  @Test
  void missingActivationsAreNaNAndUnknownMusclesAreBadInput() {
    Replay some =
        new Replay(
            "some",
            "legs",
            30,
            walk.qpos(),
            null,
            List.of(legs.muscles.get(3)),
            new double[walk.frames()][1],
            null,
            null);
    float[] act = array(ReplayScene.of(some, legs), "act");
    assertEquals(0f, act[3]);
    assertTrue(Float.isNaN(act[0]));
    Replay unknown =
        new Replay(
            "u",
            "legs",
            30,
            walk.qpos(),
            null,
            List.of("no_such_muscle"),
            new double[walk.frames()][1],
            null,
            null);
    assertThrows(BadInputException.class, () -> ReplayScene.of(unknown, legs));
  }

  @Test
  void wrongQposWidthIsBadInput() {
    Replay wrong =
        new Replay("w", "legs", 30, new double[][] {{0, 0, 1}}, null, null, null, null, null);
    BadInputException e = assertThrows(BadInputException.class, () -> ReplayScene.of(wrong, legs));
    assertTrue(e.getMessage().contains("nq=35"), e.getMessage());
  }

  @Test
  void keypointSkeletonFollowsTheBodyTree() {
    // tracked: root, tibia_l, tibia_r, talus_l, talus_r, toes_l, toes_r
    assertArrayEquals(new int[] {-1, 0, 0, 1, 2, 3, 4}, ReplayScene.keypointParents(7, legs));
    assertArrayEquals(new int[] {-1, -1}, ReplayScene.keypointParents(2, legs));
  }

  @Test
  void headingOfTheLegsModelIsMinusY() {
    // the right foot of the synthetic pose is swung a little, so the heading is near, not exactly,
    // -y
    double[] h = (double[]) ReplayScene.of(walk, legs).meta().get("heading");
    assertEquals(0, h[0], 0.15);
    assertEquals(-1, h[1], 0.02);
    assertEquals(1, Math.hypot(h[0], h[1]), 1e-9);
  }

  @Test
  void tenSecondsAtThirtyFpsStayCompact() {
    Replay ten = SyntheticReplay.of(legs, 10.0, 30, 0.35);
    ReplayScene s = ReplayScene.of(ten, legs);
    int bytes = s.data().length;
    System.out.printf("10 s legs replay: %d frames, %.2f MB packed%n", ten.frames(), bytes / 1e6);
    assertTrue(bytes < 8_000_000, "packed frames " + bytes + " bytes");
  }
}
