package kinesis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfEventsTest {
  @TempDir Path tmp;

  /**
   * Scalars read back with their steps and tags; non-finite values are left out; both CRCs of every
   * record check.
   */
  @Test
  void writesTensorBoardScalarsThatReadBack() throws Exception {
    Path f;
    try (TfEvents ev = TfEvents.create(tmp)) {
      f = ev.file();
      Map<String, Double> a = new LinkedHashMap<>();
      a.put("charts/episodic_return", 1.5);
      a.put("losses/approx_kl", Double.NaN);
      ev.scalars(4096, a);
      ev.scalars(8192, Map.of("charts/episodic_return", 2.25));
    }
    assertTrue(f.getFileName().toString().startsWith("events.out.tfevents."));
    assertEquals(
        List.of(
            new TfEvents.Scalar(4096, "charts/episodic_return", 1.5f),
            new TfEvents.Scalar(8192, "charts/episodic_return", 2.25f)),
        TfEvents.read(f));
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length - 6] ^= 1; // a flipped bit in the last record's data
    Files.write(f, bytes);
    assertTrue(
        assertThrows(BadInputException.class, () -> TfEvents.read(f)).getMessage().contains("CRC"));
  }

  /**
   * The masked CRC32C of TFRecord, checked against the value TensorFlow computes for b"" and b"a".
   */
  @Test
  void maskedCrcMatchesTensorFlow() {
    assertEquals(0xa282ead8, TfEvents.maskedCrc(new byte[0]));
    // crc32c("a") = 0xc1d04330; masked = rotr15 + 0xa282ead8
    int crc = 0xc1d04330;
    assertEquals(((crc >>> 15) | (crc << 17)) + 0xa282ead8, TfEvents.maskedCrc(new byte[] {'a'}));
  }
}
