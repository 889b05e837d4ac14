package kinesis.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.Assets;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotionCommandTest {
  @TempDir Path tmp;

  /** Runs the CLI, capturing stdout and stderr. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream out = System.out, err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true));
      System.setErr(new PrintStream(e, true));
      var cl = Main.commandLine();
      cl.setErr(new java.io.PrintWriter(System.err, true, UTF_8));
      int code = cl.execute(args);
      return new Run(code, o.toString(UTF_8), e.toString(UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void batchImportKeepsGoodFilesAndReportsBadOnes() throws Exception {
    Path good = Assets.resolve("data/motions/deepmimic/humanoid3d_run.txt");
    Path bad = tmp.resolve("broken.bvh");
    Files.writeString(bad, "HIERARCHY\nROOT Hips\n{\n OFFSET 0 0");
    Path set = tmp.resolve("set");
    Run r =
        run(
            "motion",
            "import",
            good.toString(),
            bad.toString(),
            "--model",
            "legs",
            "--out",
            set.toString(),
            "--json");
    assertEquals(3, r.code(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    JsonNode clip = j.path("clips").get(0);
    assertEquals("humanoid3d_run", clip.path("name").asText());
    assertEquals(30, clip.path("fps").asInt());
    assertEquals("run", clip.path("skill").asText());
    assertTrue(clip.path("frames").asInt() > 20);
    assertTrue(clip.path("ik_residual_mean_mm").asDouble() < 20);
    assertTrue(clip.path("ik_residual_max_mm").asDouble() < 60);
    assertTrue(j.path("errors").get(0).path("problem").asText().contains("broken.bvh"));

    Run list = run("motion", "list", set.toString(), "--json");
    assertEquals(0, list.code());
    assertEquals(
        "humanoid3d_run",
        Json.MAPPER.readTree(list.out()).path("clips").get(0).path("name").asText());

    Run inspect = run("motion", "inspect", set.resolve("humanoid3d_run").toString(), "--json");
    assertEquals(0, inspect.code(), inspect.err());
    JsonNode s = Json.MAPPER.readTree(inspect.out());
    assertTrue(
        s.path("speed_m_s").asDouble() > 2,
        inspect.out()); // the DeepMimic run covers 2.85 m in 0.8 s
    assertTrue(s.path("steps").asInt() >= 1);
    assertTrue(s.has("foot_sliding_m_s") && s.has("heading_change_deg"));
  }

  @Test
  void corruptedFileExitsThreeWithOneLine() throws Exception {
    Path bad = tmp.resolve("cut.npz");
    byte[] full =
        Files.readAllBytes(Assets.resolve("data/motions/locomujoco-mini/05-run_full_humanoid.npz"));
    Files.write(bad, java.util.Arrays.copyOf(full, 4000));
    Run r = run("motion", "import", bad.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(3, r.code());
    String[] lines = r.err().strip().split("\n", 0);
    assertEquals(1, lines.length, r.err());
    assertTrue(lines[0].startsWith("kinesis: " + bad), lines[0]);
    assertTrue(!Files.exists(tmp.resolve("o/manifest.json")));
    assertEquals(3, run("motion", "list", tmp.resolve("nothing").toString()).code());
    assertEquals(
        3,
        run("motion", "import", bad.toString(), "--out", tmp.toString(), "--skill", "dance")
            .code());
  }
}
