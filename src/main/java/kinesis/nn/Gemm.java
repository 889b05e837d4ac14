package kinesis.nn;

/**
 * Single-precision matrix products on row-major {@code float[]} storage, BLAS conventions. {@code
 * gemm}: C[m×n] = alpha·op(A)·op(B) + beta·C, op(A) is m×k (A stored k×m when transposed), op(B) is
 * k×n (B stored n×k when transposed); {@code ld*} are row strides, {@code *Off} the first element.
 * {@code gemv}: y[rows of op(A)] = alpha·op(A)·x + beta·y with A stored m×n.
 *
 * <p>Back ends: {@link BlasGemm} (OpenBLAS through FFM) and {@link VecGemm} (pure Java Vector API).
 * Choose with {@code -Dkinesis.gemm=blas|vector}; the thread count with {@code -Dkinesis.threads=N}
 * (default: all cores). The default ({@code auto}) is the Vector API where vectors are 512 bits
 * wide (AVX-512: measured 1.7–2× faster than Debian's OpenBLAS 0.3.21 on the project's AMD EPYC
 * machines), else OpenBLAS when installed, else the Vector API.
 */
public interface Gemm {
  void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc);

  void gemv(
      boolean transA,
      int m,
      int n,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] x,
      int xOff,
      float beta,
      float[] y,
      int yOff);

  /**
   * Runs {@code body} over [0, n) split into contiguous ranges, one per thread of this back end,
   * for element-wise work beside the products (activations); each element is computed by exactly
   * one call, so the result does not depend on the split.
   */
  default void forRanges(int n, Range body) {
    body.run(0, n);
  }

  /** The work on elements [from, to). */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }

  /** Short name for logs and benchmark output. */
  String name();

  /** Threads this back end uses. */
  int threads();

  /** Compact form for whole arrays with tight strides. */
  default void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      float[] b,
      float beta,
      float[] c) {
    gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
  }

  /** Threads from {@code -Dkinesis.threads}, else all available cores. */
  static int configuredThreads() {
    String t = System.getProperty("kinesis.threads");
    int n =
        t == null || t.isBlank()
            ? Runtime.getRuntime().availableProcessors()
            : Integer.parseInt(t.trim());
    return Math.max(1, n);
  }

  /**
   * A new back end as {@code -Dkinesis.gemm} (default {@code auto}) and {@code -Dkinesis.threads}
   * choose it; a run chooses one once and hands it to what it builds.
   */
  static Gemm fromProperties() {
    return choose(System.getProperty("kinesis.gemm", "auto"), configuredThreads());
  }

  /**
   * A one-thread Vector API back end: for building networks whose products are small or never run
   * (checks, export).
   */
  static Gemm serial() {
    return new VecGemm(1);
  }

  /**
   * The back end named {@code which} ({@code blas}, {@code vector} or {@code auto}) on {@code
   * threads} threads.
   */
  static Gemm choose(String which, int threads) {
    return switch (which.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "blas" -> BlasGemm.open(threads);
      case "vector", "vec" -> new VecGemm(threads);
      case "auto", "" ->
          VecGemm.wideVectors() || !BlasGemm.available()
              ? new VecGemm(threads)
              : BlasGemm.open(threads);
      default ->
          throw new IllegalArgumentException("-Dkinesis.gemm must be blas or vector, not " + which);
    };
  }
}
