package kinesis.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.Assets;
import kinesis.io.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The single-clip walking policies shipped under {@code policies/} still do what their READMEs say:
 * the mean action from frame 0 completes the clip under the training protocol, with the coverage
 * and MPJPE of the committed {@code eval-train.json}. A change to the physics, the observation or
 * the clip import that breaks them fails here.
 */
class ShippedPoliciesTest {
  @SuppressWarnings("unchecked")
  @ParameterizedTest
  @ValueSource(strings = {"legs-walk", "legs-abs-walk", "legs-back-walk"})
  void aShippedWalkerStillCompletesItsClip(String name) throws Exception {
    Path dir = Assets.repository().resolve("policies").resolve(name);
    Map<String, Object> info = Json.read(dir.resolve("policy.json"), Map.class);
    Map<String, Object> committed = Json.read(dir.resolve("eval-train.json"), Map.class);
    Map<String, Object> now =
        json(
            "eval",
            "--policy",
            dir.toString(),
            "--motions",
            (String) info.get("motions"),
            "--clips",
            (String) info.get("demo_clip"),
            "--split",
            "all",
            "--protocol",
            "train",
            "--json");
    Map<String, Object> was = ((List<Map<String, Object>>) committed.get("clips")).get(0);
    Map<String, Object> is = ((List<Map<String, Object>>) now.get("clips")).get(0);
    assertEquals(true, is.get("success"), is.toString());
    assertEquals(1.0, ((Number) is.get("coverage")).doubleValue(), is.toString());
    assertEquals(
        ((Number) was.get("mpjpe_mm")).doubleValue(),
        ((Number) is.get("mpjpe_mm")).doubleValue(),
        0.5,
        is.toString());
  }

  private static Map<String, Object> json(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      assertEquals(0, Main.run(args));
    } finally {
      System.setOut(saved);
    }
    return Json.MAPPER.readValue(buf.toString(UTF_8), Map.class);
  }
}
