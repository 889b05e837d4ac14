package kinesis.viz.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
  static Replay tiny() {
    double[][] qpos = {{0, 0, 1}, {0.1, 0, 1}};
    double[][] kp = {{0, 0, 1}, {0.1, 0, 1}};
    return new Replay(
        "tiny",
        "legs",
        30,
        qpos,
        kp,
        List.of("a", "b"),
        new double[][] {{0.1, 0.2}, {0.3, 0.4}},
        List.of("r"),
        new double[][] {{1}, {2}});
  }

  @Test
  void counts() {
    Replay r = tiny();
    assertEquals(2, r.frames());
    assertEquals(1, r.keypointCount());
    assertEquals(2 / 30.0, r.duration(), 1e-12);
  }

  @Test
  void optionalPartsMayBeAbsent() {
    Replay r = new Replay(null, "legs", 30, new double[][] {{1}}, null, null, null, null, null);
    assertEquals("replay", r.label());
    assertEquals(0, r.keypointCount());
    assertTrue(r.muscleNames().isEmpty());
  }

  @Test
  void badShapesAndValuesAreBadInput() {
    double[][] q = {{0}, {0}};
    assertThrows(
        BadInputException.class, () -> new Replay("x", "legs", 0, q, null, null, null, null, null));
    assertThrows(
        BadInputException.class,
        () -> new Replay("x", "legs", 30, new double[0][], null, null, null, null, null));
    assertThrows(
        BadInputException.class,
        () ->
            new Replay(
                "x", "legs", 30, new double[][] {{0}, {0, 1}}, null, null, null, null, null));
    assertThrows(
        BadInputException.class,
        () ->
            new Replay(
                "x", "legs", 30, new double[][] {{0}, {Double.NaN}}, null, null, null, null, null));
    assertThrows(
        BadInputException.class,
        () ->
            new Replay(
                "x", "legs", 30, q, new double[][] {{1, 2}, {1, 2}}, null, null, null, null));
    assertThrows(
        BadInputException.class,
        () -> new Replay("x", "legs", 30, q, null, List.of("a"), new double[][] {{1}}, null, null));
    assertThrows(
        BadInputException.class,
        () ->
            new Replay(
                "x",
                "legs",
                30,
                q,
                null,
                null,
                null,
                List.of("r", "s"),
                new double[][] {{1}, {2}}));
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> new Replay("walk", null, 30, q, null, null, null, null, null));
    assertTrue(e.getMessage().contains("walk"), e.getMessage());
  }

  @Test
  void fileRoundTrip(@TempDir Path tmp) {
    Path f = tmp.resolve("r.json");
    ReplayFiles.write(f, tiny());
    Replay back = ReplayFiles.read(f);
    assertEquals("tiny", back.label());
    assertEquals(0.3, back.act()[1][0]);
    assertEquals(List.of("a", "b"), back.muscleNames());
    assertArrayEquals(tiny().qpos()[1], back.qpos()[1]);
  }

  @Test
  void badFilesNameTheFile(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("missing.json"),
        empty = tmp.resolve("empty.json"),
        garbage = tmp.resolve("garbage.json");
    Path truncated = tmp.resolve("truncated.json"), wrong = tmp.resolve("wrong.json");
    Files.writeString(empty, "");
    Files.writeString(garbage, "not json");
    ReplayFiles.write(truncated, tiny());
    String text = Files.readString(truncated);
    Files.writeString(truncated, text.substring(0, text.length() / 2));
    Files.writeString(
        wrong, "{\"label\":\"w\",\"model\":\"legs\",\"fps\":30,\"qpos\":[[0],[0,1]]}");
    for (Path p : List.of(missing, empty, garbage, truncated, wrong)) {
      BadInputException e = assertThrows(BadInputException.class, () -> ReplayFiles.read(p));
      assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
    }
  }
}
