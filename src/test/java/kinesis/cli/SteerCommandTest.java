package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.Assets;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteerCommandTest {
  static final String WALK = Assets.repository().resolve("policies/legs-walk").toString();
  static final String EXAMPLE = Assets.repository().resolve("docs/examples/steer.yaml").toString();

  @Test
  void runsTheExampleScriptAndRefusesBadInput(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("steer.rollout.npz");
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, "UTF-8"));
    try {
      assertEquals(
          0,
          Main.run(
              "steer", "--policy", WALK, "--schedule", EXAMPLE, "--out", out.toString(), "--json"));
    } finally {
      System.setOut(saved);
    }
    Map<?, ?> r = Json.MAPPER.readValue(buf.toString("UTF-8"), Map.class);
    List<?> segments = (List<?>) r.get("segments");
    assertFalse(segments.isEmpty());
    assertEquals("0 deg", ((Map<?, ?>) segments.get(0)).get("command"));
    double seconds = ((Number) r.get("seconds")).doubleValue();
    assertTrue(seconds > 0 && seconds <= 12);
    assertEquals(seconds < 12, r.get("fell"), "an episode ends early only by a fall");
    assertTrue(Files.size(out) > 0);
    assertEquals(
        3,
        Main.run(
            "steer",
            "--policy",
            WALK,
            "--schedule",
            tmp.resolve("none.yaml").toString(),
            "--out",
            out.toString()));
    assertEquals(
        3,
        Main.run(
            "steer",
            "--policy",
            WALK,
            "--schedule",
            EXAMPLE,
            "--out",
            tmp.resolve("x.npz").toString()));
    assertEquals(2, Main.run("steer", "--policy", WALK, "--out", out.toString()));
  }

  /**
   * The live mode's options are checked before anything is served (serving itself is
   * LiveSteeringTest's).
   */
  @Test
  void liveOptionsAreChecked(@TempDir Path tmp) {
    String out = tmp.resolve("s.rollout.npz").toString();
    assertEquals(
        2, Main.run("steer", "--policy", WALK, "--live", "--schedule", EXAMPLE, "--out", out));
    assertEquals(2, Main.run("steer", "--policy", WALK, "--live", "--out", out));
    assertEquals(2, Main.run("steer", "--policy", WALK, "--live", "--port", "70000"));
    assertEquals(2, Main.run("steer", "--policy", WALK, "--schedule", EXAMPLE));
    assertEquals(3, Main.run("steer", "--policy", WALK, "--live", "--distance", "5"));
    assertEquals(3, Main.run("steer", "--policy", tmp.resolve("none").toString(), "--live"));
  }
}
