package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.eval.MineManifest;
import kinesis.io.Json;
import kinesis.rl.Checkpoint;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.rl.moe.MixtureActorsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill soak in small (CI), and the defects the full soak found, each kept as a regression test.
 */
class KillSoakTest {
  @TempDir Path tmp;

  /**
   * Three SIGKILLs during mining and mixture training (one aimed at a checkpoint write); the end
   * equals an uninterrupted run.
   */
  @Test
  void killedMiningAndMixtureEndIdenticalToAnUninterruptedRun() throws Exception {
    Path dir = tmp.resolve("soak");
    JsonNode r =
        Json.MAPPER.readTree(
            EnvCommandTest.capture(
                "soak",
                "kill",
                "--kills",
                "3",
                "--iterations",
                "2",
                "--dir",
                dir.toString(),
                "--json"));
    assertEquals(3, r.get("kills").asInt(), r.toString());
    assertTrue(r.get("identical").asBoolean(), r.toString());
    assertTrue(r.get("files_compared").asInt() >= 20, r.toString());
    assertEquals(0, r.get("differences").size());
  }

  /**
   * Found by the soak: a gate training killed before its first checkpoint could not be continued by
   * the same command.
   */
  @Test
  void moeKilledBeforeItsFirstCheckpointStartsAgain() throws Exception {
    String experts =
        MixtureActorsTest.constant(tmp.resolve("A"), 1)
            + ","
            + MixtureActorsTest.constant(tmp.resolve("B"), -1);
    Path moe = tmp.resolve("moe");
    String[] cmd = {
      "moe",
      "--experts",
      experts,
      "--out",
      moe.toString(),
      "hidden=[8]",
      "gate_hidden=[8]",
      "num_envs=4",
      "samples_per_iteration=32",
      "minibatch_size=16",
      "iterations=2"
    };
    assertEquals(0, Main.run(MoeCommandTest.TWO_TYPES, cmd));
    byte[] weights = Files.readAllBytes(moe.resolve("checkpoints/0002/weights.bin"));
    kinesis.io.AtomicFiles.deleteTree(
        moe.resolve(
            "checkpoints")); // what a kill before the first checkpoint leaves: config and metrics
    assertEquals(0, Main.run(MoeCommandTest.TWO_TYPES, cmd));
    assertTrue(
        java.util.Arrays.equals(
            weights, Files.readAllBytes(moe.resolve("checkpoints/0002/weights.bin"))));
    // and the same command, its settings repeated unchanged, continues a run (only changed settings
    // are refused)
    cmd[cmd.length - 1] = "iterations=3";
    assertEquals(0, Main.run(MoeCommandTest.TWO_TYPES, cmd));
    assertTrue(Files.isDirectory(moe.resolve("checkpoints/0003")));
    cmd[6] = "gate_hidden=[4]";
    assertEquals(Main.BAD_INPUT, Main.run(MoeCommandTest.TWO_TYPES, cmd));
  }

  /**
   * Found by the soak: the environment options were written in insertion order by a new run and
   * sorted by a resumed one.
   */
  @Test
  void runConfigKeepsOneOrderOfEnvironmentOptions() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("model", "legs");
    env.put("control", "direct");
    env.put("clips", "a");
    RunConfig fresh = new RunConfig(env, PpoConfig.laptop());
    Path file = tmp.resolve("config.yaml");
    fresh.save(file);
    assertEquals(List.of("clips", "control", "model"), List.copyOf(fresh.env().keySet()));
    assertEquals(
        List.copyOf(fresh.env().keySet()), List.copyOf(RunConfig.load(file).env().keySet()));
  }

  /**
   * Found by the soak: mine.json listed the environment options in an order that changed from one
   * JVM to the next.
   */
  @Test
  void miningManifestWritesItsOptionsSorted() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    for (String k : List.of("motions", "model", "control", "assist")) env.put(k, "v");
    MineManifest m =
        new MineManifest(
            MineManifest.FORMAT,
            MineManifest.VERSION,
            env,
            1,
            2,
            new MineManifest.Evaluation(0.5, true),
            List.of(MineManifest.Stage.of(0, List.of("c"))),
            false,
            null);
    assertEquals(List.of("assist", "control", "model", "motions"), List.copyOf(m.env().keySet()));
  }

  /**
   * Old checkpoints are renamed out of the listing before they are deleted; leftovers of an
   * interrupted removal go at the next write.
   */
  @Test
  void removedCheckpointsNeverLookComplete() throws Exception {
    Path cps = tmp.resolve("checkpoints");
    Checkpoint cp =
        new Checkpoint(
            1,
            Map.of("format_version", 1, "iteration", 1),
            Map.of("weights.bin", Map.of("w", new float[] {1})));
    cp.write(cps, 1);
    Files.createDirectories(cps.resolve(".del-0000"));
    Files.writeString(cps.resolve(".del-0000/manifest.json"), "{}");
    new Checkpoint(2, Map.of("format_version", 1, "iteration", 2), cp.files()).write(cps, 1);
    assertEquals(List.of(cps.resolve("0002")), Checkpoint.list(cps));
    assertFalse(Files.exists(cps.resolve("0001")));
    assertFalse(Files.exists(cps.resolve(".del-0001")));
    assertFalse(
        Files.exists(cps.resolve(".del-0000")), "a leftover of an interrupted removal is cleaned");
  }
}
