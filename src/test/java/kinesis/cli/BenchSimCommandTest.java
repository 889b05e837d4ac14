package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;

class BenchSimCommandTest {

  /**
   * A very short run prints the Java and C figures and the C loop's own scaling (no timing is
   * asserted).
   */
  @Test
  void jsonHasCScaling() throws Exception {
    JsonNode r =
        Json.MAPPER.readTree(
            EnvCommandTest.capture(
                "bench",
                "sim",
                "--model",
                "legs",
                "--threads",
                "2",
                "--seconds",
                "0.2",
                "--rounds",
                "1",
                "--json"));
    for (String k :
        new String[] {
          "steps_per_s_1thread",
          "c_steps_per_s_1thread",
          "c_steps_per_s_all_threads",
          "c_steps_per_s_processes",
          "thread_scaling",
          "c_thread_scaling",
          "c_process_scaling"
        }) {
      assertTrue(r.get(k).asDouble() > 0, k);
    }
    assertEquals(
        r.get("c_steps_per_s_processes").asDouble() / r.get("c_steps_per_s_1thread").asDouble(),
        r.get("c_process_scaling").asDouble(),
        2e-3);
  }

  /** --profile --model all gives one profile per model whose top row is the whole step. */
  @Test
  void profileOfEveryModel() throws Exception {
    JsonNode r =
        Json.MAPPER.readTree(
            EnvCommandTest.capture(
                "bench", "sim", "--profile", "--model", "all", "--seconds", "0.1", "--json"));
    JsonNode profiles = r.get("profiles");
    assertEquals(3, profiles.size());
    for (JsonNode p : profiles) {
      JsonNode step = p.get("timers").get(0);
      assertEquals("step", step.get("name").asText());
      assertEquals(1.0, step.get("fraction_of_step").asDouble());
      assertTrue(p.get("steps").asLong() > 0);
      boolean constraint = false;
      for (JsonNode t : p.get("timers")) constraint |= t.get("name").asText().equals("constraint");
      assertTrue(constraint, p.toString());
    }
  }

  @Test
  void unknownModelIsBadInput() {
    assertEquals(
        Main.BAD_INPUT,
        Main.run("bench", "sim", "--profile", "--model", "arms", "--seconds", "0.1"));
  }
}
