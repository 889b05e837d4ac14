package kinesis.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandBenchTest {
  @Test
  void reportsTheDocumentedKeysAndStopsAtTheSampleBudget() {
    PpoConfig tiny =
        PpoConfig.laptop()
            .with(
                List.of(
                    "hidden=[16]",
                    "num_envs=4",
                    "samples_per_iteration=256",
                    "minibatch_size=128",
                    "epochs=1"));
    Map<String, Object> r =
        StandBench.run(
            "legs", tiny, 1.0, 1, 512, 60, new PrintStream(PrintStream.nullOutputStream()));
    for (String key :
        List.of("solved", "samples_to_solve", "seconds_to_solve", "samples_per_s", "curve")) {
      assertTrue(r.containsKey(key), key);
    }
    assertEquals(false, r.get("solved"), "a 16-unit policy after 512 samples does not balance");
    assertNull(r.get("samples_to_solve"));
    assertEquals(512L, r.get("samples"));
    assertEquals(2, ((List<?>) r.get("curve")).size());
  }
}
