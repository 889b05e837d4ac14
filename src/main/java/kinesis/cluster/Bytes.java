package kinesis.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Little-endian binary writer and reader for what travels between JVMs: bulk float arrays are
 * copied as raw bytes (4 per value), everything else as fixed-width numbers and UTF-8 strings. A
 * reader given short or malformed bytes throws {@link IllegalArgumentException}.
 */
final class Bytes {
  private Bytes() {}

  static final class Out {
    private ByteBuffer bb = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

    private Out room(int n) {
      if (bb.remaining() < n) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(bb.capacity() * 2, bb.position() + n))
                .order(ByteOrder.LITTLE_ENDIAN);
        bb.flip();
        bigger.put(bb);
        bb = bigger;
      }
      return this;
    }

    Out i32(int v) {
      room(4).bb.putInt(v);
      return this;
    }

    Out i64(long v) {
      room(8).bb.putLong(v);
      return this;
    }

    Out f64(double v) {
      room(8).bb.putDouble(v);
      return this;
    }

    Out str(String s) {
      return raw(s.getBytes(StandardCharsets.UTF_8));
    }

    Out raw(byte[] b) {
      i32(b.length);
      room(b.length).bb.put(b);
      return this;
    }

    Out floats(float[] a, int len) {
      i32(len);
      room(4 * len);
      bb.asFloatBuffer().put(a, 0, len);
      bb.position(bb.position() + 4 * len);
      return this;
    }

    Out doubles(double[] a) {
      i32(a.length);
      room(8 * a.length);
      bb.asDoubleBuffer().put(a);
      bb.position(bb.position() + 8 * a.length);
      return this;
    }

    Out bools(boolean[] a, int len) {
      i32(len);
      room(len);
      for (int i = 0; i < len; i++) bb.put((byte) (a[i] ? 1 : 0));
      return this;
    }

    byte[] bytes() {
      return Arrays.copyOf(bb.array(), bb.position());
    }
  }

  static final class In {
    private final ByteBuffer bb;

    In(byte[] b) {
      bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private int length(int width) {
      int n = i32();
      if (n < 0 || (long) n * width > bb.remaining())
        throw new IllegalArgumentException("truncated message: " + n + " values announced");
      return n;
    }

    int i32() {
      need(4);
      return bb.getInt();
    }

    long i64() {
      need(8);
      return bb.getLong();
    }

    double f64() {
      need(8);
      return bb.getDouble();
    }

    String str() {
      return new String(raw(), StandardCharsets.UTF_8);
    }

    byte[] raw() {
      byte[] b = new byte[length(1)];
      bb.get(b);
      return b;
    }

    float[] floats() {
      float[] a = new float[length(4)];
      bb.asFloatBuffer().get(a);
      bb.position(bb.position() + 4 * a.length);
      return a;
    }

    double[] doubles() {
      double[] a = new double[length(8)];
      bb.asDoubleBuffer().get(a);
      bb.position(bb.position() + 8 * a.length);
      return a;
    }

    boolean[] bools() {
      boolean[] a = new boolean[length(1)];
      for (int i = 0; i < a.length; i++) a[i] = bb.get() != 0;
      return a;
    }

    private void need(int n) {
      if (bb.remaining() < n) throw new IllegalArgumentException("truncated message");
    }

    void end() {
      if (bb.hasRemaining())
        throw new IllegalArgumentException(bb.remaining() + " trailing bytes in message");
    }
  }
}
