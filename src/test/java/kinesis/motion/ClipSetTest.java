package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipSetTest {
  @TempDir Path tmp;

  static Clip clip(String name, int frames, boolean poses) {
    int k = Retarget.KEYPOINTS.size();
    double[] pos = new double[frames * k * 3],
        vel = new double[pos.length],
        q = new double[4 * frames],
        w = new double[3 * frames];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = Math.sin(i * 0.1);
      vel[i] = Math.cos(i * 0.1);
    }
    for (int f = 0; f < frames; f++) System.arraycopy(Rot.rotZ(0.01 * f), 0, q, 4 * f, 4);
    double[][] p = poses ? new double[][] {{1, 2, 3}, {4, 5, 6}} : null;
    return new Clip(
        name,
        "walk",
        30,
        120,
        Retarget.KEYPOINTS,
        pos,
        vel,
        q,
        w,
        Map.of("source_file", "x.bvh", "importer", "bvh"),
        poses ? "legs" : null,
        poses ? 6 : 0,
        p);
  }

  @Test
  void roundTripsClipsSplitsAndStats() {
    ClipSet set =
        new ClipSet(
            "demo",
            "legs",
            List.of(
                new ClipSet.Entry(
                    clip("a", 12, true), "train", new Importers.IkStats(7.5, 11.25, -1.5, 0)),
                new ClipSet.Entry(clip("b", 3, false), "test", null)));
    set.save(tmp);
    assertTrue(Files.exists(tmp.resolve("clips/a.npz")));
    ClipSet back = ClipSet.load(tmp);
    assertEquals("demo", back.name());
    assertEquals("legs", back.model());
    assertEquals(List.of("a"), back.split("train").stream().map(Clip::name).toList());
    Clip a = set.get("a"), a2 = back.get("a");
    assertArrayEquals(a.positions(), a2.positions());
    assertArrayEquals(a.velocities(), a2.velocities());
    assertArrayEquals(a.rootQuat(), a2.rootQuat());
    assertArrayEquals(a.poses()[1], a2.poses()[1]);
    assertEquals(a.keypoints(), a2.keypoints());
    assertEquals(a.provenance(), a2.provenance());
    assertEquals(6, a2.poseStride());
    assertEquals(11.25, back.entries().get(0).ik().maxMm());
    assertEquals(null, back.get("b").poses());
  }

  @Test
  void damagedSetsAreBadInput() throws Exception {
    new ClipSet("demo", "legs", List.of(new ClipSet.Entry(clip("a", 5, false), "all", null)))
        .save(tmp);
    Files.write(tmp.resolve("clips/a.npz"), new byte[] {'P', 'K', 3, 4, 0});
    BadInputException e = assertThrows(BadInputException.class, () -> ClipSet.load(tmp));
    assertTrue(e.getMessage().contains("a.npz"), e.getMessage());
    assertThrows(BadInputException.class, () -> ClipSet.load(tmp.resolve("nowhere")));
  }

  /**
   * A set imported for one model is refused for another; a missing split names the splits there
   * are.
   */
  @Test
  void openChecksTheModelAndNamesTheSplits() {
    new ClipSet("demo", "legs", List.of(new ClipSet.Entry(clip("a", 5, true), "all", null)))
        .save(tmp);
    assertEquals(1, ClipSet.open(tmp.toString(), "legs").clips().size());
    BadInputException e =
        assertThrows(BadInputException.class, () -> ClipSet.open(tmp.toString(), "legs-back"));
    assertTrue(
        e.getMessage().contains("imported for model 'legs'")
            && e.getMessage().contains("--model legs-back"),
        e.getMessage());
    assertEquals("legs", ClipSet.openAny(tmp.toString()).model());
    e =
        assertThrows(
            BadInputException.class,
            () -> ClipSet.open(tmp.toString(), "legs").select("train", null));
    assertTrue(
        e.getMessage().contains("its splits: all") && e.getMessage().contains("--clips"),
        e.getMessage());
  }
}
