package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import kinesis.io.Json;
import org.junit.jupiter.api.Test;

class BenchEnvCommandTest {

  /** A very short run prints every promised key with positive rates (no timing is asserted). */
  @Test
  void jsonKeys() throws Exception {
    JsonNode r =
        Json.MAPPER.readTree(
            EnvCommandTest.capture(
                "bench",
                "env",
                "--model",
                "legs",
                "--control",
                "pd",
                "--envs",
                "2",
                "--threads",
                "2",
                "--seconds",
                "0.2",
                "--rounds",
                "1",
                "--json"));
    for (String k :
        new String[] {
          "control_steps_per_s_1thread",
          "control_steps_per_s_all_threads",
          "mj_steps_per_s_1thread",
          "env_vs_mj_1thread",
          "env_vs_mj_in_env_1thread",
          "thread_scaling"
        }) {
      assertTrue(r.get(k).asDouble() > 0, k);
    }
    assertEquals("pd", r.get("control").asText());
    assertTrue(
        r.get("clips").asText().contains("training clips of public-locomotion"),
        r.get("clips").asText());
  }

  /** --control both measures PD beside direct in the same rounds and reports their ratio. */
  @Test
  void bothControlModesInOneRun() throws Exception {
    JsonNode r =
        Json.MAPPER.readTree(
            EnvCommandTest.capture(
                "bench",
                "env",
                "--control",
                "both",
                "--envs",
                "2",
                "--threads",
                "1",
                "--seconds",
                "0.2",
                "--rounds",
                "1",
                "--json"));
    assertEquals("direct", r.get("control").asText());
    double ratio = r.get("pd_vs_direct_1thread").asDouble();
    assertEquals(
        r.get("pd_control_steps_per_s_1thread").asDouble()
            / r.get("control_steps_per_s_1thread").asDouble(),
        ratio,
        2e-3);
    assertTrue(ratio > 0);
  }

  @Test
  void badControlModeIsBadInput() {
    assertEquals(
        Main.BAD_INPUT, Main.run("bench", "env", "--control", "torque", "--seconds", "0.1"));
  }
}
