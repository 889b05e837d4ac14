package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.rl.EnvFactory;
import kinesis.rl.PointMassEnv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir
  Path tmp;

  private final EnvFactory saved = TrainCommand.environments;

  @AfterEach
  void restore() {
    TrainCommand.environments = saved;
  }

  @Test
  void trainsResumesAndRejectsBadInput() throws Exception {
    TrainCommand.environments = (o, n, s) -> new PointMassEnv(n);
    Path run = tmp.resolve("run");
    assertEquals(0, Main.run("train", "--motions", tmp.toString(), "--preset", "laptop", "hidden=[16]", "num_envs=4",
        "samples_per_iteration=64", "minibatch_size=32", "iterations=2", "--out", run.toString()));
    assertTrue(Files.isRegularFile(run.resolve("config.yaml")));
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/0002/manifest.json")));
    assertTrue(Files.isRegularFile(run.resolve("plots/training.png")));
    assertEquals(0, Main.run("train", "--resume", run.toString(), "iterations=3"));
    assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size());
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/0003/manifest.json")));
    // bad input: exit code 3
    assertEquals(3, Main.run("train", "--resume", run.toString(), "hidden=[8]"));
    assertEquals(3, Main.run("train", "--motions", tmp.resolve("nope").toString(), "--out", tmp.resolve("r2").toString()));
    assertEquals(3, Main.run("train", "--motions", tmp.toString(), "k_pos=soft", "--out", tmp.resolve("r4").toString()));
    assertEquals(3, Main.run("train", "--motions", tmp.toString(), "gamma=2", "--out", tmp.resolve("r3").toString()));
    assertEquals(3, Main.run("train", "--motions", tmp.toString(), "--out", run.toString()));
  }

  @Test
  void environmentSettingsGoToTheEnvSectionOfTheRun() throws Exception {
    TrainCommand.environments = (o, n, s) -> {
      assertEquals("150", o.get("k_pos"));
      assertEquals("pd", o.get("control"));
      return new PointMassEnv(n);
    };
    Path run = tmp.resolve("env");
    assertEquals(0, Main.run("train", "--motions", tmp.toString(), "--control", "pd", "k_pos=150", "hidden=[8]", "num_envs=2",
        "samples_per_iteration=16", "minibatch_size=8", "iterations=1", "--out", run.toString()));
    assertTrue(Files.readString(run.resolve("config.yaml")).contains("k_pos: \"150\""));
  }
}
