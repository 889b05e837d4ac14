package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BvhImporterTest {
  @TempDir Path tmp;

  /**
   * A CMU-named skeleton in centimetres, y up; each leg is hip (±10, −5, 0), knee −40 y, ankle −40
   * y, toe +12 z −6 y.
   */
  static String bvh(List<double[]> frames) {
    StringBuilder b =
        new StringBuilder(
            """
            HIERARCHY
            ROOT Hips
            {
              OFFSET 0 0 0
              CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
            """);
    b.append(joint("Spine", "0 20 0", joint("Neck", "0 30 0", joint("Head", "0 10 0", null))));
    for (String side : new String[] {"Left", "Right"}) {
      String x = side.equals("Left") ? "10" : "-10";
      b.append(
          joint(
              side + "UpLeg",
              x + " -5 0",
              joint(
                  side + "Leg",
                  "0 -40 0",
                  joint(side + "Foot", "0 -40 0", joint(side + "ToeBase", "0 -6 12", null)))));
    }
    b.append("}\nMOTION\nFrames: ").append(frames.size()).append("\nFrame Time: 0.0333333\n");
    for (double[] f : frames) {
      StringBuilder line = new StringBuilder();
      for (double v : f) line.append(String.format(Locale.ROOT, "%.6f ", v));
      b.append(line.toString().strip()).append('\n');
    }
    return b.toString();
  }

  private static String joint(String name, String offset, String child) {
    return "JOINT "
        + name
        + "\n{\n  OFFSET "
        + offset
        + "\n  CHANNELS 3 Zrotation Xrotation Yrotation\n"
        + (child != null ? child : "  End Site\n  {\n    OFFSET 0 0 1\n  }\n")
        + "}\n";
  }

  /** Channel count: root 6 + 11 joints × 3. */
  static double[] frame(double x, double y, double z) {
    double[] f = new double[6 + 11 * 3];
    f[0] = x;
    f[1] = y;
    f[2] = z;
    return f;
  }

  @Test
  void forwardKinematicsKnownAnswers() throws Exception {
    double[] rest = frame(0, 90, 0);
    double[] flexed = frame(0, 90, 0);
    // LeftUpLeg is joint 4 (Hips, Spine, Neck, Head, LeftUpLeg): Xrotation 90 degrees
    flexed[6 + 3 * 3 + 1] = 90;
    double[] turned = frame(100, 90, 0);
    turned[5] = 90; // Hips Yrotation: the whole body turns about the vertical
    Path f = tmp.resolve("synthetic.bvh");
    Files.writeString(f, bvh(List.of(rest, flexed, turned)));
    SourceMotion m = BvhImporter.load(f);
    assertEquals("bvh-cmu", m.mapping());
    assertEquals(30, m.fps(), 1e-3);
    // rest: left toe at (10, 90-5-40-40-6, 12) cm y-up -> z-up metres (x, -z, y)
    assertArrayEquals(new double[] {0.10, -0.12, -0.01}, m.role(0, Retarget.L_TOE), 1e-9);
    assertArrayEquals(new double[] {-0.10, 0, 0.45}, m.role(0, Retarget.R_KNEE), 1e-9);
    assertArrayEquals(new double[] {0, 0, 1.5}, m.role(0, Retarget.HEAD), 1e-9);
    // hip turned 90 degrees about x: the knee is 40 cm along −z of the y-up frame, i.e. +y in z-up
    assertArrayEquals(new double[] {0.10, 0.40, 0.85}, m.role(1, Retarget.L_KNEE), 1e-9);
    // turned 90 degrees about y-up: the left hip (+x) goes to −z (y-up), i.e. +y in z-up
    assertArrayEquals(new double[] {1.0, 0.10, 0.85}, m.role(2, Retarget.L_HIP), 1e-9);
  }

  @Test
  void userMappingNamesOtherJoints() throws Exception {
    Path f = tmp.resolve("renamed.bvh");
    Files.writeString(f, bvh(List.of(frame(0, 90, 0), frame(0, 90, 0))).replace("ToeBase", "Toe"));
    Path json = tmp.resolve("mine.json");
    Files.writeString(
        json,
        """
        {"name": "mine", "units_to_metres": 0.01, "up_axis": "y",
         "joints": {"L_Hip": "LeftUpLeg", "R_Hip": "RightUpLeg", "L_Knee": "LeftLeg", "R_Knee": "RightLeg",
           "L_Ankle": "LeftFoot", "R_Ankle": "RightFoot", "L_Toe": "LeftToe", "R_Toe": "RightToe",
           "Neck": "Neck", "Head": "Head"}}
        """);
    SourceMotion m = BvhImporter.load(f, SkeletonMapping.read(json));
    assertEquals("mine", m.mapping());
    assertArrayEquals(new double[] {0.10, -0.12, -0.01}, m.role(0, Retarget.L_TOE), 1e-9);
    Files.writeString(
        json, "{\"name\": \"broken\", \"units_to_metres\": 1, \"up_axis\": \"y\", \"joints\": {}}");
    BadInputException e = assertThrows(BadInputException.class, () -> SkeletonMapping.read(json));
    assertTrue(e.getMessage().contains("lacks role"), e.getMessage());
  }

  @Test
  void readsBandaiNamcoFiles() {
    SourceMotion m =
        BvhImporter.load(
            Assets.resolve("data/motions/bandai-namco/dataset-1/dataset-1_walk_normal_001.bvh"));
    assertEquals("bvh-bandai-namco", m.mapping());
    assertEquals(195, m.frames());
    assertEquals(30, m.fps(), 0.01);
    // a standing adult: the head joint (base of the skull) 1.1–1.7 m above the toes
    double headZ = m.role(0, Retarget.HEAD)[2], toeZ = m.role(0, Retarget.L_TOE)[2];
    assertTrue(headZ - toeZ > 1.1 && headZ - toeZ < 1.7, "head " + headZ + " toe " + toeZ);
  }

  @Test
  void badFilesAreNamedWithTheirProblem() throws Exception {
    String good = bvh(List.of(frame(0, 90, 0), frame(0, 90, 0)));
    assertBad("empty.bvh", "", "empty");
    assertBad("garbage.bvh", "hello\nworld", "expected 'HIERARCHY'");
    assertBad("truncated.bvh", good.substring(0, good.length() - 40), "truncated");
    assertBad("nan.bvh", good.replaceFirst("0\\.000000", "NaN"), "NaN");
    assertBad("notoes.bvh", good.replace("ToeBase", "Toe"), "lacks the joints");
    assertBad("badnumber.bvh", good.replace("OFFSET 0 20 0", "OFFSET 0 x 0"), "expected a number");
    // headers that no later command could use are refused at import, before any large allocation
    assertBad("huge.bvh", good.replace("Frames: 2", "Frames: 2000000000"), "more than the file's");
    for (String[] c :
        new String[][] {{"100000", "longer than an hour"}, {"1e-300", "shorter than one frame"}}) {
      Path f = tmp.resolve("time-" + c[0] + ".bvh");
      Files.writeString(f, good.replace("Frame Time: 0.0333333", "Frame Time: " + c[0]));
      BadInputException e =
          assertThrows(BadInputException.class, () -> Retarget.checkDuration(BvhImporter.load(f)));
      assertTrue(
          e.getMessage().startsWith(f.toString()) && e.getMessage().contains(c[1]), e.getMessage());
    }
    assertBad(
        "zero.bvh",
        good.replace("Frame Time: 0.0333333", "Frame Time: 0"),
        "Frame Time must be positive");
    BadInputException e =
        assertThrows(BadInputException.class, () -> BvhImporter.load(tmp.resolve("none.bvh")));
    assertTrue(e.getMessage().contains("not found"));
  }

  private void assertBad(String name, String text, String words) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    BadInputException e = assertThrows(BadInputException.class, () -> BvhImporter.load(f));
    assertTrue(
        e.getMessage().startsWith(f.toString()) && e.getMessage().contains(words), e.getMessage());
  }
}
