package kinesis.io;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {
  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
    return b;
  }

  @Test
  void encodesTheWireFormatByHand() {
    // field 1 varint 150: tag 0x08, then 150 = 0b1_0010110 → 0x96 0x01
    assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().varint(1, 150).toByteArray());
    // field 2 string "ab": tag (2<<3)|2 = 0x12, length 2
    assertArrayEquals(bytes(0x12, 0x02, 'a', 'b'), new ProtoWriter().string(2, "ab").toByteArray());
    // −1 as int64 takes ten bytes: nine 0xff then 0x01
    byte[] neg = new ProtoWriter().varint(3, -1).toByteArray();
    assertEquals(11, neg.length);
    assertEquals(0x18, neg[0]);
    assertEquals(0x01, neg[10]);
    // float 1.0 = 0x3f800000 little-endian under wire type 5: tag (4<<3)|5 = 0x25
    assertArrayEquals(
        bytes(0x25, 0x00, 0x00, 0x80, 0x3f), new ProtoWriter().float32(4, 1f).toByteArray());
    // nested message and packed varints: field 5 holding {1: 1}, field 6 packed [1, 300]
    assertArrayEquals(
        bytes(0x2a, 0x02, 0x08, 0x01),
        new ProtoWriter().message(5, new ProtoWriter().varint(1, 1)).toByteArray());
    assertArrayEquals(
        bytes(0x32, 0x03, 0x01, 0xac, 0x02),
        new ProtoWriter().packedVarints(6, 1, 300).toByteArray());
    assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().varint(0, 1));
  }
}
