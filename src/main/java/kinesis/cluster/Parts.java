package kinesis.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits payloads into {@link Wire.Part}s of at most {@link #CHUNK} bytes and puts them back
 * together.
 */
final class Parts {
  /** Below Pekko's default maximum frame (256 KiB) with room for the header. */
  static final int CHUNK = 192 * 1024;

  private Parts() {}

  static List<Wire.Part> split(int workerId, long session, int kind, long id, byte[] payload) {
    int count = Math.max(1, (payload.length + CHUNK - 1) / CHUNK);
    List<Wire.Part> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      parts.add(
          new Wire.Part(
              workerId,
              session,
              kind,
              id,
              i,
              count,
              Arrays.copyOfRange(payload, i * CHUNK, Math.min(payload.length, (i + 1) * CHUNK))));
    }
    return parts;
  }

  /** Collects parts per (kind, id); Pekko delivers one sender's messages in order, at most once. */
  static final class Assembler {
    private final Map<String, List<byte[]>> open = new HashMap<>();
    private long bytes;

    /**
     * The whole payload once its last part arrives, else null. A part out of sequence discards the
     * payload.
     */
    byte[] add(Wire.Part p) {
      bytes += p.data().length;
      String key = p.kind() + "/" + p.id();
      List<byte[]> got = open.computeIfAbsent(key, k -> new ArrayList<>());
      if (got.size() != p.index()) {
        open.remove(key);
        return null;
      }
      got.add(p.data());
      if (got.size() < p.count()) return null;
      open.remove(key);
      int n = 0;
      for (byte[] b : got) n += b.length;
      byte[] all = new byte[n];
      int at = 0;
      for (byte[] b : got) {
        System.arraycopy(b, 0, all, at, b.length);
        at += b.length;
      }
      return all;
    }

    /** Bytes received so far (data of all parts). */
    long bytes() {
      return bytes;
    }
  }
}
