package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import kinesis.io.Assets;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsCommandTest {
  @TempDir Path tmp;

  /**
   * With the shared folder every asset is found; with an empty root each is reported missing and
   * the exit code is 3.
   */
  @Test
  void reportsFoundAndMissingAssets() throws Exception {
    JsonNode r = Json.MAPPER.readTree(EnvCommandTest.capture("assets", "--json"));
    assertTrue(r.get("all_found").asBoolean(), r.toString());
    assertEquals(11, r.get("assets").size());
    assertEquals(Main.BAD_INPUT, Main.run("--assets", tmp.toString(), "assets", "--json"));
    Assets empty =
        Assets.fromEnvironment().withRoot(tmp).withCache(tmp.resolve("cache")).withMyoSuite(null);
    empty.run(
        () -> {
          for (AssetsCommand.Item i : AssetsCommand.items()) assertTrue(!i.present(), i.path());
        });
  }
}
