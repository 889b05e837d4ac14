package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndRejectsTruncatedFiles() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("w", new float[] {1.5f, -2f, Float.MIN_VALUE});
    m.put("d", new double[] {Math.PI});
    m.put("n", new long[] {Long.MAX_VALUE});
    m.put("b", new byte[] {1, 2, 3});
    Path f = dir.resolve("t.bin");
    TensorFile.write(f, m);
    Map<String, Object> back = TensorFile.read(f);
    assertArrayEquals((float[]) m.get("w"), (float[]) back.get("w"));
    assertArrayEquals((double[]) m.get("d"), (double[]) back.get("d"));
    assertArrayEquals((long[]) m.get("n"), (long[]) back.get("n"));
    assertArrayEquals((byte[]) m.get("b"), (byte[]) back.get("b"));
    byte[] raw = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(raw, raw.length - 5));
    BadInputException e = assertThrows(BadInputException.class, () -> TensorFile.read(cut));
    assertTrue(e.getMessage().contains("cut.bin"), e.getMessage());
    Files.writeString(cut, "hello world, not tensors");
    assertThrows(BadInputException.class, () -> TensorFile.read(cut));
  }
}
