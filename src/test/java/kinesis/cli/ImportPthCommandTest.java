package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPthCommandTest {
  static final Path DIR = Path.of("src/test/resources/kinesis/rl/pth");
  @TempDir Path tmp;

  @Test
  void importedCheckpointsPlayAndExport() throws Exception {
    Path out = tmp.resolve("expert");
    MotionCommandTest.Run r =
        MotionCommandTest.run(
            "import-pth",
            DIR.resolve("lattice_small.pth").toString(),
            "--out",
            out.toString(),
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals("lattice", j.get("variant").asText());
    assertEquals("lattice [16, 12]", j.get("policy").asText());
    // it keeps the conventions of the code that trained it, and evaluation applies them
    var env = kinesis.rl.moe.Policies.load(out).env();
    assertEquals("original", env.get("root_tilt"));
    assertEquals("reference", env.get("frame_lookup"));
    assertEquals(
        kinesis.task.TiltConvention.ORIGINAL,
        kinesis.eval.Protocol.PAPER.config(env).conventions().tilt());
    // the folder is a policy like any other: play one episode, export it
    MotionCommandTest.Run play =
        MotionCommandTest.run(
            "play",
            "--policy",
            out.toString(),
            "--clip",
            "dataset-1_walk_normal_001",
            "--out",
            tmp.resolve("a.rollout.npz").toString());
    assertEquals(0, play.code(), play.err());
    assertEquals(
        0,
        MotionCommandTest.run(
                "export", "--policy", out.toString(), "--onnx", tmp.resolve("e.onnx").toString())
            .code());
    Path moe = tmp.resolve("moe");
    MotionCommandTest.Run m =
        MotionCommandTest.run(
            "import-pth", DIR.resolve("moe_small.pth").toString(), "--out", moe.toString());
    assertEquals(0, m.code(), m.err());
    assertTrue(m.out().startsWith("imported MoE of 3 experts"), m.out());
    assertTrue(Files.isRegularFile(moe.resolve("moe.json")));
    // refusals: exit 3, one line naming the file
    ExportCommandTest.assertBad(
        MotionCommandTest.run(
            "import-pth",
            DIR.resolve("other_obs.pth").toString(),
            "--out",
            tmp.resolve("x").toString()),
        "policy takes 100 observations and gives 80 actions; model legs has 309 observations and 80 muscles");
    ExportCommandTest.assertBad(
        MotionCommandTest.run(
            "import-pth",
            DIR.resolve("lattice_small.pth").toString(),
            "--out",
            tmp.resolve("y").toString(),
            "--model",
            "legs-abs"),
        "model legs-abs has 363 observations and 86 muscles");
    byte[] all = Files.readAllBytes(DIR.resolve("lattice_small.pth"));
    Path cut = Files.write(tmp.resolve("cut.pth"), java.util.Arrays.copyOf(all, all.length - 100));
    ExportCommandTest.assertBad(
        MotionCommandTest.run("import-pth", cut.toString(), "--out", tmp.resolve("z").toString()),
        "cut.pth");
    ExportCommandTest.assertBad(
        MotionCommandTest.run(
            "import-pth", DIR.resolve("lattice_small.pth").toString(), "--out", out.toString()),
        "already holds a policy");
    assertFalse(
        Files.exists(tmp.resolve("x")) || Files.exists(tmp.resolve("z")),
        "nothing written on refusal");
  }
}
