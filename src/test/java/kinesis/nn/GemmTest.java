package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmTest {
  static List<Gemm> backends() {
    return BlasGemm.available()
        ? List.of(new VecGemm(2), BlasGemm.open(2))
        : List.of(new VecGemm(2));
  }

  /**
   * Every transpose combination, odd sizes (edges of the 4×48 tiles and of KC), offsets, strides,
   * alpha/beta.
   */
  @Test
  void matchesDoubleReferenceForAllTransposesAndOddSizes() {
    int[][] shapes = {
      {1, 1, 1},
      {1, 37, 300},
      {3, 5, 7},
      {7, 49, 13},
      {9, 5, 800},
      {13, 97, 769},
      {64, 3, 33},
      {130, 50, 1600}
    };
    Random rnd = new Random(1);
    for (Gemm g : backends()) {
      for (int[] s : shapes) {
        for (int t = 0; t < 4; t++) {
          boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
          check(g, rnd, ta, tb, s[0], s[1], s[2], 0.7f, 0f);
          check(g, rnd, ta, tb, s[0], s[1], s[2], -1.3f, 0.5f);
        }
      }
    }
  }

  private static void check(
      Gemm g, Random rnd, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta) {
    int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 5, aOff = 2, bOff = 1, cOff = 3;
    float[] a = randn(rnd, aOff + (ta ? k : m) * lda);
    float[] b = randn(rnd, bOff + (tb ? n : k) * ldb);
    float[] c = randn(rnd, cOff + m * ldc);
    float[] c0 = c.clone();
    g.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0, mag = 0;
        for (int p = 0; p < k; p++) {
          double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          sum += x * y;
          mag += Math.abs(x * y);
        }
        double want = alpha * sum + beta * c0[cOff + i * ldc + j];
        double tol = 1e-5 * (Math.abs(alpha) * mag + 1);
        assertEquals(
            want,
            c[cOff + i * ldc + j],
            tol,
            () -> g.name() + " ta=" + ta + " tb=" + tb + " " + m + "x" + n + "x" + k);
      }
    }
    // padding between rows of C is untouched
    for (int i = 0; i < m; i++)
      for (int j = n; j < ldc && cOff + i * ldc + j < c.length; j++)
        assertEquals(c0[cOff + i * ldc + j], c[cOff + i * ldc + j], 0f);
  }

  @Test
  void gemvMatchesGemm() {
    Random rnd = new Random(2);
    for (Gemm g : backends()) {
      int m = 37, n = 101;
      float[] a = randn(rnd, m * n), x = randn(rnd, n), xt = randn(rnd, m);
      float[] y = new float[m], y2 = new float[m], z = new float[n], z2 = new float[n];
      g.gemv(false, m, n, 1f, a, 0, n, x, 0, 0f, y, 0);
      g.gemm(false, true, m, 1, n, 1f, a, 0, n, x, 0, n, 0f, y2, 0, 1);
      g.gemv(true, m, n, 1f, a, 0, n, xt, 0, 0f, z, 0);
      g.gemm(true, false, n, 1, m, 1f, a, 0, n, xt, 0, 1, 0f, z2, 0, 1);
      for (int i = 0; i < m; i++) assertEquals(y2[i], y[i], 1e-4f);
      for (int i = 0; i < n; i++) assertEquals(z2[i], z[i], 1e-4f);
    }
  }

  @Test
  void backendsAgreeOnALayerSizedProduct() {
    if (!BlasGemm.available()) return;
    Random rnd = new Random(3);
    int m = 301, n = 515, k = 309;
    float[] a = randn(rnd, m * k), b = randn(rnd, n * k);
    float[] c1 = new float[m * n], c2 = new float[m * n];
    new VecGemm(2).gemm(false, true, m, n, k, a, b, 0f, c1);
    BlasGemm.open(2).gemm(false, true, m, n, k, a, b, 0f, c2);
    double maxErr = 0;
    for (int i = 0; i < c1.length; i++) maxErr = Math.max(maxErr, Math.abs(c1[i] - c2[i]));
    assertTrue(maxErr < 1e-3, "max difference " + maxErr);
  }

  /** Threads split rows of C, never a sum: any thread count gives the same bits. */
  @Test
  void threadCountDoesNotChangeTheBits() {
    Random rnd = new Random(4);
    int m = 1024, n = 256, k = 309;
    float[] a = randn(rnd, m * k), b = randn(rnd, n * k);
    float[] c1 = new float[m * n], c3 = new float[m * n];
    new VecGemm(1).gemm(false, true, m, n, k, a, b, 0f, c1);
    new VecGemm(3).gemm(false, true, m, n, k, a, b, 0f, c3);
    assertArrayEquals(c1, c3);
  }

  /** A back end nobody holds any more leaves no threads behind. */
  @Test
  void unreachableBackEndStopsItsThreads() throws InterruptedException {
    long before = liveGemmThreads();
    Random rnd = new Random(5);
    float[] a = randn(rnd, 64 * 64), c = new float[64 * 64];
    for (int i = 0; i < 4; i++) new VecGemm(2).gemm(false, false, 64, 64, 64, a, a, 0f, c);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (liveGemmThreads() > before && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50);
    }
    assertTrue(liveGemmThreads() <= before, liveGemmThreads() + " threads, " + before + " before");
  }

  private static long liveGemmThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("vecgemm") && t.isAlive())
        .count();
  }

  static float[] randn(Random r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
    return x;
  }
}
