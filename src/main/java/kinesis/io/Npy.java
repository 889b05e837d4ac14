package kinesis.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NumPy {@code .npy} files (format versions 1–3): magic {@code \x93NUMPY}, a header dict {@code
 * {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4)}}, then the raw values. Reads dtypes
 * {@code f4 f8 i4 i8 b1 u1 U} in either byte order and Fortran or C order (Fortran arrays are
 * returned in C order); writes little-endian C order. Object arrays are pickles: {@link #pickled}
 * returns their pickle stream for {@link Pickles}.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private Npy() {}

  /** Reads one array from a file; any problem is a {@link BadInputException} naming the file. */
  public static NdArray read(Path file) {
    return parse(Io.readAll(file), file.toString());
  }

  /** Writes an array (little-endian, C order) atomically. */
  public static void write(Path file, NdArray array) {
    AtomicFiles.writeBytes(file, toBytes(array));
  }

  /** Parses the bytes of a {@code .npy}; {@code where} names the source in error messages. */
  public static NdArray parse(byte[] bytes, String where) {
    Head h = head(bytes, where);
    if (h.isObject())
      throw bad(
          where, "holds pickled Python objects (dtype '" + h.descr + "'), not a numeric array");
    Dtype type = Dtype.parse(h.descr, where);
    long need = h.count * type.itemSize;
    if (h.count > Integer.MAX_VALUE || h.dataStart + need > bytes.length) {
      throw bad(
          where,
          "truncated data: shape "
              + java.util.Arrays.toString(h.shape)
              + " of "
              + h.descr
              + " needs "
              + need
              + " bytes, file has "
              + (bytes.length - h.dataStart));
    }
    return decode(
        h.descr,
        h.shape,
        ByteBuffer.wrap(bytes, h.dataStart, (int) need).slice(),
        h.fortran,
        where);
  }

  /**
   * The pickle stream of an object-array {@code .npy} (what {@code np.save} writes for a dict or
   * any Python object), or null when the file holds a numeric array.
   */
  public static byte[] pickled(byte[] bytes, String where) {
    Head h = head(bytes, where);
    return h.isObject() ? java.util.Arrays.copyOfRange(bytes, h.dataStart, bytes.length) : null;
  }

  /** True when a {@code .npy} holds pickled Python objects rather than a numeric array. */
  public static boolean holdsObjects(byte[] bytes, String where) {
    return head(bytes, where).isObject();
  }

  /**
   * The pickle stream of an object-array {@code .npy}; a numeric array or a missing payload is bad
   * input.
   */
  public static byte[] objectPayload(byte[] bytes, String where) {
    byte[] p = pickled(bytes, where);
    if (p == null) throw bad(where, "is a numeric array, not a pickled Python object");
    if (p.length == 0) throw bad(where, "truncated: no pickle after the header");
    return p;
  }

  /**
   * {@link #decode(String, int[], ByteBuffer, boolean, String)} of raw bytes (arrays inside
   * pickles).
   */
  public static NdArray decode(
      String descr, int[] shape, boolean fortran, byte[] raw, String where) {
    return decode(descr, shape, ByteBuffer.wrap(raw), fortran, where);
  }

  /**
   * Values of {@code shape} stored as {@code descr} (e.g. {@code <f4}) in {@code raw}, returned in
   * C order; {@code fortran}: the raw values are in Fortran order. Used for arrays inside pickles
   * too.
   */
  static NdArray decode(String descr, int[] shape, ByteBuffer raw, boolean fortran, String where) {
    Dtype type = Dtype.parse(descr, where);
    long count = 1;
    for (int d : shape) count *= d;
    if (raw.remaining() < count * type.itemSize) {
      throw bad(
          where,
          "truncated data: "
              + java.util.Arrays.toString(shape)
              + " of "
              + descr
              + " needs "
              + count * type.itemSize
              + " bytes, found "
              + raw.remaining());
    }
    Object values = type.decode(raw.slice().order(type.order), (int) count, where);
    if (fortran && shape.length > 1) values = fortranToC(values, shape);
    return new NdArray(type.canonical, shape, values);
  }

  /** A parsed header: dtype string, order, shape, element count and where the data starts. */
  private record Head(String descr, boolean fortran, int[] shape, long count, int dataStart) {
    boolean isObject() {
      return descr.replaceFirst("^[<>|=]", "").startsWith("O");
    }
  }

  private static Head head(byte[] bytes, String where) {
    if (bytes.length == 0) throw bad(where, "file is empty");
    if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, MAGIC, 0, 6)) {
      throw bad(where, "not a .npy file (magic \\x93NUMPY missing)");
    }
    int major = bytes[6];
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen;
    int start;
    if (major == 1) {
      headerLen = buf.getShort(8) & 0xffff;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) throw bad(where, "truncated header");
      headerLen = buf.getInt(8) & 0xffffffffL;
      start = 12;
    } else {
      throw bad(where, "unsupported .npy format version " + major);
    }
    if (start + headerLen > bytes.length) throw bad(where, "truncated header");
    String header =
        new String(
            bytes,
            start,
            (int) headerLen,
            major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Map<String, Object> dict = Header.parse(header, where);
    Object descr = dict.get("descr");
    Object fortran = dict.get("fortran_order");
    Object shapeObj = dict.get("shape");
    if (!(descr instanceof String d)
        || !(fortran instanceof Boolean f)
        || !(shapeObj instanceof List<?> shapeList)) {
      throw bad(where, "header lacks descr, fortran_order or shape: " + header.strip());
    }
    int[] shape = new int[shapeList.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      if (!(shapeList.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE)
        throw bad(where, "bad shape " + shapeList);
      shape[i] = (int) (long) v;
      count *= shape[i];
    }
    return new Head(d, f, shape, count, start + (int) headerLen);
  }

  /** The bytes of a {@code .npy} (version 1 when the header fits, else 2). */
  public static byte[] toBytes(NdArray a) {
    Dtype type = Dtype.parse(a.dtype(), "array");
    StringBuilder shape = new StringBuilder("(");
    for (int d : a.shape()) shape.append(d).append(", ");
    if (a.shape().length > 1) shape.setLength(shape.length() - 2);
    else if (a.shape().length == 1) shape.setLength(shape.length() - 1);
    shape.append(")");
    String dict =
        "{'descr': '" + type.descr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int pre = dict.length() + 1 + 10 > 65535 ? 12 : 10;
    int total = pre + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    int n = a.size();
    ByteBuffer out =
        ByteBuffer.allocate(pre + h.length + Math.toIntExact((long) n * type.itemSize))
            .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) (pre == 10 ? 1 : 2)).put((byte) 0);
    if (pre == 10) out.putShort((short) h.length);
    else out.putInt(h.length);
    out.put(h);
    type.encode(a.data(), out);
    return out.array();
  }

  private static Object fortranToC(Object values, int[] shape) {
    int n = java.lang.reflect.Array.getLength(values);
    Object out = java.lang.reflect.Array.newInstance(values.getClass().getComponentType(), n);
    int nd = shape.length;
    int[] idx = new int[nd];
    for (int c = 0; c < n; c++) {
      // c walks C order; compute the Fortran offset of the same index
      int f = 0, stride = 1;
      for (int k = 0; k < nd; k++) {
        f += idx[k] * stride;
        stride *= shape[k];
      }
      System.arraycopy(values, f, out, c, 1);
      for (int k = nd - 1; k >= 0; k--) {
        if (++idx[k] < shape[k]) break;
        idx[k] = 0;
      }
    }
    return out;
  }

  /**
   * The reason, on one line: control characters of an echoed header shown as '?', at most 160
   * characters.
   */
  static BadInputException bad(String where, String problem) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < problem.length() && sb.length() < 160; k++) {
      char c = problem.charAt(k);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (sb.length() < problem.length()) sb.append('…');
    return new BadInputException(where + ": " + sb);
  }

  /** A supported element type. */
  private record Dtype(String canonical, char kind, int itemSize, ByteOrder order) {
    static Dtype parse(String descr, String where) {
      String s = descr;
      ByteOrder order = ByteOrder.LITTLE_ENDIAN;
      if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
        if (s.charAt(0) == '>') order = ByteOrder.BIG_ENDIAN;
        s = s.substring(1);
      }
      switch (s) {
        case "f8" -> {
          return new Dtype("f8", 'f', 8, order);
        }
        case "f4" -> {
          return new Dtype("f4", 'f', 4, order);
        }
        case "i4" -> {
          return new Dtype("i4", 'i', 4, order);
        }
        case "i8" -> {
          return new Dtype("i8", 'i', 8, order);
        }
        case "b1", "?" -> {
          return new Dtype("b1", 'b', 1, order);
        }
        case "u1" -> {
          return new Dtype("u1", 'u', 1, order);
        }
        default -> {}
      }
      if (s.startsWith("U")) {
        try {
          int w = Integer.parseInt(s.substring(1));
          if (w > 0) return new Dtype("U" + w, 'U', 4 * w, order);
        } catch (NumberFormatException e) {
          // fall through
        }
      }
      throw bad(where, "unsupported dtype '" + descr + "' (supported: <f4 <f8 <i4 <i8 |b1 |u1 <U)");
    }

    String descr() {
      return switch (kind) {
        case 'b', 'u' -> "|" + canonical;
        default -> "<" + canonical;
      };
    }

    /** {@code n} elements of this type; {@code where} names the source in an error. */
    Object decode(ByteBuffer b, int n, String where) {
      switch (canonical) {
        case "f8" -> {
          double[] r = new double[n];
          b.asDoubleBuffer().get(r);
          return r;
        }
        case "f4" -> {
          float[] r = new float[n];
          b.asFloatBuffer().get(r);
          return r;
        }
        case "i4" -> {
          int[] r = new int[n];
          b.asIntBuffer().get(r);
          return r;
        }
        case "i8" -> {
          long[] r = new long[n];
          b.asLongBuffer().get(r);
          return r;
        }
        case "b1" -> {
          boolean[] r = new boolean[n];
          for (int i = 0; i < n; i++) r[i] = b.get(i) != 0;
          return r;
        }
        case "u1" -> {
          byte[] r = new byte[n];
          b.get(r);
          return r;
        }
        default -> {
          int w = itemSize / 4;
          String[] r = new String[n];
          for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < w; j++) {
              int cp = b.getInt((i * w + j) * 4);
              if (cp == 0) break;
              if (!Character.isValidCodePoint(cp))
                throw bad(
                    where,
                    "string element "
                        + i
                        + " holds 0x"
                        + Integer.toHexString(cp)
                        + ", not a Unicode code point");
              sb.appendCodePoint(cp);
            }
            r[i] = sb.toString();
          }
          return r;
        }
      }
    }

    void encode(Object data, ByteBuffer out) {
      switch (data) {
        case double[] d -> {
          for (double v : d) out.putDouble(v);
        }
        case float[] f -> {
          for (float v : f) out.putFloat(v);
        }
        case int[] a -> {
          for (int v : a) out.putInt(v);
        }
        case long[] a -> {
          for (long v : a) out.putLong(v);
        }
        case boolean[] a -> {
          for (boolean v : a) out.put((byte) (v ? 1 : 0));
        }
        case byte[] a -> out.put(a);
        case String[] a -> {
          int w = itemSize / 4;
          for (String s : a) {
            int[] cps = s.codePoints().toArray();
            if (cps.length > w)
              throw new IllegalArgumentException("string longer than dtype U" + w + ": " + s);
            for (int j = 0; j < w; j++) out.putInt(j < cps.length ? cps[j] : 0);
          }
        }
        default -> throw new IllegalArgumentException("unsupported data " + data.getClass());
      }
    }
  }

  /** The header: a Python dict literal of strings, booleans, integers and tuples. */
  static final class Header {
    private final String s;
    private final String where;
    private int i;

    private Header(String s, String where) {
      this.s = s;
      this.where = where;
    }

    static Map<String, Object> parse(String text, String where) {
      Header h = new Header(text.strip(), where);
      Object v = h.value();
      if (!(v instanceof Map<?, ?> m)) throw bad(where, "header is not a dict: " + text.strip());
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) m;
      return r;
    }

    private Object value() {
      skip();
      if (i >= s.length()) throw bad(where, "malformed header: " + s);
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        while (true) {
          skip();
          if (peek() == '}') {
            i++;
            return m;
          }
          Object k = value();
          skip();
          expect(':');
          m.put(String.valueOf(k), value());
          skip();
          if (peek() == ',') i++;
        }
      }
      if (c == '(' || c == '[') {
        char close = c == '(' ? ')' : ']';
        i++;
        List<Object> l = new ArrayList<>();
        while (true) {
          skip();
          if (peek() == close) {
            i++;
            return l;
          }
          l.add(value());
          skip();
          if (peek() == ',') i++;
        }
      }
      if (c == '\'' || c == '"') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) throw bad(where, "malformed header string: " + s);
        String r = s.substring(i + 1, end);
        i = end + 1;
        return r;
      }
      int j = i;
      while (j < s.length()
          && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '-' || s.charAt(j) == '_'))
        j++;
      String tok = s.substring(i, j);
      i = j;
      switch (tok) {
        case "True" -> {
          return true;
        }
        case "False" -> {
          return false;
        }
        default -> {}
      }
      try {
        return Long.parseLong(tok.endsWith("L") ? tok.substring(0, tok.length() - 1) : tok);
      } catch (NumberFormatException e) {
        throw bad(where, "malformed header near '" + tok + "': " + s);
      }
    }

    private char peek() {
      if (i >= s.length()) throw bad(where, "malformed header (unterminated): " + s);
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) throw bad(where, "malformed header, expected '" + c + "': " + s);
      i++;
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }
  }

  /** Small file helpers shared by the readers here. */
  static final class Io {
    static byte[] readAll(Path file) {
      if (!Files.exists(file)) throw new BadInputException(file, "file not found");
      if (!Files.isRegularFile(file)) throw new BadInputException(file, "not a regular file");
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new BadInputException(file, "cannot read: " + e.getMessage());
      }
    }
  }
}
