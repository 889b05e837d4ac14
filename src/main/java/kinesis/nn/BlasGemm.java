package kinesis.nn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenBLAS through FFM: {@code cblas_sgemm} / {@code cblas_sgemv} called as critical functions on
 * heap arrays (no copies). Products with one output row go to sgemv, which is much faster there.
 * The library is looked up at {@code -Dkinesis.openblas=PATH}, else at Debian's {@code
 * libopenblas0-pthread} locations.
 */
public final class BlasGemm implements Gemm {
  private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;
  private static final List<String> CANDIDATES =
      List.of(
          "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
          "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
          "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
          "/usr/lib/libopenblas.so.0");

  private static volatile BlasGemm shared;
  private final MethodHandle sgemm, sgemv, setThreads;
  private final int threads;

  private BlasGemm(SymbolLookup lib, int threads) {
    Linker linker = Linker.nativeLinker();
    Linker.Option critical = Linker.Option.critical(true);
    sgemm =
        linker.downcallHandle(
            lib.findOrThrow("cblas_sgemm"),
            FunctionDescriptor.ofVoid(
                JAVA_INT,
                JAVA_INT,
                JAVA_INT,
                JAVA_INT,
                JAVA_INT,
                JAVA_INT,
                JAVA_FLOAT,
                ADDRESS,
                JAVA_INT,
                ADDRESS,
                JAVA_INT,
                JAVA_FLOAT,
                ADDRESS,
                JAVA_INT),
            critical);
    sgemv =
        linker.downcallHandle(
            lib.findOrThrow("cblas_sgemv"),
            FunctionDescriptor.ofVoid(
                JAVA_INT,
                JAVA_INT,
                JAVA_INT,
                JAVA_INT,
                JAVA_FLOAT,
                ADDRESS,
                JAVA_INT,
                ADDRESS,
                JAVA_INT,
                JAVA_FLOAT,
                ADDRESS,
                JAVA_INT),
            critical);
    setThreads =
        linker.downcallHandle(
            lib.findOrThrow("openblas_set_num_threads"), FunctionDescriptor.ofVoid(JAVA_INT));
    this.threads = threads;
    try {
      setThreads.invokeExact(threads);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Path of the OpenBLAS library, or null when none is installed. */
  public static Path libraryPath() {
    String p = System.getProperty("kinesis.openblas");
    if (p != null && !p.isBlank()) return Path.of(p);
    for (String c : CANDIDATES) if (Files.isRegularFile(Path.of(c))) return Path.of(c);
    return null;
  }

  public static boolean available() {
    return libraryPath() != null;
  }

  /** The process-wide instance (OpenBLAS keeps one global thread setting). */
  public static synchronized BlasGemm open(int threads) {
    Path lib = libraryPath();
    if (lib == null) {
      throw new IllegalStateException(
          "OpenBLAS not found (looked at "
              + CANDIDATES
              + "); install Debian's libopenblas0-pthread or run with -Dkinesis.gemm=vector");
    }
    if (shared == null || shared.threads != threads) {
      shared = new BlasGemm(SymbolLookup.libraryLookup(lib, Arena.global()), threads);
    }
    return shared;
  }

  @Override
  public String name() {
    return "openblas";
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public void gemm(
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
      int ldc) {
    if (m == 0 || n == 0) return;
    if (m == 1) {
      // one output row: c = op(B)ᵀ·a, with a read at stride lda when A is transposed
      gemvRaw(
          transB ? NO_TRANS : TRANS,
          transB ? n : k,
          transB ? k : n,
          alpha,
          b,
          bOff,
          ldb,
          a,
          aOff,
          transA ? lda : 1,
          beta,
          c,
          cOff,
          1);
      return;
    }
    try {
      sgemm.invokeExact(
          ROW_MAJOR,
          transA ? TRANS : NO_TRANS,
          transB ? TRANS : NO_TRANS,
          m,
          n,
          k,
          alpha,
          seg(a, aOff),
          lda,
          seg(b, bOff),
          ldb,
          beta,
          seg(c, cOff),
          ldc);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public void gemv(
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
      int yOff) {
    gemvRaw(transA ? TRANS : NO_TRANS, m, n, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff, 1);
  }

  private void gemvRaw(
      int trans,
      int m,
      int n,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] x,
      int xOff,
      int incx,
      float beta,
      float[] y,
      int yOff,
      int incy) {
    try {
      sgemv.invokeExact(
          ROW_MAJOR,
          trans,
          m,
          n,
          alpha,
          seg(a, aOff),
          lda,
          seg(x, xOff),
          incx,
          beta,
          seg(y, yOff),
          incy);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MemorySegment seg(float[] a, int off) {
    MemorySegment s = MemorySegment.ofArray(a);
    return off == 0 ? s : s.asSlice(4L * off);
  }
}
