package kinesis.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmgCommandTest {
  @TempDir Path dir;

  /** Runs the CLI and returns {exit code, stdout, stderr}. */
  private static Object[] run(String... args) {
    PrintStream out = System.out, err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      var cl = Main.commandLine();
      cl.setErr(new java.io.PrintWriter(System.err, true, UTF_8));
      int code = cl.execute(args);
      return new Object[] {
        code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)
      };
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void humanBaselineAlone() throws Exception {
    Object[] r = run("emg", "--human-baseline", "--dataset", "santuz2020", "--json");
    assertEquals(0, r[0], (String) r[2]);
    JsonNode b = Json.MAPPER.readTree((String) r[1]).get("human_baseline");
    assertEquals(105, b.get("pairs").asInt());
    assertTrue(b.get("mean").asDouble() > 0 && b.get("sem").asDouble() > 0);
  }

  @Test
  void selfCheckWritesRolloutsThatScorePerfectly() throws Exception {
    Object[] r = run("emg", "--self-check", "--out", dir.toString());
    assertEquals(0, r[0], r[1] + " " + r[2]);
    assertTrue(Files.size(dir.resolve("emg-falisse2019.png")) > 10_000);
    assertTrue(Files.exists(dir.resolve("emg-santuz2020.png")));
    Path rollout = dir.resolve("selfcheck-falisse2019.rollout.npz");
    Object[] again = run("emg", rollout.toString(), "--dataset", "falisse2019", "--json");
    assertEquals(0, again[0], (String) again[2]);
    JsonNode j = Json.MAPPER.readTree((String) again[1]);
    assertEquals(1, j.get("mean_correlation").asDouble(), 1e-6);
    assertEquals(0, j.get("mpjae_deg").get("mean").asDouble(), 1e-4);
    assertEquals(6, j.get("cycles_used").asInt());
    assertTrue(j.get("per_muscle").has("Tibialis-anterior"));
    assertTrue(j.get("human_baseline").has("mean"));
  }

  @Test
  void badRolloutIsExitThreeNamingTheFile() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.rollout.npz"), "not a zip");
    Object[] r = run("emg", bad.toString());
    assertEquals(Main.BAD_INPUT, r[0]);
    assertTrue(((String) r[2]).contains(bad.toString()), (String) r[2]);
    Object[] missing = run("emg", dir.resolve("none.rollout.npz").toString());
    assertEquals(Main.BAD_INPUT, missing[0]);
    assertEquals(Main.BAD_INPUT, run("emg", "--human-baseline", "--dataset", "nope")[0]);
  }

  /** Nothing to compare is a usage error (exit 2), like every other missing option. */
  @Test
  void noRolloutIsAUsageError() {
    assertEquals(2, Main.run("emg"));
  }
}
