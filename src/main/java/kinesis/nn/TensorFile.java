package kinesis.nn;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;

/**
 * Named flat tensors in one little-endian binary file: magic {@code KNTF}, version, count, then per
 * entry a UTF-8 name, a type byte ({@code f} float32, {@code d} float64, {@code l} int64, {@code b}
 * bytes), a length and the data. Shapes live in the checkpoint manifest.
 */
public final class TensorFile {
  private TensorFile() {}

  private static final int MAGIC = 0x46544e4b; // "KNTF" little-endian
  private static final int VERSION = 1;

  public static byte[] encode(Map<String, Object> tensors) {
    long size = 12;
    for (var e : tensors.entrySet())
      size += 4 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 1 + 8 + bytes(e.getValue());
    if (size > Integer.MAX_VALUE - 16)
      throw new IllegalArgumentException("tensor file too large: " + size + " bytes");
    ByteBuffer bb = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    bb.putInt(MAGIC).putInt(VERSION).putInt(tensors.size());
    for (var e : tensors.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      bb.putInt(name.length).put(name);
      switch (e.getValue()) {
        case float[] f -> {
          bb.put((byte) 'f').putLong(f.length);
          bb.asFloatBuffer().put(f);
          bb.position(bb.position() + 4 * f.length);
        }
        case double[] d -> {
          bb.put((byte) 'd').putLong(d.length);
          bb.asDoubleBuffer().put(d);
          bb.position(bb.position() + 8 * d.length);
        }
        case long[] l -> {
          bb.put((byte) 'l').putLong(l.length);
          bb.asLongBuffer().put(l);
          bb.position(bb.position() + 8 * l.length);
        }
        case byte[] b -> bb.put((byte) 'b').putLong(b.length).put(b);
        default -> throw new IllegalArgumentException("unsupported tensor type for " + e.getKey());
      }
    }
    return bb.array();
  }

  private static long bytes(Object o) {
    return switch (o) {
      case float[] f -> 4L * f.length;
      case double[] d -> 8L * d.length;
      case long[] l -> 8L * l.length;
      case byte[] b -> b.length;
      default -> throw new IllegalArgumentException("unsupported tensor type " + o.getClass());
    };
  }

  public static void write(Path file, Map<String, Object> tensors) {
    AtomicFiles.writeBytes(file, encode(tensors));
  }

  /**
   * Reads a tensor file; a missing, truncated or malformed file gives a {@link BadInputException}.
   */
  public static Map<String, Object> read(Path file) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read tensor file: " + e.getMessage());
    }
    try {
      ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      if (raw.length < 12 || bb.getInt() != MAGIC)
        throw new BadInputException(file, "not a KINESIS tensor file");
      int version = bb.getInt();
      if (version != VERSION)
        throw new BadInputException(
            file, "tensor file version " + version + ", expected " + VERSION);
      int count = bb.getInt();
      if (count < 0) throw new BadInputException(file, "negative tensor count");
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        int nameLen = bb.getInt();
        if (nameLen < 0 || nameLen > bb.remaining())
          throw new BadInputException(file, "truncated (entry " + i + ")");
        byte[] name = new byte[nameLen];
        bb.get(name);
        byte type = bb.get();
        long len = bb.getLong();
        int width =
            switch (type) {
              case 'f' -> 4;
              case 'd', 'l' -> 8;
              case 'b' -> 1;
              default -> -1;
            };
        if (width < 0)
          throw new BadInputException(file, "unknown tensor type '" + (char) type + "'");
        if (len < 0 || len > bb.remaining() / width)
          throw new BadInputException(
              file, "truncated in tensor " + new String(name, StandardCharsets.UTF_8));
        int n = (int) len;
        Object data =
            switch (type) {
              case 'f' -> {
                float[] f = new float[n];
                bb.asFloatBuffer().get(f);
                bb.position(bb.position() + 4 * n);
                yield f;
              }
              case 'd' -> {
                double[] d = new double[n];
                bb.asDoubleBuffer().get(d);
                bb.position(bb.position() + 8 * n);
                yield d;
              }
              case 'l' -> {
                long[] l = new long[n];
                bb.asLongBuffer().get(l);
                bb.position(bb.position() + 8 * n);
                yield l;
              }
              default -> {
                byte[] b = new byte[n];
                bb.get(b);
                yield b;
              }
            };
        out.put(new String(name, StandardCharsets.UTF_8), data);
      }
      if (bb.hasRemaining()) throw new BadInputException(file, bb.remaining() + " trailing bytes");
      return out;
    } catch (BufferUnderflowException e) {
      throw new BadInputException(file, "truncated tensor file");
    }
  }

  /**
   * The float32 tensor {@code name} of exactly {@code len} values (a malformed checkpoint
   * otherwise).
   */
  public static float[] floats(Map<String, Object> s, String name, int len) {
    if (!(s.get(name) instanceof float[] f))
      throw new BadInputException("checkpoint lacks float tensor " + name);
    if (f.length != len)
      throw new BadInputException(
          "tensor " + name + " has " + f.length + " values, expected " + len);
    if (!Params.allFinite(f))
      throw new BadInputException("tensor " + name + " contains NaN or infinity");
    return f;
  }

  public static long[] longs(Map<String, Object> s, String name, int len) {
    if (!(s.get(name) instanceof long[] l))
      throw new BadInputException("checkpoint lacks int64 tensor " + name);
    if (len >= 0 && l.length != len)
      throw new BadInputException(
          "tensor " + name + " has " + l.length + " values, expected " + len);
    return l;
  }

  public static byte[] bytes(Map<String, Object> s, String name) {
    if (!(s.get(name) instanceof byte[] b))
      throw new BadInputException("checkpoint lacks byte tensor " + name);
    return b;
  }
}
