package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
  @TempDir Path tmp;

  /**
   * A run written before a column existed resumes: old rows keep their values, the new column stays
   * empty.
   */
  @Test
  void resumeAddsColumnsThatAreNewSinceTheRunStarted() throws Exception {
    Path f = tmp.resolve("metrics.csv");
    Files.writeString(f, "iteration,charts/SPS\n1,10\n2,20\n3,30\n");
    try (MetricsLog log =
        MetricsLog.resume(f, List.of("iteration", "losses/mirror_loss", "charts/SPS"), 2)) {
      assertEquals(2, log.rows().size());
      assertTrue(Double.isNaN(log.rows().get(1)[1]));
      assertEquals(20, log.rows().get(1)[2]);
      log.append(Map.of("iteration", 3.0, "losses/mirror_loss", 0.5, "charts/SPS", 31.0));
    }
    List<String> lines = Files.readAllLines(f);
    assertEquals(
        List.of("iteration,losses/mirror_loss,charts/SPS", "1,,10", "2,,20"), lines.subList(0, 3));
    assertEquals(4, lines.size());
  }

  /**
   * Columns the run no longer writes (an evaluation turned off) are kept, empty from then on; no
   * iteration column is bad input.
   */
  @Test
  void columnsNoLongerWrittenAreKept() throws Exception {
    Path f = tmp.resolve("metrics.csv");
    Files.writeString(f, "iteration,eval/coverage_train\n1,0.5\n");
    try (MetricsLog log = MetricsLog.resume(f, List.of("iteration", "charts/SPS"), 1)) {
      assertEquals(List.of("iteration", "charts/SPS", "eval/coverage_train"), log.columns());
      log.append(Map.of("iteration", 2.0, "charts/SPS", 9.0));
    }
    assertEquals(
        List.of("iteration,charts/SPS,eval/coverage_train", "1,,0.5", "2,9,"),
        Files.readAllLines(f));
    Files.writeString(f, "step,x\n1,2\n");
    assertThrows(
        BadInputException.class, () -> MetricsLog.resume(f, List.of("iteration", "charts/SPS"), 1));
  }

  /**
   * Whole numbers are written bare, others with six significant digits, missing and NaN values
   * empty; reading skips a torn line.
   */
  @Test
  void writesCompactNumbersAndReadsThemBack() throws Exception {
    Path f = tmp.resolve("metrics.csv");
    try (MetricsLog log = MetricsLog.create(f, List.of("iteration", "global_step", "a", "b"))) {
      log.append(
          Map.of("iteration", 1.0, "global_step", 4096.0, "a", 0.123456789, "b", Double.NaN));
      log.append(Map.of("iteration", 2.0, "global_step", 8192.0, "a", -2.5e-7));
    }
    assertEquals(
        List.of("iteration,global_step,a,b", "1,4096,0.123457,", "2,8192,-2.50000e-07,"),
        Files.readAllLines(f));
    Files.writeString(f, Files.readString(f) + "3,12288,0.5"); // torn: one cell short
    MetricsLog.Table t = MetricsLog.read(f);
    assertEquals(2, t.rows().size());
    assertEquals(0.123457, t.rows().get(0)[2], 0);
    assertTrue(Double.isNaN(t.rows().get(1)[3]));
  }
}
