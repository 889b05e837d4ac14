package kinesis.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * TensorBoard event files ({@code events.out.tfevents.*}), so that {@code tensorboard --logdir}
 * shows a run's metrics. Each record is TFRecord-framed (u64 length, masked CRC32C of the length,
 * the bytes, masked CRC32C of the bytes) and holds a hand-encoded protobuf {@code Event}: {@code
 * wall_time} (1, double), {@code step} (2, int64), {@code file_version} (3, string) for the first
 * record, {@code summary} (5) of {@code Value{tag (1), simple_value (2, float)}}.
 */
public final class TfEvents implements AutoCloseable {
  private static final java.util.concurrent.atomic.AtomicInteger FILES =
      new java.util.concurrent.atomic.AtomicInteger();
  private final OutputStream out;
  private final Path file;

  private TfEvents(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** A new event file in {@code dir} (a new one per process: TensorBoard reads them all). */
  public static TfEvents create(Path dir) {
    try {
      Files.createDirectories(dir);
      String host = java.net.InetAddress.getLoopbackAddress().getHostName();
      Path f =
          dir.resolve(
              "events.out.tfevents."
                  + System.currentTimeMillis() / 1000
                  + "."
                  + host
                  + "."
                  + ProcessHandle.current().pid()
                  + "."
                  + FILES.incrementAndGet());
      TfEvents ev =
          new TfEvents(
              f,
              new java.io.BufferedOutputStream(
                  Files.newOutputStream(f, StandardOpenOption.CREATE_NEW)));
      ev.record(event(System.currentTimeMillis() / 1e3, 0, "brain.Event:2", Map.of()));
      ev.out.flush();
      return ev;
    } catch (IOException e) {
      throw new BadInputException(dir, "cannot write a TensorBoard event file: " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  /** One event at {@code step} with a scalar per entry (non-finite values are left out). */
  public void scalars(long step, Map<String, Double> values) {
    Map<String, Double> finite = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null && Double.isFinite(v)) finite.put(k, v);
        });
    try {
      record(event(System.currentTimeMillis() / 1e3, step, null, finite));
      out.flush();
    } catch (IOException e) {
      throw new BadInputException(file, "cannot write: " + e.getMessage());
    }
  }

  private void record(byte[] data) throws IOException {
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length);
    out.write(len.array());
    out.write(le32(maskedCrc(len.array())));
    out.write(data);
    out.write(le32(maskedCrc(data)));
  }

  static byte[] event(double wallTime, long step, String fileVersion, Map<String, Double> scalars) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    tag(b, 1, 1);
    b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(wallTime).array());
    tag(b, 2, 0);
    varint(b, step);
    if (fileVersion != null) bytes(b, 3, fileVersion.getBytes(StandardCharsets.UTF_8));
    if (!scalars.isEmpty()) {
      ByteArrayOutputStream summary = new ByteArrayOutputStream();
      for (var e : scalars.entrySet()) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        bytes(value, 1, e.getKey().getBytes(StandardCharsets.UTF_8));
        tag(value, 2, 5);
        value.writeBytes(
            ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(e.getValue().floatValue())
                .array());
        bytes(summary, 1, value.toByteArray());
      }
      bytes(b, 5, summary.toByteArray());
    }
    return b.toByteArray();
  }

  private static void tag(ByteArrayOutputStream b, int field, int wireType) {
    varint(b, ((long) field << 3) | wireType);
  }

  private static void bytes(ByteArrayOutputStream b, int field, byte[] v) {
    tag(b, field, 2);
    varint(b, v.length);
    b.writeBytes(v);
  }

  private static void varint(ByteArrayOutputStream b, long v) {
    while ((v & ~0x7FL) != 0) {
      b.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.write((int) v);
  }

  static int maskedCrc(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    int crc = (int) c.getValue();
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  private static byte[] le32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  /** One scalar read back: step, tag, value. */
  public record Scalar(long step, String tag, float value) {}

  /**
   * Reads every scalar of an event file, checking both CRCs of every record (tests, and users who
   * want the numbers without TensorBoard); a damaged file is bad input.
   */
  public static List<Scalar> read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
    ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    List<Scalar> out = new ArrayList<>();
    while (buf.hasRemaining()) {
      if (buf.remaining() < 12) throw new BadInputException(file, "truncated record header");
      byte[] lenBytes = new byte[8];
      buf.get(lenBytes);
      long len = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (buf.getInt() != maskedCrc(lenBytes))
        throw new BadInputException(file, "length CRC mismatch");
      if (len < 0 || len > buf.remaining() - 4)
        throw new BadInputException(file, "truncated record");
      byte[] data = new byte[(int) len];
      buf.get(data);
      if (buf.getInt() != maskedCrc(data)) throw new BadInputException(file, "data CRC mismatch");
      try {
        parseEvent(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), out, file);
      } catch (RuntimeException e) {
        if (e instanceof BadInputException) throw e;
        throw new BadInputException(file, "malformed event record: " + e);
      }
    }
    return out;
  }

  private static void parseEvent(ByteBuffer b, List<Scalar> out, Path file) {
    long step = 0;
    List<ByteBuffer> summaries = new ArrayList<>();
    while (b.hasRemaining()) {
      long key = readVarint(b);
      int field = (int) (key >>> 3), wire = (int) (key & 7);
      if (field == 2 && wire == 0) step = readVarint(b);
      else if (field == 5 && wire == 2) summaries.add(sub(b));
      else skip(b, wire, file);
    }
    for (ByteBuffer s : summaries) {
      while (s.hasRemaining()) {
        long key = readVarint(s);
        if ((key >>> 3) != 1 || (key & 7) != 2) {
          skip(s, (int) (key & 7), file);
          continue;
        }
        ByteBuffer v = sub(s);
        String tag = null;
        float value = Float.NaN;
        while (v.hasRemaining()) {
          long k = readVarint(v);
          if ((k >>> 3) == 1 && (k & 7) == 2)
            tag = StandardCharsets.UTF_8.decode(sub(v)).toString();
          else if ((k >>> 3) == 2 && (k & 7) == 5) value = v.getFloat();
          else skip(v, (int) (k & 7), file);
        }
        if (tag != null) out.add(new Scalar(step, tag, value));
      }
    }
  }

  private static ByteBuffer sub(ByteBuffer b) {
    int n = (int) readVarint(b);
    ByteBuffer s = b.slice(b.position(), n).order(ByteOrder.LITTLE_ENDIAN);
    b.position(b.position() + n);
    return s;
  }

  private static void skip(ByteBuffer b, int wire, Path file) {
    switch (wire) {
      case 0 -> readVarint(b);
      case 1 -> b.position(b.position() + 8);
      case 2 -> sub(b);
      case 5 -> b.position(b.position() + 4);
      default -> throw new BadInputException(file, "unknown protobuf wire type " + wire);
    }
  }

  private static long readVarint(ByteBuffer b) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b.get();
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) return v;
    }
    throw new IllegalStateException("varint too long");
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new BadInputException(file, "cannot close: " + e.getMessage());
    }
  }
}
