package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.nn.TensorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir
  Path tmp;

  static Checkpoint sample(long iteration) {
    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    for (String f : Checkpoint.FILES) files.put(f, Map.of("x", new float[] {iteration, 2}));
    return new Checkpoint(iteration, Map.of("format_version", Checkpoint.FORMAT_VERSION, "iteration", iteration), files);
  }

  /** Folders are rwxr-xr-x and files rw-r--r-- (other users can read them); only the newest `keep` stay. */
  @Test
  void writesReadableFoldersAndKeepsTheNewest() throws Exception {
    Path dir = tmp.resolve("checkpoints");
    for (long i = 1; i <= 4; i++) sample(i).write(dir, 2);
    List<Path> all = Checkpoint.list(dir);
    assertEquals(List.of(dir.resolve("0003"), dir.resolve("0004")), all);
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(all.get(1))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(all.get(1).resolve("weights.bin"))));
    Checkpoint back = Checkpoint.read(all.get(1));
    assertEquals(4, back.iteration());
    assertArrayEquals(new float[] {4, 2}, TensorFile.floats(back.file("weights.bin"), "x", 2));
  }

  /** A folder written by an earlier version without its execute bit is repaired when listed. */
  @Test
  void listingRepairsFoldersWithoutTheExecuteBit() throws Exception {
    Path dir = tmp.resolve("checkpoints");
    sample(7).write(dir, 3);
    Files.setPosixFilePermissions(dir.resolve("0007"), PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(1, Checkpoint.list(dir).size());
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("0007"))));
  }
}
