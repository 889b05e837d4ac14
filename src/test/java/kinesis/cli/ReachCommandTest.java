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
import kinesis.rl.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReachCommandTest {
  static final String WALK = Assets.repository().resolve("policies/legs-walk").toString();

  private static Map<?, ?> json(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, "UTF-8"));
    try {
      assertEquals(0, Main.run(args));
    } finally {
      System.setOut(saved);
    }
    return Json.MAPPER.readValue(buf.toString("UTF-8"), Map.class);
  }

  /**
   * Fine-tune the shipped walking policy for one iteration, resume it with the generic train
   * command, evaluate it.
   */
  @Test
  void trainResumeAndEvaluate(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("reach");
    assertEquals(
        0,
        Main.run(
            "reach",
            "train",
            "--from",
            WALK,
            "--out",
            run.toString(),
            "iterations=1",
            "goal_range=1.5"));
    RunConfig cfg = RunConfig.load(run.resolve("config.yaml"));
    assertEquals("reach", cfg.env().get("task"));
    assertEquals("1.5", cfg.env().get("goal_range"));
    assertEquals("100.0", cfg.env().get("bonus"), "resolved settings are saved whole");
    assertEquals(1e-4, cfg.ppo().policyLr(), 0, "fine-tuning defaults");
    assertTrue(
        Files.readString(run.resolve("metrics.csv"))
            .lines()
            .findFirst()
            .orElseThrow()
            .contains("reward/goal_bonus"));
    assertEquals(0, Main.run("train", "--resume", run.toString(), "iterations=2"));
    assertTrue(Files.isDirectory(run.resolve("checkpoints/0002")));

    Path out = tmp.resolve("eval");
    Map<?, ?> r =
        json(
            "reach",
            "eval",
            "--policy",
            run.toString(),
            "--trials",
            "6",
            "--cells",
            "2",
            "--json",
            "--out",
            out.toString());
    assertEquals(6, r.get("trials"));
    assertEquals("1.5", ((Map<?, ?>) r.get("settings")).get("goal_range"), "the run's settings");
    double success = ((Number) r.get("success_rate")).doubleValue(),
        fell = ((Number) r.get("fall_rate")).doubleValue();
    assertTrue(success >= 0 && success <= 1 && fell >= 0 && fell <= 1);
    assertTrue(Files.size(out.resolve("heatmap.png")) > 1000);
    assertTrue(Files.isRegularFile(out.resolve("example.rollout.npz")));
    Map<?, ?> saved = Json.read(out.resolve("results.json"), Map.class);
    assertEquals(6, ((List<?>) saved.get("trials_detail")).size());
    // the same seed gives the same trials
    Map<?, ?> again =
        json(
            "reach", "eval", "--policy", run.toString(), "--trials", "6", "--cells", "2", "--json");
    assertEquals(r.get("mean_final_distance_m"), again.get("mean_final_distance_m"));
  }

  @Test
  void badInputsAreRefusedWithExit3(@TempDir Path tmp) throws Exception {
    String out = tmp.resolve("x").toString();
    // a policy that observes the reference ahead (its manifest says so) cannot start goal reaching
    Path preview = Files.createDirectories(tmp.resolve("preview"));
    for (String f : new String[] {"weights.bin", "normaliser.bin"})
      Files.copy(Path.of(WALK).resolve(f), preview.resolve(f));
    Files.writeString(
        preview.resolve("manifest.json"),
        Files.readString(Path.of(WALK).resolve("manifest.json"))
            .replace("\"model\"", "\"ref_preview\" : \"10\", \"model\""));
    assertEquals(3, Main.run("reach", "train", "--from", preview.toString(), "--out", out));
    assertEquals(3, Main.run("reach", "eval", "--policy", WALK, "--trials", "0"));
    assertEquals(3, Main.run("reach", "eval", "--policy", WALK, "--cells", "0"));
    assertEquals(3, Main.run("reach", "eval", "--policy", WALK, "goal_range=0"));
    assertEquals(3, Main.run("reach", "eval", "--policy", WALK, "colour=blue"));
    assertEquals(3, Main.run("reach", "eval", "--policy", tmp.resolve("missing").toString()));
    assertEquals(
        3, Main.run("reach", "train", "--from", tmp.resolve("missing").toString(), "--out", out));
    assertEquals(3, Main.run("reach", "train", "--from", WALK, "--out", out, "control=pd"));
    assertEquals(3, Main.run("reach", "train", "--from", WALK, "--out", out, "goal_range=-2"));
    assertEquals(2, Main.run("reach", "train", "--from", WALK));
    assertFalse(Files.exists(tmp.resolve("x/config.yaml")), "nothing written for a refused run");
  }
}
