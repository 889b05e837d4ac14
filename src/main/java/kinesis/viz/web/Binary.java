package kinesis.viz.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A growing little-endian buffer of float32 and uint32 arrays, each appended at a 4-byte aligned
 * offset and described by a small JSON-ready map ({@code offset} in bytes, {@code rows}, {@code
 * cols}, {@code type}) that the page uses to make typed-array views.
 */
final class Binary {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Appends {@code rows × cols} floats (narrowed to float32). */
  Map<String, Object> floats(double[] values, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) b.putFloat((float) v);
    return append(b.array(), "float32", rows, cols);
  }

  Map<String, Object> floats(float[] values, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) b.putFloat(v);
    return append(b.array(), "float32", rows, cols);
  }

  Map<String, Object> ints(int[] values, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) b.putInt(v);
    return append(b.array(), "uint32", rows, cols);
  }

  private Map<String, Object> append(byte[] bytes, String type, int rows, int cols) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("offset", out.size());
    ref.put("rows", rows);
    ref.put("cols", cols);
    ref.put("type", type);
    out.writeBytes(bytes);
    return ref;
  }

  int size() {
    return out.size();
  }

  byte[] toBytes() {
    return out.toByteArray();
  }
}
