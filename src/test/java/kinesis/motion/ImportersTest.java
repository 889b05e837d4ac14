package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportersTest {
  static BodyModel body;
  static Importers imp;
  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    body = BodyModel.load("legs");
    imp = new Importers(body, 6);
  }

  @AfterAll
  static void close() {
    imp.close();
    body.close();
  }

  @Test
  void deepMimicSynthesisesToesAndSaysSo() {
    SourceMotion m = imp.read(Assets.resolve("data/motions/deepmimic/humanoid3d_walk.txt"), null);
    assertEquals("deepmimic", m.importer());
    assertEquals(39, m.frames());
    assertEquals(30, m.fps(), 0.01);
    assertTrue(m.provenance().get("synthesised_L_Toe").contains("no toes"));
    // the synthesised toe is 0.13 m ahead of and 0.045 m below the ankle in the foot frame
    double d = Rot.norm(Rot.sub(m.role(0, Retarget.L_TOE), m.role(0, Retarget.L_ANKLE)));
    assertEquals(Math.hypot(0.13, 0.045), d, 1e-9);
  }

  @Test
  void locoMuJoCoKeypointsAreTheModelsOwnBodies() {
    Importers.Imported i =
        imp.importFile(
            Assets.resolve("data/motions/locomujoco-mini/02-constspeed_full_humanoid.npz"),
            null,
            null);
    // forward kinematics on the same body: IK finds it again almost exactly
    assertTrue(i.ik().maxMm() < 2, "max " + i.ik().maxMm());
    assertEquals(500.0, i.clip().sourceFps());
    assertEquals(30, i.clip().frames()); // 1 s at 500 Hz -> 30 fps
    assertEquals("walk", i.clip().skill());
    assertEquals(5, i.clip().poses().length); // stride 6
    assertEquals(6, i.clip().poseStride());
  }

  @Test
  void textToMotionJointsImportAt20Fps() {
    Importers.Imported i =
        imp.importFile(
            Assets.resolve(
                "data/text/t2m-samples/mdm/walk_pick_up_toolbox_sample2_joints_T22x3_float32.npy"),
            "walk",
            null);
    assertEquals(20.0, i.clip().sourceFps());
    assertEquals(89, i.clip().frames()); // 60 frames at 20 fps = 2.95 s -> 89 frames at 30 fps
    assertEquals("walk", i.clip().skill());
    assertTrue(i.ik().meanMm() < 20 && i.ik().maxMm() < 60, i.ik().toString());
  }

  @Test
  void longMotionsAreCutIntoPiecesOfOneSource() {
    Path f =
        Assets.resolve(
            "data/motions/bandai-namco/dataset-2/dataset-2_walk-turn-left_normal_001.bvh");
    List<Importers.Imported> pieces = imp.importFile(f, null, null, 2.0, 1.5);
    assertTrue(pieces.size() >= 2);
    for (Importers.Imported p : pieces) {
      assertEquals(f.toString(), p.clip().provenance().get("source_file"));
      assertTrue(p.clip().name().startsWith("dataset-2_walk-turn-left_normal_001-"));
    }
  }

  @Test
  void unsupportedAndMalformedFiles() throws Exception {
    Path txt = tmp.resolve("walk.txt");
    Files.writeString(txt, "{\"Frames\": [[0.03, 1, 2]");
    Path wrongWidth = tmp.resolve("wide.txt");
    Files.writeString(wrongWidth, "{\"Frames\": [[0.03, 1, 2], [0.03, 1, 2]]}");
    Path npy = tmp.resolve("joints.npy");
    kinesis.io.Npy.write(npy, kinesis.io.NdArray.of(new double[10 * 21 * 3], 10, 21, 3));
    Path npz = tmp.resolve("other.npz");
    kinesis.io.Npz.write(
        npz, java.util.Map.of("x", kinesis.io.NdArray.of(new double[] {1}, 1)), false);
    Path fbx = tmp.resolve("motion.fbx");
    Files.writeString(fbx, "binary");
    check(txt, "malformed JSON");
    check(wrongWidth, "the character needs 44");
    check(npy, "shape (T, 22, 3)");
    check(npz, "unknown .npz layout");
    check(fbx, "unsupported motion file type");
    check(tmp.resolve("empty.bvh"), "not found");
    Files.writeString(tmp.resolve("empty.bvh"), "");
    check(tmp.resolve("empty.bvh"), "empty");
  }

  /**
   * A mapping with virtual points cannot read a joint-positions file: a clear refusal, not a crash.
   */
  @Test
  void jointPositionsRefuseMappingsWithVirtualPoints() {
    Path f = tmp.resolve("joints.npy");
    var a = kinesis.io.NdArray.of(new double[10 * 22 * 3], 10, 22, 3);
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                JointPositionsImporter.load(
                    f, a, 20, SkeletonMapping.bundled("deepmimic-humanoid3d")));
    assertTrue(e.getMessage().contains("virtual points"), e.getMessage());
  }

  private void check(Path f, String words) {
    BadInputException e =
        assertThrows(BadInputException.class, () -> imp.importFile(f, null, null));
    assertTrue(
        e.getMessage().contains(f.toString()) && e.getMessage().contains(words), e.getMessage());
  }
}
