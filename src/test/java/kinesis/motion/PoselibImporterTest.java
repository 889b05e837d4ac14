package kinesis.motion;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.io.Npy;
import kinesis.io.Pickles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures written by src/test/python/make_poselib_fixtures.py (the AMP humanoid walking 2 s). */
class PoselibImporterTest {
  static final Path DIR = Path.of("src/test/resources/kinesis/motion/poselib");
  @TempDir Path tmp;

  static SourceMotion load(String name, SkeletonMapping mapping) throws Exception {
    Path f = DIR.resolve(name);
    return PoselibImporter.load(
        f,
        Pickles.item(Pickles.load(Npy.pickled(Files.readAllBytes(f), f.toString()), f.toString())),
        mapping);
  }

  static String error(String name, SkeletonMapping mapping) {
    return assertThrows(BadInputException.class, () -> load(name, mapping)).getMessage();
  }

  @Test
  void forwardKinematicsPutsRolesOnTheBodiesPythonComputed() throws Exception {
    SourceMotion m = load("amp_walk.npy", null);
    assertEquals("poselib", m.importer());
    assertEquals("poselib-amp-humanoid", m.mapping());
    assertEquals(61, m.frames());
    assertEquals(30, m.fps());
    // body positions of the same motion by numpy forward kinematics (T, 15, 3)
    NdArray expected = Npy.read(DIR.resolve("amp_walk.positions.npy"));
    double[] p = expected.toDoubles();
    int[][] roleBody = {
      {Retarget.L_HIP, 12},
      {Retarget.R_HIP, 9},
      {Retarget.L_KNEE, 13},
      {Retarget.R_KNEE, 10},
      {Retarget.L_ANKLE, 14},
      {Retarget.R_ANKLE, 11}
    };
    for (int f = 0; f < 61; f += 10) {
      for (int[] rb : roleBody) {
        double[] want = Signal.at(p, f * 15 + rb[1], 3);
        assertArrayEquals(want, m.role(f, rb[0]), 1e-5, "frame " + f + " role " + rb[0]);
      }
      // toes are synthesised in the foot frame, 0.13 m ahead and 0.045 m below the ankle
      assertEquals(
          Math.hypot(0.13, 0.045),
          Rot.norm(Rot.sub(m.role(f, Retarget.L_TOE), m.role(f, Retarget.L_ANKLE))),
          1e-9);
    }
    assertTrue(m.provenance().get("synthesised_R_Toe").contains("no toes"));
    assertTrue(m.provenance().get("format").startsWith("poselib SkeletonMotion (15 bodies, local"));
    // the walker moves forward (+x) about 1.1 m/s and its right toe leads its ankle in the foot's
    // forward direction
    assertEquals(2.2, m.role(60, Retarget.L_HIP)[0] - m.role(0, Retarget.L_HIP)[0], 0.15);
  }

  @Test
  void swordAndShieldAndSmplSkeletonsAreRecognisedByTheirBodyNames() throws Exception {
    SourceMotion amp17 = load("amp17_walk.npy", null);
    assertEquals("poselib-amp-humanoid", amp17.mapping());
    assertTrue(amp17.provenance().get("format").contains("17 bodies"));
    assertArrayEquals(
        load("amp_walk.npy", null).roles(),
        amp17.roles(),
        1e-9,
        "the two extra bodies change nothing");
    // PHC's SMPL humanoid: every role is a body of its own, toes included (nothing synthesised)
    SourceMotion smpl = load("smpl_walk.npy", null);
    assertEquals("smpl", smpl.mapping());
    assertFalse(smpl.provenance().keySet().stream().anyMatch(k -> k.startsWith("synthesised_")));
    double[] p = Npy.read(DIR.resolve("smpl_walk.positions.npy")).toDoubles();
    int[][] roleBody = {
      {Retarget.L_HIP, 1},
      {Retarget.L_TOE, 4},
      {Retarget.R_ANKLE, 7},
      {Retarget.R_TOE, 8},
      {Retarget.NECK, 12},
      {Retarget.HEAD, 13}
    };
    for (int f = 0; f < 61; f += 15) {
      for (int[] rb : roleBody)
        assertArrayEquals(Signal.at(p, f * 24 + rb[1], 3), smpl.role(f, rb[0]), 1e-5, "frame " + f);
    }
  }

  @Test
  void worldRotationsGiveTheSameMotion() throws Exception {
    SourceMotion local = load("amp_walk.npy", null), world = load("amp_walk_global.npy", null);
    assertTrue(world.provenance().get("format").contains("world rotations"));
    assertArrayEquals(local.roles(), world.roles(), 1e-5);
  }

  @Test
  void unknownSkeletonNamesTheFormatAndAUserMappingMapsIt() throws Exception {
    String e = error("custom_bones.npy", null);
    assertTrue(e.contains("poselib SkeletonMotion with 15 bodies (b00, b01"), e);
    assertTrue(e.contains("--mapping"), e);
    // the same bodies under other names, mapped by the user
    Path map = tmp.resolve("bones.json");
    Files.writeString(
        map,
        """
        {"name": "bones", "description": "renamed AMP humanoid", "units_to_metres": 1.0, "up_axis": "z",
         "joints": {"L_Hip": "b12", "R_Hip": "b09", "L_Knee": "b13", "R_Knee": "b10", "L_Ankle": "b14", "R_Ankle": "b11", "Neck": "b02"},
         "virtual": {"L_Toe": {"joint": "b14", "offset": [0.13, 0, -0.045], "note": "toe"},
                     "R_Toe": {"joint": "b11", "offset": [0.13, 0, -0.045], "note": "toe"},
                     "Head": {"joint": "b02", "offset": [0, 0, 0.175], "note": "head"}}}
        """);
    SourceMotion m = load("custom_bones.npy", SkeletonMapping.read(map));
    assertEquals("bones", m.mapping());
    assertArrayEquals(load("amp_walk.npy", null).roles(), m.roles(), 1e-12);
    // a user mapping naming bodies the file lacks says which
    String lacks = error("amp_walk.npy", SkeletonMapping.read(map));
    assertTrue(
        lacks.contains(
            "of 15 bodies lacks [b02, b09, b10, b11, b12, b13, b14] that mapping 'bones' needs"),
        lacks);
  }

  @Test
  void malformedFilesAreBadInputNamingTheFile() throws Exception {
    String shape = error("bad_rotation_shape.npy", null);
    assertTrue(
        shape.contains("bad_rotation_shape.npy")
            && shape.contains("rotation has shape f4 [61, 15, 3], expected [T, 15, 4]"),
        shape);
    String state = error("skeleton_state.npy", null);
    assertTrue(state.contains("poselib SkeletonState, not a SkeletonMotion"), state);
    // a truncated pickle
    byte[] all = Files.readAllBytes(DIR.resolve("amp_walk.npy"));
    byte[] pickle = Npy.pickled(java.util.Arrays.copyOf(all, all.length / 2), "cut.npy");
    String cut =
        assertThrows(BadInputException.class, () -> Pickles.load(pickle, "cut.npy")).getMessage();
    assertTrue(cut.startsWith("cut.npy: malformed or truncated pickle"), cut);
  }

  @Test
  void importsThroughTheImporterFrameworkOntoTheLegs() throws Exception {
    try (BodyModel legs = BodyModel.load("legs");
        Importers imp = new Importers(legs, 6)) {
      Importers.Imported i = imp.importFile(DIR.resolve("amp_walk.npy"), null, null);
      assertEquals(
          "poselib", i.clip().provenance().get("importer"), i.clip().provenance().toString());
      assertEquals(61, i.clip().frames());
      assertEquals("walk", i.clip().skill());
      assertTrue(i.ik().meanMm() < 30, "mean IK residual " + i.ik().meanMm() + " mm");
      // an object .npy that is not poselib names what it found
      Path other = tmp.resolve("other.npy");
      byte[] all = Files.readAllBytes(DIR.resolve("amp_walk.npy"));
      Files.write(other, all);
      assertDoesNotThrow(() -> imp.read(other, null));
      Files.write(other, java.util.Arrays.copyOf(all, 300));
      String e = assertThrows(BadInputException.class, () -> imp.read(other, null)).getMessage();
      assertTrue(e.contains("other.npy") && e.contains("truncated"), e);
    }
  }
}
