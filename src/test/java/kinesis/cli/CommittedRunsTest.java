package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kinesis.io.Assets;
import kinesis.rl.RunConfig;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs committed before the settings were saved whole (overrides only in config.yaml) still resume.
 */
class CommittedRunsTest {
  static final Path RUN = Assets.repository().resolve("docs/results/learning/locomotion-run");

  @Test
  void anOverridesOnlyRunResumesWithTheDefaultsItWasTrainedWith(@TempDir Path tmp)
      throws Exception {
    RunConfig old = RunConfig.load(RUN.resolve("config.yaml"));
    assertTrue(
        !old.env().containsKey("k_pos"),
        "the committed run predates resolved settings: " + old.env());
    // a copy of the run (its config and newest checkpoint), resumed to the iteration it already
    // has: it loads, restores, stops
    Path run = tmp.resolve("run");
    Files.createDirectories(run.resolve("checkpoints"));
    Files.copy(RUN.resolve("config.yaml"), run.resolve("config.yaml"));
    Path cp;
    try (var checkpoints = Files.list(RUN.resolve("checkpoints"))) {
      cp = checkpoints.max(Path::compareTo).orElseThrow();
    }
    try (var files = Files.list(cp)) {
      Path into = Files.createDirectories(run.resolve("checkpoints").resolve(cp.getFileName()));
      for (Path f : files.toList()) Files.copy(f, into.resolve(f.getFileName()));
    }
    long iteration = Long.parseLong(cp.getFileName().toString());
    assertEquals(0, Main.run("train", "--resume", run.toString(), "iterations=" + iteration));
    // resolving the old overrides gives the settings the environment was built with then
    Map<String, String> resolved = new java.util.LinkedHashMap<>(old.env());
    TrainCommand.resolveImitation(resolved);
    assertEquals(
        ImitationConfig.training(ControlMode.DIRECT),
        ImitationConfig.training(ControlMode.DIRECT).withAll(resolved));
    assertEquals("0.15", resolved.get("termination_distance"));
  }

  /** Resolving keeps what was given and fills in every other setting with its training default. */
  @Test
  void resolvingFillsEveryImitationSetting() {
    Map<String, String> env =
        new java.util.LinkedHashMap<>(Map.of("model", "legs", "control", "pd", "k_pos", "100"));
    TrainCommand.resolveImitation(env);
    for (String k : ImitationConfig.KEYS) assertTrue(env.containsKey(k), k);
    assertEquals("100.0", env.get("k_pos"));
    assertEquals("pd", env.get("control"));
    assertEquals("legs", env.get("model"));
    assertEquals(
        ImitationConfig.training(ControlMode.PD).with("k_pos", "100"),
        ImitationConfig.training(ControlMode.PD).withAll(env));
  }
}
