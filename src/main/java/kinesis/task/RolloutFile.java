package kinesis.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.Json;

/**
 * The {@code *.rollout.npz} file: a zip (entries stored, not compressed) of little-endian
 * {@code .npy} arrays plus {@code meta.json}, so {@code numpy.load} opens it as an npz. Arrays:
 * {@code time} [T] and {@code qpos} [T,nq] as float64; {@code xpos} [T,N,3], {@code xquat} [T,N,4],
 * {@code keypoints} [T,J,3], {@code act}/{@code ctrl} [T,nu], {@code touch} [T,4] and
 * {@code rewards} [T,R] as float32. {@code meta.json} holds {@link Rollout.Meta} plus
 * {@code format}, {@code version}, {@code steps} and {@code touch_names}.
 */
public final class RolloutFile {
  public static final String FORMAT = "kinesis-rollout";
  public static final int VERSION = 1;
  /** File name suffix of rollouts. */
  public static final String SUFFIX = ".rollout.npz";

  private RolloutFile() {}

  /** Writes a rollout atomically. */
  public static void write(Path file, Rollout r) {
    Rollout.Meta m = r.meta();
    int t = r.steps(), nb = m.nbody();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("meta.json", Json.write(metaJson(r)).getBytes(StandardCharsets.UTF_8));
    entries.put("time.npy", Npy.f64(r.time(), t));
    entries.put("qpos.npy", Npy.f64(r.qpos(), t, m.nq()));
    entries.put("xpos.npy", Npy.f32(r.xpos(), t, nb, 3));
    entries.put("xquat.npy", Npy.f32(r.xquat(), t, nb, 4));
    entries.put("keypoints.npy", Npy.f32(r.keypoints(), t, m.keypointNames().size(), 3));
    entries.put("act.npy", Npy.f32(r.act(), t, m.nu()));
    entries.put("ctrl.npy", Npy.f32(r.ctrl(), t, m.nu()));
    entries.put("touch.npy", Npy.f32(r.touch(), t, Rollout.TOUCH_NAMES.size()));
    entries.put("rewards.npy", Npy.f32(r.rewards(), t, m.rewardNames().size()));
    AtomicFiles.writeBytes(file, storedZip(entries));
  }

  /** Reads a rollout; anything missing, truncated or inconsistent is a {@link BadInputException} naming the file. */
  public static Rollout read(Path file) {
    Map<String, Object> json;
    Map<String, Npy.Array> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry metaEntry = zip.getEntry("meta.json");
      if (metaEntry == null) throw new BadInputException(file, "not a rollout (no meta.json inside)");
      json = parseJson(file, readAll(zip, metaEntry));
      for (String name : List.of("time", "qpos", "xpos", "xquat", "keypoints", "act", "ctrl", "touch", "rewards")) {
        ZipEntry e = zip.getEntry(name + ".npy");
        if (e == null) throw new BadInputException(file, "rollout lacks the array '" + name + "'");
        arrays.put(name, Npy.parse(file, name, readAll(zip, e)));
      }
    } catch (NoSuchFileException e) {
      throw new BadInputException(file, "no such file");
    } catch (ZipException e) {
      throw new BadInputException(file, "not a rollout (not a valid zip/npz: " + e.getMessage() + ")");
    } catch (IOException e) {
      if (!Files.exists(file)) throw new BadInputException(file, "no such file");
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
    return assemble(file, json, arrays);
  }

  private static Map<String, Object> metaJson(Rollout r) {
    Rollout.Meta m = r.meta();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("format", FORMAT);
    j.put("version", VERSION);
    j.put("steps", r.steps());
    j.put("model", m.model());
    j.put("clip", m.clip());
    j.put("fps", m.fps());
    j.put("policy", m.policy());
    j.put("seed", m.seed());
    j.put("nq", m.nq());
    j.put("body_names", m.bodyNames());
    j.put("tracked_body_names", m.trackedBodies());
    j.put("keypoint_names", m.keypointNames());
    j.put("muscle_names", m.muscleNames());
    j.put("touch_names", Rollout.TOUCH_NAMES);
    j.put("reward_names", m.rewardNames());
    j.put("joint_names", m.jointNames());
    j.put("joint_qpos_adr", m.jointQposAdr());
    return j;
  }

  private static Rollout assemble(Path file, Map<String, Object> j, Map<String, Npy.Array> a) {
    if (!FORMAT.equals(j.get("format"))) throw new BadInputException(file, "meta.json format is not '" + FORMAT + "'");
    if (!(j.get("version") instanceof Number v) || v.intValue() != VERSION) {
      throw new BadInputException(file, "unsupported rollout version " + j.get("version") + " (this build reads " + VERSION + ")");
    }
    Rollout.Meta meta;
    int steps;
    try {
      steps = number(j, "steps").intValue();
      meta = new Rollout.Meta(text(j, "model"), text(j, "clip"), number(j, "fps").doubleValue(), text(j, "policy"),
          number(j, "seed").longValue(), strings(j, "body_names"), strings(j, "tracked_body_names"),
          strings(j, "keypoint_names"), strings(j, "muscle_names"), strings(j, "reward_names"),
          strings(j, "joint_names"), ints(j, "joint_qpos_adr"), number(j, "nq").intValue());
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new BadInputException(file, "malformed meta.json: " + e.getMessage());
    }
    if (steps < 0) throw new BadInputException(file, "negative step count");
    int nb = meta.nbody(), nu = meta.nu(), kp = meta.keypointNames().size();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    shapes.put("time", new int[] {steps});
    shapes.put("qpos", new int[] {steps, meta.nq()});
    shapes.put("xpos", new int[] {steps, nb, 3});
    shapes.put("xquat", new int[] {steps, nb, 4});
    shapes.put("keypoints", new int[] {steps, kp, 3});
    shapes.put("act", new int[] {steps, nu});
    shapes.put("ctrl", new int[] {steps, nu});
    shapes.put("touch", new int[] {steps, Rollout.TOUCH_NAMES.size()});
    shapes.put("rewards", new int[] {steps, meta.rewardNames().size()});
    for (var e : shapes.entrySet()) {
      int[] got = a.get(e.getKey()).shape();
      if (!Arrays.equals(got, e.getValue())) {
        throw new BadInputException(file, "array '" + e.getKey() + "' has shape " + Arrays.toString(got)
            + ", meta.json implies " + Arrays.toString(e.getValue()));
      }
      for (double x : a.get(e.getKey()).data()) {
        if (!Double.isFinite(x)) throw new BadInputException(file, "array '" + e.getKey() + "' contains NaN or infinity");
      }
    }
    return new Rollout(meta, steps, a.get("time").data(), a.get("qpos").data(), a.get("xpos").data(),
        a.get("xquat").data(), a.get("keypoints").data(), a.get("act").data(), a.get("ctrl").data(),
        a.get("touch").data(), a.get("rewards").data());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseJson(Path file, byte[] bytes) {
    try {
      Object o = Json.MAPPER.readValue(bytes, Object.class);
      if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
      throw new BadInputException(file, "meta.json is not a JSON object");
    } catch (JsonProcessingException e) {
      throw new BadInputException(file, "meta.json is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read meta.json: " + e.getMessage());
    }
  }

  private static Number number(Map<String, Object> j, String key) {
    if (j.get(key) instanceof Number n) return n;
    throw new IllegalArgumentException("'" + key + "' is missing or not a number");
  }

  private static String text(Map<String, Object> j, String key) {
    if (j.get(key) instanceof String s) return s;
    throw new IllegalArgumentException("'" + key + "' is missing or not a string");
  }

  private static List<String> strings(Map<String, Object> j, String key) {
    if (!(j.get(key) instanceof List<?> list)) throw new IllegalArgumentException("'" + key + "' is missing or not a list");
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) throw new IllegalArgumentException("'" + key + "' holds a non-string");
      out.add(s);
    }
    return out;
  }

  private static List<Integer> ints(Map<String, Object> j, String key) {
    if (!(j.get(key) instanceof List<?> list)) throw new IllegalArgumentException("'" + key + "' is missing or not a list");
    List<Integer> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Number n)) throw new IllegalArgumentException("'" + key + "' holds a non-number");
      out.add(n.intValue());
    }
    return out;
  }

  private static byte[] readAll(ZipFile zip, ZipEntry e) throws IOException {
    try (InputStream in = zip.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  /** A zip whose entries are stored uncompressed (as {@code numpy.savez} writes). */
  static byte[] storedZip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        CRC32 crc = new CRC32();
        crc.update(e.getValue());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(e.getValue().length);
        entry.setCompressedSize(e.getValue().length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Minimal NumPy {@code .npy} (format 1.0) for C-order little-endian arrays of float32, float64,
   * int32 and int64. Package-private until the shared {@code kinesis.io} reader replaces it.
   */
  static final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A parsed array, widened to double. */
    record Array(String descr, int[] shape, double[] data) {}

    static byte[] f64(double[] data, int... shape) {
      ByteBuffer b = header("<f8", shape, data.length * 8);
      for (double x : data) b.putDouble(x);
      return b.array();
    }

    static byte[] f32(double[] data, int... shape) {
      ByteBuffer b = header("<f4", shape, data.length * 4);
      for (double x : data) b.putFloat((float) x);
      return b.array();
    }

    static byte[] i32(int[] data, int... shape) {
      ByteBuffer b = header("<i4", shape, data.length * 4);
      for (int x : data) b.putInt(x);
      return b.array();
    }

    static byte[] i64(long[] data, int... shape) {
      ByteBuffer b = header("<i8", shape, data.length * 8);
      for (long x : data) b.putLong(x);
      return b.array();
    }

    /** Magic, version 1.0, the header dict padded so the data starts on a 64-byte boundary. */
    private static ByteBuffer header(String descr, int[] shape, int dataBytes) {
      long n = 1;
      for (int s : shape) n *= s;
      int width = descr.endsWith("8") ? 8 : 4;
      if (n * width != dataBytes) throw new IllegalArgumentException("data length does not match shape " + Arrays.toString(shape));
      // numpy's own spelling: (5,) for one dimension, (5, 3) for more
      String dims = shape.length == 1 ? shape[0] + ","
          : String.join(", ", Arrays.stream(shape).mapToObj(String::valueOf).toList());
      String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
      int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
      int total = (unpadded + 63) / 64 * 64;
      String text = dict + " ".repeat(total - unpadded) + "\n";
      ByteBuffer b = ByteBuffer.allocate(total + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
      b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
      b.put(text.getBytes(StandardCharsets.US_ASCII));
      return b;
    }

    /** Parses an .npy file; {@code file} and {@code name} only serve the error messages. */
    static Array parse(Path file, String name, byte[] bytes) {
      String where = "array '" + name + "'";
      if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
        throw new BadInputException(file, where + " is not an .npy array");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int major = bytes[6];
      int headerLen;
      int start;
      if (major == 1) {
        headerLen = Short.toUnsignedInt(b.getShort(8));
        start = 10;
      } else if (major == 2 || major == 3) {
        if (bytes.length < 12) throw new BadInputException(file, where + " is truncated");
        headerLen = b.getInt(8);
        start = 12;
      } else {
        throw new BadInputException(file, where + " has unknown .npy version " + major);
      }
      if (headerLen < 0 || start + headerLen > bytes.length) throw new BadInputException(file, where + " is truncated");
      String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
      Matcher d = DESCR.matcher(header), o = ORDER.matcher(header), s = SHAPE.matcher(header);
      if (!d.find() || !o.find() || !s.find()) throw new BadInputException(file, where + " has a malformed .npy header");
      if (o.group(1).equals("True")) throw new BadInputException(file, where + " is Fortran-ordered (unsupported)");
      String descr = d.group(1);
      int width = switch (descr) {
        case "<f8", "<i8" -> 8;
        case "<f4", "<i4" -> 4;
        default -> throw new BadInputException(file, where + " has unsupported dtype " + descr);
      };
      List<Integer> dims = new ArrayList<>();
      long n = 1;
      for (String part : s.group(1).split(",")) {
        if (part.isBlank()) continue;
        int dim;
        try {
          dim = Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
          throw new BadInputException(file, where + " has a malformed shape (" + s.group(1) + ")");
        }
        if (dim < 0) throw new BadInputException(file, where + " has a negative dimension");
        dims.add(dim);
        n *= dim;
      }
      int offset = start + headerLen;
      if (n > Integer.MAX_VALUE || offset + n * width > bytes.length) {
        throw new BadInputException(file, where + " is truncated (" + (bytes.length - offset) + " data bytes for "
            + n + " values of " + descr + ")");
      }
      double[] data = new double[(int) n];
      b.position(offset);
      for (int i = 0; i < n; i++) {
        data[i] = switch (descr) {
          case "<f8" -> b.getDouble();
          case "<f4" -> b.getFloat();
          case "<i8" -> b.getLong();
          default -> b.getInt();
        };
      }
      return new Array(descr, dims.stream().mapToInt(Integer::intValue).toArray(), data);
    }
  }
}
