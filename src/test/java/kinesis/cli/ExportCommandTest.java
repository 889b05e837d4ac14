package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.Json;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.MixtureSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  static final Path SHIPPED = Path.of("policies/legs-walk");
  @TempDir Path tmp;

  @Test
  void exportsTheShippedPolicyWithItsContract() throws Exception {
    Path onnx = tmp.resolve("out/legs-walk.onnx");
    MotionCommandTest.Run r =
        MotionCommandTest.run(
            "export", "--policy", SHIPPED.toString(), "--onnx", onnx.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(List.of("action_mean"), Json.MAPPER.convertValue(j.get("outputs"), List.class));
    assertEquals(309, j.get("obs_dim").asInt());
    byte[] bytes = Files.readAllBytes(onnx);
    assertEquals(bytes.length, j.get("bytes").asLong());
    // the contract beside it: blocks cover the observation, one muscle name per action
    JsonNode c = Json.MAPPER.readTree(tmp.resolve("out/legs-walk.onnx.json").toFile());
    assertEquals("legs", c.get("model").asText());
    assertEquals("direct", c.get("control").asText());
    assertEquals(17, c.get("opset").asInt());
    int covered = 0;
    for (JsonNode b : c.get("observation").get("blocks")) {
      assertEquals(covered, b.get("offset").asInt());
      covered += b.get("size").asInt();
    }
    assertEquals(309, covered);
    assertEquals("root_height", c.get("observation").get("blocks").get(0).get("name").asText());
    assertEquals(80, c.get("action").get("muscles").size());
    assertEquals(0, c.get("notes").size());
    assertEquals(
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
        c.get("onnx_sha256").asText());
    // the same policy exports to the same bytes; people get a short summary
    Path again = tmp.resolve("again/legs-walk.onnx");
    MotionCommandTest.Run h =
        MotionCommandTest.run("export", "--policy", SHIPPED.toString(), "--onnx", again.toString());
    assertEquals(0, h.code(), h.err());
    assertArrayEquals(bytes, Files.readAllBytes(again));
    assertTrue(
        h.out().startsWith("exported gaussian [256, 256] (legs) from policies/legs-walk"), h.out());
    assertTrue(
        h.out().contains("observation [N, 309] float32 -> action_mean [N, 80] float32"), h.out());
  }

  @Test
  void aRunExportsItsNewestCheckpoint() throws Exception {
    Path run = tmp.resolve("run");
    for (String cp : List.of("0002", "0010")) {
      Path dir = Files.createDirectories(run.resolve("checkpoints").resolve(cp));
      for (String f : List.of("manifest.json", "weights.bin", "normaliser.bin"))
        Files.copy(SHIPPED.resolve(f), dir.resolve(f));
    }
    MotionCommandTest.Run r =
        MotionCommandTest.run(
            "export",
            "--policy",
            run.toString(),
            "--onnx",
            tmp.resolve("run.onnx").toString(),
            "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        run.resolve("checkpoints/0010").toString(),
        Json.MAPPER.readTree(r.out()).get("source").asText());
  }

  @Test
  void exportsAMixtureWithItsExpertChoice() throws Exception {
    List<ExpertSpec> experts = List.of(expert(1), expert(2));
    Path moe = tmp.resolve("moe");
    MixtureSpec.fresh(new int[] {6}, experts, 3).write(moe);
    Path onnx = tmp.resolve("moe.onnx");
    MotionCommandTest.Run r =
        MotionCommandTest.run(
            "export", "--policy", moe.toString(), "--onnx", onnx.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(
        List.of("action_mean", "expert", "expert_probabilities"),
        Json.MAPPER.convertValue(j.get("outputs"), List.class));
    JsonNode c = Json.MAPPER.readTree(tmp.resolve("moe.onnx.json").toFile());
    assertEquals(2, c.get("mixture").get("experts").asInt());
    assertTrue(c.get("mixture").get("choice").asText().startsWith("argmax"));
    // 9 observations are not the legs imitation layout: a flat block and a note saying so
    assertEquals("obs", c.get("observation").get("blocks").get(0).get("name").asText());
    assertTrue(
        c.get("notes").get(0).asText().contains("not the imitation layout"),
        c.get("notes").toString());
  }

  static ExpertSpec expert(long seed) {
    Policy p =
        new Policy(
            Policy.Kind.GAUSSIAN, 9, new int[] {8}, 80, 0f, new Rng(seed), Gemm.fromProperties());
    return ExpertSpec.of(p, Map.of("model", "legs", "control", "pd"), "e" + seed);
  }

  @Test
  void badInputsExitThreeWithOneLineNamingTheFile() throws Exception {
    Path onnx = tmp.resolve("p.onnx");
    // no such policy
    assertBad(
        MotionCommandTest.run(
            "export", "--policy", tmp.resolve("missing").toString(), "--onnx", onnx.toString()),
        "missing");
    // a corrupt copy of the shipped policy: truncated weights, then a broken manifest
    Path copy = Files.createDirectories(tmp.resolve("copy"));
    for (String f : List.of("manifest.json", "weights.bin", "normaliser.bin"))
      Files.copy(SHIPPED.resolve(f), copy.resolve(f));
    byte[] w = Files.readAllBytes(copy.resolve("weights.bin"));
    Files.write(copy.resolve("weights.bin"), java.util.Arrays.copyOf(w, w.length / 2));
    assertBad(
        MotionCommandTest.run("export", "--policy", copy.toString(), "--onnx", onnx.toString()),
        "weights.bin");
    Files.write(copy.resolve("weights.bin"), w);
    Files.writeString(copy.resolve("manifest.json"), "{\"format_version\": 1, \"obs_dim\": ");
    assertBad(
        MotionCommandTest.run("export", "--policy", copy.toString(), "--onnx", onnx.toString()),
        "manifest.json");
    // ONNX paths that cannot be written: under a regular file, or a directory
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    assertBad(
        MotionCommandTest.run(
            "export", "--policy", SHIPPED.toString(), "--onnx", file.resolve("p.onnx").toString()),
        "plain");
    Path dir = Files.createDirectories(tmp.resolve("dir.onnx"));
    assertBad(
        MotionCommandTest.run("export", "--policy", SHIPPED.toString(), "--onnx", dir.toString()),
        "dir.onnx");
    assertFalse(Files.exists(onnx), "nothing written on bad input");
    // a missing option is a usage error
    assertEquals(2, MotionCommandTest.run("export", "--policy", SHIPPED.toString()).code());
  }

  static void assertBad(MotionCommandTest.Run r, String names) {
    assertEquals(3, r.code(), r.out() + r.err());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.contains(names), err);
  }
}
