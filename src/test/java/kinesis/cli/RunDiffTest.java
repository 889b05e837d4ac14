package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDiffTest {
  @TempDir Path tmp;

  /**
   * A run folder with one checkpoint (weights, a manifest naming its own folder and time) and
   * metrics.
   */
  private static Path run(Path root, byte weight, String created, String sps, String loss)
      throws Exception {
    Path cp = root.resolve("r/checkpoints/0002");
    Files.createDirectories(cp.resolve("experts/0"));
    Files.write(cp.resolve("weights.bin"), new byte[] {1, 2, weight});
    Files.writeString(
        cp.resolve("manifest.json"),
        "{\n  \"iteration\" : 2,\n  \"created\" : \""
            + created
            + "\",\n  \"source\" : \""
            + root.toAbsolutePath()
            + "/x\"\n}\n");
    Files.writeString(
        cp.resolve("experts/0/moe.json"), "{ \"from\" : \"" + root.toAbsolutePath() + "/e\" }\n");
    Files.writeString(
        root.resolve("r/metrics.csv"),
        "iteration,charts/SPS,losses/value_loss,time/update_s\n1," + sps + "," + loss + ",0.5\n");
    Files.writeString(root.resolve("notes.json"), "{}\n");
    return root;
  }

  @Test
  void sameWorkInOtherFoldersAtOtherTimesIsIdentical() throws Exception {
    Path a = run(tmp.resolve("a"), (byte) 3, "2026-01-01T00:00:00Z", "100", "0.25");
    Path b = run(tmp.resolve("b"), (byte) 3, "2026-02-02T00:00:00Z", "999", "0.25");
    RunDiff.Result r = RunDiff.compare(a, b, List.of("r"), List.of("notes.json"));
    assertEquals(List.of(), r.differences());
    assertEquals(5, r.filesCompared()); // notes, weights, manifest, expert json, metrics
    assertTrue(r.identical());
  }

  @Test
  void aDifferentByteOrMetricIsReported() throws Exception {
    Path a = run(tmp.resolve("a"), (byte) 3, "t", "100", "0.25");
    Path b = run(tmp.resolve("b"), (byte) 4, "t", "100", "0.26");
    RunDiff.Result r = RunDiff.compare(a, b, List.of("r"), List.of());
    assertFalse(r.identical());
    assertEquals(
        List.of(
            "r/checkpoints/0002/weights.bin: differs",
            "r/metrics.csv: differs (2 vs 2 lines, timing columns left out)"),
        r.differences());
  }

  @Test
  void aMissingCheckpointIsReported() throws Exception {
    Path a = run(tmp.resolve("a"), (byte) 3, "t", "1", "1");
    Files.createDirectories(tmp.resolve("b/r"));
    RunDiff.Result r = RunDiff.compare(a, tmp.resolve("b"), List.of("r"), List.of());
    assertFalse(r.identical());
    assertTrue(r.differences().get(0).startsWith("r: no checkpoint"), r.differences().toString());
  }
}
