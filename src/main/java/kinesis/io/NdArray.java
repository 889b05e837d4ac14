package kinesis.io;

import java.util.Arrays;

/**
 * An n-dimensional array as stored in a {@code .npy} file: a NumPy dtype, a shape and the values
 * flattened in C (row-major) order. {@code data} is a {@code double[]} (f8), {@code float[]} (f4),
 * {@code int[]} (i4), {@code long[]} (i8), {@code boolean[]} (b1), {@code byte[]} (u1, unsigned) or
 * {@code String[]} (U). A scalar has shape {@code []} and one value.
 *
 * @param dtype NumPy type string without byte order: {@code f8 f4 i4 i8 b1 u1 U<n>}
 * @param shape dimensions (empty for a scalar)
 * @param data the values in C order
 */
public record NdArray(String dtype, int[] shape, Object data) {

  public NdArray {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0)
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      n *= d;
    }
    if (n != java.lang.reflect.Array.getLength(data)) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " holds "
              + n
              + " values, data has "
              + java.lang.reflect.Array.getLength(data));
    }
  }

  public static NdArray of(double[] data, int... shape) {
    return new NdArray("f8", shape, data);
  }

  public static NdArray ofFloats(float[] data, int... shape) {
    return new NdArray("f4", shape, data);
  }

  public static NdArray ofInts(int[] data, int... shape) {
    return new NdArray("i4", shape, data);
  }

  public static NdArray ofLongs(long[] data, int... shape) {
    return new NdArray("i8", shape, data);
  }

  public static NdArray ofBools(boolean[] data, int... shape) {
    return new NdArray("b1", shape, data);
  }

  public static NdArray ofBytes(byte[] data, int... shape) {
    return new NdArray("u1", shape, data);
  }

  /** Strings stored as fixed-width unicode ({@code <U n}, n = the longest string). */
  public static NdArray ofStrings(String[] data, int... shape) {
    int w = 1;
    for (String s : data) w = Math.max(w, s.codePointCount(0, s.length()));
    return new NdArray("U" + w, shape, data);
  }

  /** Number of values (product of the shape). */
  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  public int ndim() {
    return shape.length;
  }

  public boolean isNumeric() {
    return !(data instanceof String[]);
  }

  /** The values converted to double (booleans as 0/1, u1 unsigned); fails for strings. */
  public double[] toDoubles() {
    return switch (data) {
      case double[] d -> d.clone();
      case float[] f -> {
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) r[i] = f[i];
        yield r;
      }
      case int[] a -> Arrays.stream(a).asDoubleStream().toArray();
      case long[] a -> Arrays.stream(a).asDoubleStream().toArray();
      case boolean[] b -> {
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[i] ? 1 : 0;
        yield r;
      }
      case byte[] b -> {
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[i] & 0xff;
        yield r;
      }
      default -> throw new IllegalStateException("array of " + dtype + " is not numeric");
    };
  }

  /** The single value of a scalar or one-element array, as a double. */
  public double scalar() {
    if (size() != 1)
      throw new IllegalStateException("not a scalar: shape " + Arrays.toString(shape));
    return toDoubles()[0];
  }

  /** The values as strings (only for U arrays). */
  public String[] strings() {
    if (data instanceof String[] s) return s.clone();
    throw new IllegalStateException("array of " + dtype + " does not hold strings");
  }

  @Override
  public String toString() {
    return "NdArray[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
