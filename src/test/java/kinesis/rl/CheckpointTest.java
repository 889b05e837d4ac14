package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.nn.TensorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path tmp;

  static Checkpoint sample(long iteration) {
    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    for (String f : Checkpoint.FILES) files.put(f, Map.of("x", new float[] {iteration, 2}));
    return new Checkpoint(
        iteration,
        Map.of("format_version", Checkpoint.FORMAT_VERSION, "iteration", iteration),
        files);
  }

  /**
   * Folders are rwxr-xr-x and files rw-r--r-- (other users can read them); only the newest `keep`
   * stay.
   */
  @Test
  void writesReadableFoldersAndKeepsTheNewest() throws Exception {
    Path dir = tmp.resolve("checkpoints");
    for (long i = 1; i <= 4; i++) sample(i).write(dir, 2);
    List<Path> all = Checkpoint.list(dir);
    assertEquals(List.of(dir.resolve("0003"), dir.resolve("0004")), all);
    assertEquals(
        "rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(all.get(1))));
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(all.get(1).resolve("weights.bin"))));
    Checkpoint back = Checkpoint.read(all.get(1));
    assertEquals(4, back.iteration());
    assertArrayEquals(new float[] {4, 2}, TensorFile.floats(back.file("weights.bin"), "x", 2));
  }

  /** A folder written by an earlier version without its execute bit is repaired when listed. */
  @Test
  void listingRepairsFoldersWithoutTheExecuteBit() throws Exception {
    Path dir = tmp.resolve("checkpoints");
    sample(7).write(dir, 3);
    Files.setPosixFilePermissions(
        dir.resolve("0007"), PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(1, Checkpoint.list(dir).size());
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("0007"))));
  }

  /**
   * A policy folder (weights and normaliser only) reads but cannot be resumed; another format
   * version is bad input; a torn write is not listed.
   */
  @Test
  void policyFoldersWrongVersionsAndTornWrites() throws Exception {
    Path dir = tmp.resolve("checkpoints");
    Path cp = sample(5).write(dir, 3);
    Files.delete(cp.resolve("optimizer.bin"));
    Files.delete(cp.resolve("state.bin"));
    Checkpoint policy = Checkpoint.read(cp);
    assertFalse(policy.has("optimizer.bin"));
    assertTrue(policy.has("weights.bin"));
    assertThrows(BadInputException.class, () -> policy.file("state.bin"));
    Files.createDirectories(
        dir.resolve("0009")); // a folder without its manifest: a write that did not finish
    Files.createDirectories(dir.resolve(".tmp-0010"));
    assertEquals(List.of(cp), Checkpoint.list(dir));
    Files.writeString(cp.resolve("manifest.json"), "{\"format_version\": 2, \"iteration\": 5}");
    assertThrows(BadInputException.class, () -> Checkpoint.read(cp));
    // without an iteration it is an expert's copy, to start from, never a training state
    Files.writeString(cp.resolve("manifest.json"), "{\"format_version\": 1}");
    assertTrue(Checkpoint.read(cp).policyOnly());
    Files.writeString(cp.resolve("state.bin"), "x");
    assertThrows(BadInputException.class, () -> Checkpoint.read(cp));
    assertEquals("0005", Checkpoint.dirName(5));
    assertEquals("12345", Checkpoint.dirName(12345));
  }
}
