package kinesis.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Files written by {@code torch.save} (PyTorch ≥ 1.6): a zip with one top folder holding {@code
 * data.pkl} (the pickled object), {@code data/KEY} (raw storages) and {@code byteorder}. Tensors
 * are pickled as {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)} with the
 * storage as a persistent id {@code ('storage', torch.FloatStorage, KEY, location, numel)}; here
 * they become {@link NdArray}s (C order, gathered through the strides). Parameters ({@code
 * _rebuild_parameter}) become their tensors. Nothing in the file is executed.
 */
public final class TorchZip {
  private TorchZip() {}

  /** A storage class such as {@code torch.FloatStorage}: its NumPy element type. */
  record StorageType(String name, String type) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException("torch." + name + " cannot be built from a pickle");
    }
  }

  /** One storage's values (flat). */
  record Storage(String key, NdArray values) {}

  static {
    String[][] types = {
      {"FloatStorage", "f4"},
      {"DoubleStorage", "f8"},
      {"LongStorage", "i8"},
      {"IntStorage", "i4"},
      {"BoolStorage", "b1"},
      {"ByteStorage", "u1"},
      {"HalfStorage", "f2"},
      {"BFloat16Storage", "bf16"}
    };
    for (String[] t : types)
      Unpickler.registerConstructor("torch", t[0], new StorageType(t[0], t[1]));
    Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchZip::rebuildTensor);
    Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
  }

  /**
   * The object {@code torch.save} stored; any problem is a {@link BadInputException} naming the
   * file.
   */
  public static Object read(Path file) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file, "file not found");
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String prefix = prefix(zip, file);
      boolean big = "big".equals(text(zip, prefix + "byteorder"));
      ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
      byte[] pickle = zip.getInputStream(pkl).readAllBytes();
      return Pickles.load(pickle, file.toString(), pid -> storage(zip, prefix, big, pid, file));
    } catch (ZipException e) {
      throw new BadInputException(
          file, "not a torch.save zip (truncated or another format): " + e.getMessage());
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
  }

  /** The folder holding data.pkl (torch names it after the file; any single folder is accepted). */
  private static String prefix(ZipFile zip, Path file) {
    List<String> found = new ArrayList<>();
    zip.stream()
        .map(ZipEntry::getName)
        .filter(n -> n.endsWith("data.pkl") && n.indexOf('/') == n.lastIndexOf('/'))
        .forEach(found::add);
    if (found.size() != 1) {
      throw new BadInputException(
          file,
          found.isEmpty()
              ? "no data.pkl inside (not a torch.save zip; legacy non-zip .pth files are not read)"
              : "several data.pkl inside: " + found);
    }
    return found.get(0).substring(0, found.get(0).length() - "data.pkl".length());
  }

  private static String text(ZipFile zip, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    return e == null
        ? null
        : new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.US_ASCII).strip();
  }

  /** persistent_load for {@code ('storage', type, key, location, numel)}. */
  private static Object storage(ZipFile zip, String prefix, boolean big, Object pid, Path file) {
    if (!(pid instanceof Object[] t)
        || t.length < 5
        || !"storage".equals(t[0])
        || !(t[1] instanceof StorageType type)
        || !(t[4] instanceof Number numel)) {
      throw new BadInputException(
          file,
          "unknown persistent id in data.pkl: "
              + java.util.Arrays.deepToString(pid instanceof Object[] a ? a : new Object[] {pid}));
    }
    String key = String.valueOf(t[2]);
    if (type.type().equals("f2") || type.type().equals("bf16")) {
      throw new BadInputException(
          file,
          "storage "
              + key
              + " is torch."
              + type.name()
              + "; only float32/64, int32/64, bool and uint8 are read");
    }
    ZipEntry e = zip.getEntry(prefix + "data/" + key);
    if (e == null) throw new BadInputException(file, "storage data/" + key + " is missing");
    try {
      byte[] raw = zip.getInputStream(e).readAllBytes();
      String descr = (big ? ">" : "<") + type.type();
      return new Storage(
          key,
          Npy.decode(
              descr,
              new int[] {numel.intValue()},
              ByteBuffer.wrap(raw),
              false,
              file + ": storage data/" + key));
    } catch (IOException ex) {
      throw new BadInputException(file, "cannot read storage data/" + key + ": " + ex.getMessage());
    }
  }

  /**
   * {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}.
   */
  private static Object rebuildTensor(Object[] args) {
    if (args.length < 4
        || !(args[0] instanceof Storage s)
        || !(args[1] instanceof Number off)
        || !(args[2] instanceof Object[] size)
        || !(args[3] instanceof Object[] stride)
        || size.length != stride.length) {
      throw new PickleException("_rebuild_tensor_v2 with unexpected arguments");
    }
    int[] shape = new int[size.length];
    long[] st = new long[size.length];
    long count = 1, last = off.longValue();
    for (int i = 0; i < shape.length; i++) {
      shape[i] = ((Number) size[i]).intValue();
      st[i] = ((Number) stride[i]).longValue();
      count *= shape[i];
      if (shape[i] > 0) last += (shape[i] - 1) * st[i];
    }
    Object src = s.values().data();
    int n = java.lang.reflect.Array.getLength(src);
    if (count > 0 && (off.longValue() < 0 || last >= n))
      throw new PickleException("tensor reaches past the end of storage " + s.key());
    Object out =
        java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), (int) count);
    if (contiguous(shape, st)) {
      System.arraycopy(src, off.intValue(), out, 0, (int) count);
    } else {
      int[] idx = new int[shape.length];
      for (int c = 0; c < count; c++) {
        long at = off.longValue();
        for (int k = 0; k < shape.length; k++) at += idx[k] * st[k];
        java.lang.reflect.Array.set(out, c, java.lang.reflect.Array.get(src, (int) at));
        for (int k = shape.length - 1; k >= 0 && ++idx[k] == shape[k]; k--) idx[k] = 0;
      }
    }
    return new NdArray(s.values().dtype(), shape, out);
  }

  private static boolean contiguous(int[] shape, long[] stride) {
    long expect = 1;
    for (int k = shape.length - 1; k >= 0; k--) {
      if (shape[k] != 1 && stride[k] != expect) return false;
      expect *= shape[k];
    }
    return true;
  }

  /**
   * A value of a state dict as floats, checked against an expected shape; errors name the file and
   * key.
   */
  public static float[] floats(Path file, Map<?, ?> dict, String key, int... shape) {
    if (!(dict.get(key) instanceof NdArray a))
      throw new BadInputException(file, "no tensor '" + key + "'");
    if (!java.util.Arrays.equals(a.shape(), shape)) {
      throw new BadInputException(
          file,
          "tensor '"
              + key
              + "' has shape "
              + java.util.Arrays.toString(a.shape())
              + ", expected "
              + java.util.Arrays.toString(shape));
    }
    double[] d = a.toDoubles();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }
}
