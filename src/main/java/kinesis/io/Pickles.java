package kinesis.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Python pickles, read with Pyrolite ({@code net.razorvine:pickle}), which builds plain Java values
 * (dict → Map, list → List, tuple → Object[], str → String, bytes → byte[]) and turns classes it
 * does not know into maps; nothing in a file is ever executed. On top we add what NumPy and the
 * standard library put into pickles: arrays ({@code numpy.core.multiarray._reconstruct} + {@code
 * __setstate__}, or {@code _frombuffer} under protocol 5, old and new module names) and NumPy
 * scalars become {@link NdArray} (object arrays keep their Java values), {@code numpy.dtype} a
 * {@link Dtype}, {@code collections.OrderedDict} a map (Pyrolite does not keep the order of the
 * items of one SETITEMS batch, so callers look keys up by name).
 */
public final class Pickles {
  private Pickles() {}

  static {
    // Pyrolite's constructor table is global: register ours once
    for (String mod : List.of("numpy.core", "numpy._core")) {
      Unpickler.registerConstructor(mod + ".multiarray", "_reconstruct", args -> new ArrayState());
      Unpickler.registerConstructor(mod + ".multiarray", "scalar", Pickles::scalar);
      Unpickler.registerConstructor(mod + ".numeric", "_frombuffer", Pickles::fromBuffer);
    }
    Unpickler.registerConstructor("numpy", "dtype", args -> new Dtype(String.valueOf(args[0])));
    Unpickler.registerConstructor("collections", "OrderedDict", Pickles::orderedDict);
    Unpickler.registerConstructor(
        "_codecs", "encode", args -> String.valueOf(args[0]).getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Unpickles {@code bytes}; a malformed or truncated stream is a {@link BadInputException} naming
   * {@code where}.
   */
  public static Object load(byte[] bytes, String where) {
    return load(bytes, where, null);
  }

  /**
   * As {@link #load(byte[], String)}, answering persistent ids (pickle's {@code persistent_load},
   * e.g. torch storages) with {@code persistent}; null refuses them.
   */
  public static Object load(
      byte[] bytes, String where, java.util.function.Function<Object, Object> persistent) {
    Unpickler u =
        new Unpickler() {
          @Override
          protected Object persistentLoad(Object pid) {
            if (persistent == null)
              throw new PickleException(
                  "persistent id " + pid + " without a store to load it from");
            return persistent.apply(pid);
          }
        };
    try {
      return resolve(u.loads(bytes), where);
    } catch (BadInputException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      String why =
          e.getMessage() == null || e.getMessage().isBlank()
              ? e.getClass().getSimpleName()
              : e.getMessage();
      throw new BadInputException(
          where
              + ": malformed or truncated pickle ("
              + why.lines().findFirst().orElse("").trim()
              + ")");
    } finally {
      u.close();
    }
  }

  /**
   * The value inside a one-element object array (what {@code np.save} writes for one Python
   * object), else {@code o}.
   */
  public static Object item(Object o) {
    return o instanceof NdArray a && a.dtype().equals("O") && a.size() == 1
        ? ((Object[]) a.data())[0]
        : o;
  }

  /** Replaces array placeholders by {@link NdArray}s, everywhere inside maps, lists and tuples. */
  private static Object resolve(Object o, String where) {
    return switch (o) {
      case ArrayState a -> a.toArray(where);
      case Map<?, ?> m -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) out.put(e.getKey(), resolve(e.getValue(), where));
        yield out;
      }
      case List<?> l -> {
        List<Object> out = new ArrayList<>();
        for (Object v : l) out.add(resolve(v, where));
        yield out;
      }
      case Object[] t -> {
        Object[] out = new Object[t.length];
        for (int i = 0; i < t.length; i++) out[i] = resolve(t[i], where);
        yield out;
      }
      case null, default -> o;
    };
  }

  /**
   * {@code numpy.dtype(str)}: its type string (e.g. f4, O8) and, after {@code __setstate__}, its
   * byte order.
   */
  public static final class Dtype {
    public final String type;
    private String order = "|";

    Dtype(String type) {
      this.type = type;
    }

    /** State (version, byte order, …): only the byte order matters here. */
    public void __setstate__(Object[] state) {
      if (state.length > 1 && state[1] instanceof String s) order = s;
    }

    /** The .npy-style descriptor, e.g. {@code <f4} (native order taken as little-endian). */
    public String descr() {
      return (order.equals(">") ? ">" : "<") + type;
    }

    public boolean isObject() {
      return type.startsWith("O");
    }
  }

  /** An ndarray being unpickled: {@code _reconstruct} makes it, {@code __setstate__} fills it. */
  public static final class ArrayState {
    private Object[] state;

    /** State (version, shape, dtype, is_fortran, data) or the older form without the version. */
    public void __setstate__(Object[] s) {
      state = s;
    }

    NdArray toArray(String where) {
      if (state == null || state.length < 4)
        throw new BadInputException(where + ": NumPy array without its state");
      int o = state.length - 4;
      int[] shape = shape(state[o], where);
      if (!(state[o + 1] instanceof Dtype dt))
        throw new BadInputException(where + ": NumPy array without a dtype");
      boolean fortran = Boolean.TRUE.equals(state[o + 2]);
      Object data = state[o + 3];
      if (dt.isObject()) {
        if (!(data instanceof List<?> items))
          throw new BadInputException(where + ": object array without its items");
        Object[] values = new Object[items.size()];
        for (int i = 0; i < values.length; i++) values[i] = resolve(items.get(i), where);
        return new NdArray("O", shape, values);
      }
      if (!(data instanceof byte[] raw))
        throw new BadInputException(where + ": NumPy array data is not bytes");
      return Npy.decode(dt.descr(), shape, ByteBuffer.wrap(raw), fortran, where);
    }
  }

  private static int[] shape(Object o, String where) {
    if (!(o instanceof Object[] dims))
      throw new BadInputException(where + ": NumPy array shape is not a tuple");
    int[] shape = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      if (!(dims[i] instanceof Number n)
          || n.longValue() < 0
          || n.longValue() > Integer.MAX_VALUE) {
        throw new BadInputException(where + ": bad NumPy array shape");
      }
      shape[i] = n.intValue();
    }
    return shape;
  }

  /** {@code scalar(dtype, bytes)}: a NumPy scalar as a 0-d array. */
  private static Object scalar(Object[] args) {
    if (args.length < 2 || !(args[0] instanceof Dtype dt) || !(args[1] instanceof byte[] raw)) {
      throw new PickleException("numpy scalar needs a dtype and its bytes");
    }
    return Npy.decode(dt.descr(), new int[0], ByteBuffer.wrap(raw), false, "numpy scalar");
  }

  /** {@code _frombuffer(buffer, dtype, shape, order)} (protocol 5 arrays). */
  private static Object fromBuffer(Object[] args) {
    if (args.length < 4 || !(args[0] instanceof byte[] raw) || !(args[1] instanceof Dtype dt)) {
      throw new PickleException("numpy _frombuffer needs a buffer, a dtype, a shape and an order");
    }
    return Npy.decode(
        dt.descr(),
        shape(args[2], "numpy array"),
        ByteBuffer.wrap(raw),
        "F".equals(args[3]),
        "numpy array");
  }

  /**
   * An OrderedDict; attributes set by BUILD (a torch state dict's {@code _metadata}) are accepted
   * and dropped.
   */
  public static final class OrderedDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("NonApiType") // Unpickler finds it by getMethod(name, HashMap.class)
    public void __setstate__(java.util.HashMap<?, ?> attributes) {
      // instance attributes of the dict, not items
    }
  }

  /** {@code OrderedDict()} or {@code OrderedDict([(k, v), …])}. */
  private static Object orderedDict(Object[] args) {
    Map<Object, Object> m = new OrderedDict();
    if (args.length > 0 && args[0] instanceof List<?> pairs) {
      for (Object p : pairs) {
        if (p instanceof Object[] kv && kv.length == 2) m.put(kv[0], kv[1]);
      }
    }
    return m;
  }
}
