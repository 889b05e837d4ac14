package kinesis.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /** Runs the CLI in-process and returns {exit code, stdout}. */
  static Object[] run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      int code = Main.commandLine().execute(args);
      return new Object[] {code, buf.toString(UTF_8)};
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void infoJsonHasTheDocumentedKeys() throws Exception {
    Object[] r = run("info", "--model", "legs-back", "--json");
    assertEquals(0, r[0]);
    JsonNode j = Json.MAPPER.readTree((String) r[1]);
    for (String key :
        new String[] {
          "model",
          "file",
          "muscles",
          "nq",
          "nv",
          "bodies",
          "tracked_bodies",
          "mass_kg",
          "timestep",
          "mujoco_version",
          "mujoco_library",
          "mujoco_include"
        }) {
      assertTrue(j.has(key), "missing " + key);
    }
    assertEquals(290, j.get("muscles").asInt());
    assertEquals("3.14.0", j.get("mujoco_version").asText());
  }

  @Test
  void unknownModelExitsThree() {
    assertEquals(3, run("info", "--model", "nope")[0]);
  }

  @Test
  void missingAssetsExitThree(@TempDir Path tmp) {
    assertEquals(3, run("--assets", tmp.toString(), "info", "--model", "legs")[0]);
  }

  @Test
  void malformedModelFileExitsThree(@TempDir Path tmp) throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models/kinesis_legs"));
    Files.writeString(models.resolve("myolegs.xml"), "<mujoco><worldbody>");
    assertEquals(3, run("--assets", tmp.toString(), "info", "--model", "legs")[0]);
  }

  /**
   * A command line run inside another (demo's steps) keeps the assets in force unless it gives
   * --assets itself.
   */
  @Test
  void nestedCommandLinesKeepTheAssetsInForce(@TempDir Path tmp) {
    kinesis.io.Assets empty =
        kinesis.io.Assets.fromEnvironment().withRoot(tmp).withCache(tmp.resolve("cache"));
    assertEquals(3, empty.call(() -> run("info", "--model", "legs")[0]));
    String shared = kinesis.io.Assets.fromEnvironment().rootDir().toString();
    assertEquals(0, empty.call(() -> run("--assets", shared, "info", "--model", "legs")[0]));
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(2, run("info", "--frobnicate")[0]);
  }
}
