package kinesis.eval.emg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanDataTest {
  @TempDir Path dir;

  @Test
  void falisseHasOneSubjectFourteenMusclesAndKinematics() {
    HumanData d = HumanData.load(HumanData.FALISSE);
    assertEquals(14, d.channels().size());
    assertEquals(1, d.subjects().size());
    assertEquals(100, d.emg()[0][0].length);
    assertEquals(11, d.trials().length);
    assertEquals(
        List.of("hip_flexion", "hip_adduction", "knee_angle", "ankle_angle"),
        List.copyOf(d.joints().keySet()));
    assertEquals(
        -12.2492,
        d.joints().get("knee_angle")[0],
        1e-9); // knee negative in flexion (human convention)
    assertTrue(
        d.stanceFraction() > 0.55 && d.stanceFraction() < 0.7, "stance " + d.stanceFraction());
  }

  @Test
  void santuzHasFifteenSubjectsOfThirteenMuscles() {
    HumanData d = HumanData.load(HumanData.SANTUZ);
    assertEquals(
        List.of("ME", "MA", "FL", "RF", "VM", "VL", "ST", "BF", "TA", "PL", "GM", "GL", "SO"),
        d.channels());
    assertEquals(15, d.subjects().size());
    assertEquals("ID0001_TW_01", d.subjects().get(0));
    assertEquals(200, d.emg()[14][12].length);
    assertEquals(0.317311699563978, d.emg()[0][0][0], 1e-15);
    assertTrue(
        d.stanceFraction() > 0.55 && d.stanceFraction() < 0.7, "stance " + d.stanceFraction());
  }

  @Test
  void humanBaselineUsesAllPairs() {
    HumanBaseline s = HumanBaseline.of(HumanData.load(HumanData.SANTUZ));
    assertEquals("subject-to-subject", s.kind());
    assertEquals(105, s.pairMeans().length);
    assertTrue(s.mean() > 0.4 && s.mean() < 0.9, "santuz baseline " + s.mean());
    HumanBaseline f = HumanBaseline.of(HumanData.load(HumanData.FALISSE));
    assertEquals(55, f.pairMeans().length);
    assertTrue(f.kind().startsWith("trial-to-trial"));
  }

  @Test
  void baselineOfIdenticalSubjectsIsOne() {
    HumanData s = HumanData.load(HumanData.SANTUZ);
    double[][][] same = {s.emg()[0], s.emg()[0], s.emg()[0]};
    HumanData d =
        new HumanData(
            "x",
            "",
            s.normalisation(),
            s.channels(),
            List.of("a", "b", "c"),
            same,
            s.joints(),
            s.trials(),
            0.6);
    HumanBaseline b = HumanBaseline.of(d);
    assertEquals(3, b.pairMeans().length);
    assertEquals(1, b.mean(), 1e-12);
  }

  @Test
  void malformedOrMissingCsvNamesTheFile() throws IOException {
    Path src = Assets.resolve("data/emg/falisse2019");
    try (var files = Files.list(src)) {
      for (Path p : files.toList())
        if (p.toString().endsWith(".csv")) Files.copy(p, dir.resolve(p.getFileName()));
    }
    HumanData.falisse(dir); // the copy loads
    Path mean = dir.resolve("EMG_subject1_mean.csv");
    List<String> lines = Files.readAllLines(mean);
    Files.writeString(mean, String.join("\n", lines.subList(0, 50)));
    assertBad(() -> HumanData.falisse(dir), mean, "rows, expected 100");
    lines.set(5, lines.get(5).replaceFirst(",[^,]*,", ",oops,"));
    Files.write(mean, lines);
    assertBad(() -> HumanData.falisse(dir), mean, "not a number: 'oops'");
    Files.writeString(mean, "");
    assertBad(() -> HumanData.falisse(dir), mean, "empty");
    Files.delete(mean);
    assertBad(() -> HumanData.falisse(dir), mean, "no such file");
  }

  private static void assertBad(
      org.junit.jupiter.api.function.Executable run, Path file, String fragment) {
    BadInputException e = assertThrows(BadInputException.class, run);
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains(fragment),
        e.getMessage());
  }
}
