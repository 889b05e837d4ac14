package kinesis.motion.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.io.Npy;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Python pickles holding numpy arrays, read with Pyrolite's {@link Unpickler}: numpy arrays
 * ({@code numpy.core.multiarray._reconstruct} or numpy 2's {@code numpy._core.multiarray._reconstruct},
 * then {@code __setstate__}), their dtypes and numpy scalars become Java values; dicts, lists and
 * strings come back as Pyrolite makes them. Unknown classes become inert dictionaries (no code runs).
 */
public final class Pickles {
  private Pickles() {}

  static {
    // the constructor table is global in Pyrolite: register once
    for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
      Unpickler.registerConstructor(module, "_reconstruct", args -> new PickledArray());
      Unpickler.registerConstructor(module, "scalar", Pickles::scalar);
    }
    Unpickler.registerConstructor("numpy", "dtype", args -> new PickledDtype(args.length > 0 ? String.valueOf(args[0]) : "?"));
  }

  /** The object in a pickle; a truncated or malformed pickle is bad input naming {@code where}. */
  public static Object load(byte[] pickle, String where) {
    Unpickler u = new Unpickler();
    try {
      return u.loads(pickle);
    } catch (BadInputException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
      throw new BadInputException(where + ": malformed or truncated pickle (" + why.lines().findFirst().orElse("") + ")");
    } finally {
      u.close();
    }
  }

  /** The pickled object inside a {@code .npy} of Python objects (as {@code numpy.save} writes a dict). */
  public static Object loadNpy(byte[] npy, String where) {
    Object o = load(Npy.objectPayload(npy, where), where);
    // numpy.save wraps the object in a 0-d object array
    if (o instanceof PickledArray a && a.objects != null && a.shape.length == 0 && a.objects.size() == 1) return a.objects.get(0);
    return o;
  }

  /** A numeric numpy array of a pickle as an {@link NdArray}; anything else is bad input. */
  public static NdArray array(Object o, String where, String what) {
    if (!(o instanceof PickledArray a) || a.raw == null || a.dtype == null) {
      throw new BadInputException(where + ": '" + what + "' is not a numeric numpy array (found " + describe(o) + ")");
    }
    return Npy.decode(a.dtype.descr(), a.shape, a.fortran, a.raw, where + " '" + what + "'");
  }

  /** A short description of a pickled value for error messages. */
  static String describe(Object o) {
    if (o == null) return "None";
    if (o instanceof PickledArray a) return "array " + (a.dtype == null ? "?" : a.dtype.descr()) + " " + java.util.Arrays.toString(a.shape);
    if (o instanceof Map<?, ?> m) return "dict with keys " + m.keySet();
    if (o instanceof List<?> l) return "list of " + l.size();
    return o.getClass().getSimpleName();
  }

  /** numpy scalar: {@code scalar(dtype, bytes)} → a Double or Long. */
  private static Object scalar(Object[] args) {
    if (args.length < 2 || !(args[0] instanceof PickledDtype d) || !(args[1] instanceof byte[] b)) {
      throw new PickleException("numpy scalar needs (dtype, bytes)");
    }
    NdArray a = Npy.decode(d.descr(), new int[0], false, b, "numpy scalar");
    double v = a.toDoubles()[0];
    return a.dtype().startsWith("f") ? (Object) v : (Object) (long) v;
  }

  /** A numpy array being unpickled: {@code __setstate__((version, shape, dtype, fortran, data))}. */
  public static final class PickledArray {
    int[] shape = new int[0];
    PickledDtype dtype;
    boolean fortran;
    byte[] raw;
    List<Object> objects;

    public void __setstate__(Object[] state) {
      if (state.length != 5 || !(state[1] instanceof Object[] dims) || !(state[2] instanceof PickledDtype d)) {
        throw new PickleException("unexpected numpy array state of " + state.length + " fields");
      }
      shape = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        if (!(dims[i] instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
          throw new PickleException("bad array dimension " + dims[i]);
        }
        shape[i] = n.intValue();
      }
      dtype = d;
      fortran = Boolean.TRUE.equals(state[3]);
      if (state[4] instanceof byte[] b) raw = b;
      else if (state[4] instanceof String s) raw = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      else if (state[4] instanceof List<?> l) objects = new ArrayList<>(l);
      else throw new PickleException("numpy array data of unexpected type " + describe(state[4]));
    }
  }

  /** A numpy dtype being unpickled: {@code dtype('f4', ...)} then {@code __setstate__((3, '<', ...))}. */
  public static final class PickledDtype {
    final String kind;
    String order = "|";

    PickledDtype(String kind) {
      this.kind = kind;
    }

    public void __setstate__(Object[] state) {
      if (state.length > 1 && state[1] instanceof String o) order = o;
    }

    /** The {@code .npy} descriptor, such as {@code <f4} or {@code |O}. */
    String descr() {
      return kind.startsWith("O") ? "|O" : order + kind;
    }
  }
}
