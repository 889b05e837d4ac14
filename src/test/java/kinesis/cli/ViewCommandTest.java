package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewCommandTest {
  @Test
  void nothingToShowIsAUsageError() {
    assertEquals(2, MainTest.run("view")[0]);
    assertEquals(2, MainTest.run("view", "--demo", "legs", "--port", "70000")[0]);
  }

  @Test
  void badRolloutFilesAndModelsAreBadInput(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"model\":\"legs\",\"fps\":30,\"qpos\":[[1,2]]}"); // nq of legs is 35
    assertEquals(3, MainTest.run("view", tmp.resolve("missing.json").toString())[0]);
    assertEquals(3, MainTest.run("view", bad.toString(), "--port", "0")[0]);
    assertEquals(3, MainTest.run("view", "--demo", "nope")[0]);
  }

  @Test
  void screenshotOfTheDemoIsAPng(@TempDir Path tmp) throws Exception {
    kinesis.viz.web.Browsers.chromium(
        "ViewCommandTest"); // in CI its absence is a failure, not a skip
    Path png = tmp.resolve("view.png");
    Object[] r =
        MainTest.run(
            "view",
            "--demo",
            "legs",
            "--screenshot",
            png.toString(),
            "--size",
            "800x600",
            "--json");
    assertEquals(0, r[0]);
    JsonNode j = Json.MAPPER.readTree((String) r[1]);
    assertEquals(png.toAbsolutePath().toString(), j.get("screenshot").asText());
    assertTrue(j.get("payloadBytes").asLong() > 100_000);
    assertTrue(Files.size(png) > 10_000);
  }
}
