package kinesis.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers wire format, write side only: enough to hand-encode a message whose schema we
 * know (ONNX models). Each call appends one field (tag = field number · 8 + wire type): varint (0),
 * 32-bit (5) or length-delimited (2: strings, bytes, nested messages, packed repeated numbers).
 * Fields come out in call order; readers accept any order.
 */
public final class ProtoWriter {
  private static final int VARINT = 0, LEN = 2, I32 = 5;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** An int32/int64/enum/bool field (negative values take ten bytes, as protobuf's int64 does). */
  public ProtoWriter varint(int field, long v) {
    tag(field, VARINT);
    rawVarint(v);
    return this;
  }

  /** A float field (little-endian IEEE 754). */
  public ProtoWriter float32(int field, float v) {
    tag(field, I32);
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
    return this;
  }

  /** A string field (UTF-8). */
  public ProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  public ProtoWriter bytes(int field, byte[] b) {
    tag(field, LEN);
    rawVarint(b.length);
    out.writeBytes(b);
    return this;
  }

  /** A nested message field. */
  public ProtoWriter message(int field, ProtoWriter m) {
    return bytes(field, m.toByteArray());
  }

  /** A packed repeated int64 field. */
  public ProtoWriter packedVarints(int field, long... values) {
    ProtoWriter body = new ProtoWriter();
    for (long v : values) body.rawVarint(v);
    return bytes(field, body.toByteArray());
  }

  /** A packed repeated float field. */
  public ProtoWriter packedFloats(int field, float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) b.putFloat(v);
    return bytes(field, b.array());
  }

  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    if (field < 1) throw new IllegalArgumentException("field numbers start at 1, got " + field);
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
