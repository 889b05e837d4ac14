package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLearnCommandTest {
  @TempDir Path tmp;

  /**
   * A two-iteration walking benchmark with a tiny policy: the curve, the coverage thresholds and
   * the files.
   */
  @Test
  void walkReportsItsCurveAndWritesItsFiles() throws Exception {
    Path out = tmp.resolve("walk");
    JsonNode r =
        Json.MAPPER.readTree(
            EnvCommandTest.capture(
                "bench",
                "learn",
                "--task",
                "walk",
                "--max-samples",
                "64",
                "--eval-every",
                "1",
                "--out",
                out.toString(),
                "--json",
                "hidden=[16]",
                "num_envs=2",
                "samples_per_iteration=32",
                "minibatch_size=16",
                "epochs=1",
                "assist=0.5",
                "assist_anneal=1000"));
    assertEquals("walk", r.get("task").asText());
    assertEquals("dataset-1_walk_normal_001", r.get("clip").asText());
    assertEquals(64, r.get("samples").asLong());
    assertEquals(2, r.get("curve").size());
    JsonNode last = r.get("curve").get(1);
    assertTrue(
        last.get("eval/coverage_train").asDouble() < 0.25,
        "a 16-unit policy after 64 samples does not walk");
    assertEquals(
        0.5 * (1 - 32 / 1000.0),
        last.get("env/assist_scale").asDouble(),
        1e-9,
        "the training aid, annealed from 0.5, is logged");
    assertTrue(r.get("samples_to_25pct_coverage").isNull());
    assertEquals("0.5", r.get("env").get("assist").asText());
    for (String f : new String[] {"curve.csv", "curve.png", "result.json"})
      assertTrue(Files.size(out.resolve(f)) > 0, f);
  }

  /** The speed benchmark's ratios are those of its own figures (no timing is asserted). */
  @Test
  void speedRatiosComeFromTheSameRun() throws Exception {
    JsonNode r =
        Json.MAPPER.readTree(
            EnvCommandTest.capture(
                "bench",
                "learn",
                "--iterations",
                "2",
                "--seconds",
                "0.2",
                "--json",
                "hidden=[16]",
                "num_envs=2",
                "samples_per_iteration=32",
                "minibatch_size=16",
                "epochs=1"));
    double train = r.get("training_samples_per_s").asDouble(),
        env = r.get("env_random_steps_per_s").asDouble();
    assertTrue(train > 0 && env > 0);
    assertEquals(train / env, r.get("ratio_vs_env").asDouble(), 2e-3 + 1e-3 * train / env);
    assertEquals(
        r.get("rollout_samples_per_s").asDouble() / env,
        r.get("rollout_vs_env").asDouble(),
        2e-3 + 1e-3 * train / env);
    assertEquals(2, r.get("ratio_vs_env_by_iteration").size());
    assertEquals(32, r.get("samples_per_iteration").asInt());
    assertTrue(!r.get("cpu_model").asText().isBlank() && r.get("cores").asInt() >= 1);
  }

  @Test
  void unknownTaskIsBadInput() {
    assertEquals(Main.BAD_INPUT, Main.run("bench", "learn", "--task", "run"));
  }
}
