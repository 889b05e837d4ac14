package kinesis.motion.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedMotionsTest {
  static final Path MDM = Assets.resolve("data/text/t2m-samples/mdm");

  static Path fixture() throws Exception {
    return Path.of(
        GeneratedMotionsTest.class
            .getResource("/kinesis/motion/text/mdm_results_small.npy")
            .toURI());
  }

  @Test
  void readsMdmResultsPickledByNumpy1() {
    List<GeneratedMotion> m =
        GeneratedMotions.read(MDM.resolve("results_walk_pick_up_toolbox.npy"));
    assertEquals(3, m.size());
    assertEquals("the person walked forward and is picking up his toolbox.", m.get(2).text());
    assertArrayEquals(new int[] {60, 22, 3}, m.get(0).joints().shape());
    // the converted plain array of sample 0 holds exactly the same numbers
    double[] plain =
        Npy.read(MDM.resolve("walk_pick_up_toolbox_sample0_joints_T22x3_float32.npy")).toDoubles();
    assertArrayEquals(plain, m.get(0).joints().toDoubles(), 0.0);
    assertFalse(Arrays.equals(plain, m.get(1).joints().toDoubles()), "samples differ");
  }

  @Test
  void readsTheNumpy2FixtureAndHonoursLengths() throws Exception {
    List<GeneratedMotion> m = GeneratedMotions.read(fixture());
    assertEquals(2, m.size());
    assertEquals(40, m.get(0).frames(), "padded frames beyond 'lengths' are dropped");
    assertEquals(60, m.get(1).frames());
    assertEquals("A person is running in circle", m.get(0).text());
    // sample 0 is the first 40 frames of the shared running-in-circle sample
    double[] circle =
        Npy.read(MDM.resolve("running_in_circle_sample0_joints_T22x3_float32.npy")).toDoubles();
    assertArrayEquals(Arrays.copyOf(circle, 40 * 66), m.get(0).joints().toDoubles(), 0.0);
  }

  @Test
  void folderOfPlainArraysTakesTextsFromMetaFilesAndSkipsOtherArrays() {
    List<GeneratedMotion> m = GeneratedMotions.read(MDM);
    // two results.npy (1 + 3 samples) and four plain arrays with meta texts
    assertEquals(8, m.size());
    assertEquals(
        4, m.stream().filter(g -> g.textSource().equals(GeneratedMotions.FROM_META)).count());
    List<GeneratedMotion> h =
        GeneratedMotions.read(Assets.resolve("data/text/t2m-samples/humanml3d_sample"));
    assertEquals(1, h.size(), "Mean, Std and the 263-number features are not joint positions");
    assertEquals(GeneratedMotions.FROM_NAME, h.get(0).textSource());
    assertEquals("new joints 012314", h.get(0).text());
  }

  @Test
  void picksBySimilarTextOrIndex() {
    List<GeneratedMotion> m = GeneratedMotions.read(MDM.resolve("results_running_in_circle.npy"));
    List<GeneratedMotion> all =
        new java.util.ArrayList<>(
            GeneratedMotions.read(MDM.resolve("results_walk_pick_up_toolbox.npy")));
    all.addAll(m);
    GeneratedMotions.Pick p =
        GeneratedMotions.pick(all, "someone runs in a circle", null, Path.of("x"));
    assertEquals("A person is running in circle", p.motion().text());
    assertTrue(p.score() > 0);
    p = GeneratedMotions.pick(all, "a man walks forward", null, Path.of("x"));
    assertEquals(0, p.motion().index(), "ties go to the first sample");
    assertTrue(p.motion().text().contains("toolbox"));
    assertEquals(all.get(2), GeneratedMotions.pick(all, "anything", 2, Path.of("x")).motion());
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> GeneratedMotions.pick(all, "juggling flaming torches", null, Path.of("x")));
    assertTrue(e.getMessage().contains("toolbox"), "lists the texts it has: " + e.getMessage());
    assertThrows(BadInputException.class, () -> GeneratedMotions.pick(all, "run", 4, Path.of("x")));
  }

  @Test
  void badFilesNameTheFile(@TempDir Path tmp) throws Exception {
    byte[] good = Files.readAllBytes(fixture());
    Path truncated =
        Files.write(tmp.resolve("truncated.npy"), Arrays.copyOf(good, good.length / 2));
    Path header = Files.write(tmp.resolve("header.npy"), Arrays.copyOf(good, 20));
    Path empty = Files.write(tmp.resolve("empty.npy"), new byte[0]);
    Path noise = Files.write(tmp.resolve("noise.npy"), "not numpy at all".getBytes(UTF_8));
    byte[] bad = good.clone();
    for (int i = 200; i < 260; i++) bad[i] = (byte) 0xff;
    Path garbled = Files.write(tmp.resolve("garbled.npy"), bad);
    Path features = tmp.resolve("features.npy");
    Npy.write(features, kinesis.io.NdArray.ofFloats(new float[10 * 263], 10, 263));
    for (Path p :
        List.of(truncated, header, empty, noise, garbled, features, tmp.resolve("missing.npy"))) {
      BadInputException e =
          assertThrows(BadInputException.class, () -> GeneratedMotions.read(p), p.toString());
      assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
    Path dir = Files.createDirectory(tmp.resolve("empty-folder"));
    assertTrue(
        assertThrows(BadInputException.class, () -> GeneratedMotions.read(dir))
            .getMessage()
            .contains("no .npy"));
  }
}
