package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class KickCommandTest {
  static final String WALK = Assets.repository().resolve("policies/legs-walk").toString();
  static final String[] SMALL = {
    "iterations=1",
    "hidden=[16,16]",
    "num_envs=2",
    "samples_per_iteration=64",
    "minibatch_size=32",
    "episode_seconds=0.5"
  };

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

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Train from scratch for one iteration, resume it with the generic train command, fine-tune it,
   * evaluate it twice.
   */
  @Test
  void trainResumeFineTuneAndEvaluate(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("kick");
    assertEquals(
        0,
        Main.run(
            concat(
                new String[] {"kick", "train", "--out", run.toString()},
                concat(SMALL, "keeper=block"))));
    RunConfig cfg = RunConfig.load(run.resolve("config.yaml"));
    assertEquals("kick", cfg.env().get("task"));
    assertEquals("legs-back", cfg.env().get("model"));
    assertEquals("block", cfg.env().get("keeper"));
    assertEquals("10.0", cfg.env().get("goal_bonus"), "resolved settings are saved whole");
    assertTrue(cfg.env().get("init_from").startsWith("none"));
    assertTrue(
        Files.readString(run.resolve("metrics.csv"))
            .lines()
            .findFirst()
            .orElseThrow()
            .contains("reward/ball_velocity"));
    assertEquals(0, Main.run("train", "--resume", run.toString(), "iterations=2"));
    assertTrue(Files.isDirectory(run.resolve("checkpoints/0002")));

    Path tuned = tmp.resolve("tuned");
    assertEquals(
        0,
        Main.run(
            concat(
                new String[] {"kick", "train", "--from", run.toString(), "--out", tuned.toString()},
                SMALL)));
    RunConfig t = RunConfig.load(tuned.resolve("config.yaml"));
    assertEquals("true", t.env().get("ball_inputs"), "a kick policy keeps its ball block");
    assertEquals(1e-4, t.ppo().policyLr(), 0, "fine-tuning defaults");

    Path out = tmp.resolve("eval");
    Map<?, ?> r =
        json(
            "kick",
            "eval",
            "--policy",
            run.toString(),
            "--trials",
            "2",
            "--json",
            "--out",
            out.toString());
    Map<?, ?> keepers = (Map<?, ?>) r.get("keepers");
    assertEquals(List.of("stationary", "random", "block"), List.copyOf(keepers.keySet()));
    for (Object v : keepers.values()) {
      Map<?, ?> m = (Map<?, ?>) v;
      assertEquals(2, m.get("kicks"));
      double s = ((Number) m.get("success_rate")).doubleValue(),
          e = ((Number) m.get("effort")).doubleValue();
      assertTrue(s >= 0 && s <= 1 && e >= 0 && e <= 1);
    }
    assertTrue(Files.size(out.resolve("kick.png")) > 1000);
    Map<?, ?> saved = Json.read(out.resolve("results.json"), Map.class);
    assertEquals(2, ((List<?>) ((Map<?, ?>) saved.get("kicks_detail")).get("block")).size());
    // the same seed gives the same kicks; another seed other spawns
    Map<?, ?> again = json("kick", "eval", "--policy", run.toString(), "--trials", "2", "--json");
    assertEquals(keepers, again.get("keepers"));
    Map<?, ?> other =
        json(
            "kick",
            "eval",
            "--policy",
            run.toString(),
            "--trials",
            "2",
            "--keeper",
            "random",
            "--seed",
            "1",
            "--json");
    assertEquals(List.of("random"), List.copyOf(((Map<?, ?>) other.get("keepers")).keySet()));
  }

  @Test
  void badInputsAreRefusedWithExit3(@TempDir Path tmp) {
    String out = tmp.resolve("x").toString(), missing = tmp.resolve("missing").toString();
    assertEquals(3, Main.run("kick", "eval", "--policy", missing));
    assertEquals(3, Main.run("kick", "eval", "--policy", WALK), "a legs policy");
    assertEquals(3, Main.run("kick", "train", "--from", missing, "--out", out));
    assertEquals(3, Main.run("kick", "train", "--from", WALK, "--out", out), "a legs policy");
    assertEquals(3, Main.run("kick", "train", "--out", out, "keeper=goalie"));
    assertEquals(3, Main.run("kick", "train", "--out", out, "spawn_x_max=41"));
    assertEquals(
        3, Main.run("kick", "train", "--out", out, "--motions", tmp.resolve("nothing").toString()));
    assertEquals(2, Main.run("kick", "train"));
    assertFalse(Files.exists(tmp.resolve("x/config.yaml")), "nothing written for a refused run");
  }

  /**
   * An unknown strategy, no kicks and unknown settings are refused before any policy is loaded or
   * run.
   */
  @Test
  void evalRefusesBadOptions(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("kick");
    assertEquals(
        0, Main.run(concat(new String[] {"kick", "train", "--out", run.toString()}, SMALL)));
    assertEquals(3, Main.run("kick", "eval", "--policy", run.toString(), "--keeper", "goalie"));
    assertEquals(3, Main.run("kick", "eval", "--policy", run.toString(), "--trials", "0"));
    assertEquals(3, Main.run("kick", "eval", "--policy", run.toString(), "colour=blue"));
    assertEquals(
        3,
        Main.run("kick", "eval", "--policy", run.toString(), "ball_inputs=false"),
        "the policy reads the ball block");
    assertEquals(
        3,
        Main.run(
            "kick",
            "train",
            "--from",
            run.toString(),
            "--out",
            tmp.resolve("y").toString(),
            "control=pd"));
  }
}
