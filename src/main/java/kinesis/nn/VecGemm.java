package kinesis.nn;

import java.lang.ref.Cleaner;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import kinesis.task.WorkerPool;

/**
 * Pure Java SGEMM with the Vector API, the fallback when OpenBLAS is absent. GotoBLAS layout: for
 * each block of KC=768 along k, B is packed into panels of NR = 3 vectors (48 floats with AVX-512)
 * and the rows of C are split across threads; each thread packs its rows of A in strips of MR = 4
 * and runs a 4×3-vector register kernel over groups of 4 panels (which stay in L2). Few output rows
 * (inference) skip packing: dot products or row updates split over columns.
 */
public final class VecGemm implements Gemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 4,
      NR = 3 * L,
      KC = 768,
      PANELS_PER_GROUP = 4,
      SMALL_M = 8,
      DOT_M = 32;

  private static final Cleaner CLEANER = Cleaner.create();
  private final int threads;
  private final WorkerPool pool;
  private float[] bpack = new float[0];
  private final ThreadLocal<float[]> apack = ThreadLocal.withInitial(() -> new float[0]);

  public VecGemm(int threads) {
    this.threads = Math.max(1, threads);
    // spinning workers: an update issues hundreds of sub-millisecond products back to back, and
    // waking a parked thread for each costs as much as the product (measured: no 2-thread gain at
    // width 256 with an executor); the threads end when this back end is no longer reachable
    this.pool = this.threads == 1 ? null : new WorkerPool(this.threads, "vecgemm");
    if (pool != null) CLEANER.register(this, pool::close);
  }

  /**
   * True when the preferred float vector has 16 lanes (AVX-512), where this kernel beats OpenBLAS.
   */
  public static boolean wideVectors() {
    return L >= 16;
  }

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public synchronized void gemm(
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
    scale(c, cOff, ldc, m, n, beta);
    if (alpha == 0f || k == 0) return;
    long work = (long) m * n * k;
    int t = work < 200_000 ? 1 : threads;
    if (m <= SMALL_M || n < 8 || (transB && m <= DOT_M)) {
      fewRowsOrCols(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, t);
      return;
    }
    int panels = (n + NR - 1) / NR;
    int strips = (m + MR - 1) / MR;
    if (bpack.length < panels * NR * Math.min(KC, k))
      bpack = new float[panels * NR * Math.min(KC, k)];
    for (int pc = 0; pc < k; pc += KC) {
      final int p0 = pc, kc = Math.min(KC, k - pc);
      // pack B[p0:p0+kc, :] into panels, panels split across threads
      parallel(
          Math.min(t, panels),
          panels,
          (j0, j1) -> {
            for (int jp = j0; jp < j1; jp++) packB(transB, b, bOff, ldb, p0, kc, n, jp);
          });
      // each thread: its strips of rows of C against all panels
      parallel(
          Math.min(t, strips),
          strips,
          (s0, s1) ->
              computeStrips(
                  transA, a, aOff, lda, p0, kc, m, n, s0, s1, panels, alpha, c, cOff, ldc));
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
    if (!transA) gemm(false, true, 1, m, n, alpha, x, xOff, n, a, aOff, lda, beta, y, yOff, m);
    else gemm(false, false, 1, n, m, alpha, x, xOff, m, a, aOff, lda, beta, y, yOff, n);
  }

  private static void scale(float[] c, int cOff, int ldc, int m, int n, float beta) {
    if (beta == 1f) return;
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      if (beta == 0f) java.util.Arrays.fill(c, row, row + n, 0f);
      else for (int j = 0; j < n; j++) c[row + j] *= beta;
    }
  }

  private void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int n, int jp) {
    int base = jp * kc * NR, j0 = jp * NR, cols = Math.min(NR, n - j0);
    float[] bp = bpack;
    if (!transB && cols == NR) {
      for (int p = 0; p < kc; p++)
        System.arraycopy(b, bOff + (p0 + p) * ldb + j0, bp, base + p * NR, NR);
    } else if (!transB) {
      for (int p = 0; p < kc; p++) {
        int src = bOff + (p0 + p) * ldb + j0, dst = base + p * NR;
        System.arraycopy(b, src, bp, dst, cols);
        java.util.Arrays.fill(bp, dst + cols, dst + NR, 0f);
      }
    } else {
      for (int jj = 0; jj < NR; jj++) {
        if (jj < cols) {
          int src = bOff + (j0 + jj) * ldb + p0;
          for (int p = 0; p < kc; p++) bp[base + p * NR + jj] = b[src + p];
        } else {
          for (int p = 0; p < kc; p++) bp[base + p * NR + jj] = 0f;
        }
      }
    }
  }

  private void computeStrips(
      boolean transA,
      float[] a,
      int aOff,
      int lda,
      int p0,
      int kc,
      int m,
      int n,
      int s0,
      int s1,
      int panels,
      float alpha,
      float[] c,
      int cOff,
      int ldc) {
    int need = (s1 - s0) * MR * kc;
    float[] ap = apack.get();
    if (ap.length < need) {
      ap = new float[need];
      apack.set(ap);
    }
    // pack rows [s0*MR, s1*MR) of op(A)[:, p0:p0+kc], zero-padded past m
    for (int s = s0; s < s1; s++) {
      int base = (s - s0) * MR * kc;
      for (int r = 0; r < MR; r++) {
        int i = s * MR + r;
        if (i >= m) {
          for (int p = 0; p < kc; p++) ap[base + p * MR + r] = 0f;
        } else if (!transA) {
          int src = aOff + i * lda + p0;
          for (int p = 0; p < kc; p++) ap[base + p * MR + r] = a[src + p];
        } else {
          int src = aOff + p0 * lda + i;
          for (int p = 0; p < kc; p++) ap[base + p * MR + r] = a[src + p * lda];
        }
      }
    }
    float[] bp = bpack;
    for (int g = 0; g < panels; g += PANELS_PER_GROUP) {
      int gEnd = Math.min(panels, g + PANELS_PER_GROUP);
      for (int s = s0; s < s1; s++) {
        int rows = Math.min(MR, m - s * MR);
        for (int jp = g; jp < gEnd; jp++) {
          int cols = Math.min(NR, n - jp * NR);
          kernel(
              ap,
              (s - s0) * MR * kc,
              bp,
              jp * kc * NR,
              kc,
              alpha,
              c,
              cOff + s * MR * ldc + jp * NR,
              ldc,
              rows,
              cols);
        }
      }
    }
  }

  /** C[rows×cols] += alpha · Apack(4×kc) · Bpack(kc×NR), register-blocked 4 × 3 vectors. */
  private static void kernel(
      float[] ap,
      int aBase,
      float[] bp,
      int bBase,
      int kc,
      float alpha,
      float[] c,
      int cIdx,
      int ldc,
      int rows,
      int cols) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
    FloatVector c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
    for (int p = 0; p < kc; p++) {
      int bo = bBase + p * NR, ao = aBase + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bo);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
      FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
      FloatVector x = FloatVector.broadcast(S, ap[ao]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      x = FloatVector.broadcast(S, ap[ao + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      x = FloatVector.broadcast(S, ap[ao + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      x = FloatVector.broadcast(S, ap[ao + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
    }
    // results leave through arrays only: passing vectors to a call that is not inlined makes C2
    // box them, inside the loop too (measured: 30x slower)
    if (rows == MR && cols == NR) {
      FloatVector.fromArray(S, c, cIdx).add(c00.mul(alpha)).intoArray(c, cIdx);
      FloatVector.fromArray(S, c, cIdx + L).add(c01.mul(alpha)).intoArray(c, cIdx + L);
      FloatVector.fromArray(S, c, cIdx + 2 * L).add(c02.mul(alpha)).intoArray(c, cIdx + 2 * L);
      cIdx += ldc;
      FloatVector.fromArray(S, c, cIdx).add(c10.mul(alpha)).intoArray(c, cIdx);
      FloatVector.fromArray(S, c, cIdx + L).add(c11.mul(alpha)).intoArray(c, cIdx + L);
      FloatVector.fromArray(S, c, cIdx + 2 * L).add(c12.mul(alpha)).intoArray(c, cIdx + 2 * L);
      cIdx += ldc;
      FloatVector.fromArray(S, c, cIdx).add(c20.mul(alpha)).intoArray(c, cIdx);
      FloatVector.fromArray(S, c, cIdx + L).add(c21.mul(alpha)).intoArray(c, cIdx + L);
      FloatVector.fromArray(S, c, cIdx + 2 * L).add(c22.mul(alpha)).intoArray(c, cIdx + 2 * L);
      cIdx += ldc;
      FloatVector.fromArray(S, c, cIdx).add(c30.mul(alpha)).intoArray(c, cIdx);
      FloatVector.fromArray(S, c, cIdx + L).add(c31.mul(alpha)).intoArray(c, cIdx + L);
      FloatVector.fromArray(S, c, cIdx + 2 * L).add(c32.mul(alpha)).intoArray(c, cIdx + 2 * L);
      return;
    }
    float[] tile = new float[MR * NR];
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c02.intoArray(tile, 2 * L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c12.intoArray(tile, NR + 2 * L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c22.intoArray(tile, 2 * NR + 2 * L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    c32.intoArray(tile, 3 * NR + 2 * L);
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < cols; j++) c[cIdx + r * ldc + j] += alpha * tile[r * NR + j];
  }

  /**
   * Few rows of C (inference) or few columns (value head): no packing, split over the long side.
   */
  private void fewRowsOrCols(
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
      float[] c,
      int cOff,
      int ldc,
      int t) {
    // op(A) as contiguous rows
    float[] arows = a;
    int aBase = aOff, aStride = lda;
    if (transA) {
      arows = new float[m * k];
      for (int p = 0; p < k; p++)
        for (int i = 0; i < m; i++) arows[i * k + p] = a[aOff + p * lda + i];
      aBase = 0;
      aStride = k;
    }
    final float[] ar = arows;
    final int ab = aBase, as = aStride;
    if (transB) {
      // C[i][j] = alpha · dot(A_i, B_j): split over j (few rows) or over i (few columns)
      if (m <= DOT_M) {
        parallel(
            Math.min(t, n),
            n,
            (j0, j1) -> {
              for (int j = j0; j < j1; j++)
                for (int i = 0; i < m; i++)
                  c[cOff + i * ldc + j] += alpha * dot(ar, ab + i * as, b, bOff + j * ldb, k);
            });
      } else {
        parallel(
            Math.min(t, m),
            m,
            (i0, i1) -> {
              for (int i = i0; i < i1; i++)
                for (int j = 0; j < n; j++)
                  c[cOff + i * ldc + j] += alpha * dot(ar, ab + i * as, b, bOff + j * ldb, k);
            });
      }
    } else if (m <= SMALL_M) {
      // C[i][:] += alpha · A[i][p] · B[p][:]: split over column blocks
      int blocks = (n + 255) / 256;
      parallel(
          Math.min(t, blocks),
          blocks,
          (q0, q1) -> {
            int j0 = q0 * 256, j1 = Math.min(n, q1 * 256);
            for (int i = 0; i < m; i++)
              for (int p = 0; p < k; p++)
                axpy(
                    alpha * ar[ab + i * as + p],
                    b,
                    bOff + p * ldb + j0,
                    c,
                    cOff + i * ldc + j0,
                    j1 - j0);
          });
    } else {
      // few columns, B not transposed: scalar over k per row
      parallel(
          Math.min(t, m),
          m,
          (i0, i1) -> {
            for (int i = i0; i < i1; i++)
              for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += ar[ab + i * as + p] * b[bOff + p * ldb + j];
                c[cOff + i * ldc + j] += alpha * s;
              }
          });
    }
  }

  static float dot(float[] x, int xo, float[] y, int yo, int len) {
    // four accumulators hide the FMA latency; they are combined in a fixed order
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
    int p = 0;
    for (int bound = len - 4 * L; p <= bound; p += 4 * L) {
      a0 = FloatVector.fromArray(S, x, xo + p).fma(FloatVector.fromArray(S, y, yo + p), a0);
      a1 = FloatVector.fromArray(S, x, xo + p + L).fma(FloatVector.fromArray(S, y, yo + p + L), a1);
      a2 =
          FloatVector.fromArray(S, x, xo + p + 2 * L)
              .fma(FloatVector.fromArray(S, y, yo + p + 2 * L), a2);
      a3 =
          FloatVector.fromArray(S, x, xo + p + 3 * L)
              .fma(FloatVector.fromArray(S, y, yo + p + 3 * L), a3);
    }
    for (int bound = S.loopBound(len); p < bound; p += L) {
      a0 = FloatVector.fromArray(S, x, xo + p).fma(FloatVector.fromArray(S, y, yo + p), a0);
    }
    FloatVector acc = a0.add(a1).add(a2.add(a3));
    float s =
        0f; // lanes in a fixed order: reduceLanes(ADD) may sum in a different order once compiled
    for (int lane = 0; lane < L; lane++) s += acc.lane(lane);
    for (; p < len; p++) s += x[xo + p] * y[yo + p];
    return s;
  }

  static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int len) {
    FloatVector av = FloatVector.broadcast(S, alpha);
    int p = 0;
    for (int bound = S.loopBound(len); p < bound; p += L) {
      av.fma(FloatVector.fromArray(S, x, xo + p), FloatVector.fromArray(S, y, yo + p))
          .intoArray(y, yo + p);
    }
    for (; p < len; p++) y[yo + p] += alpha * x[xo + p];
  }

  /** Element-wise work of at least this many elements is split across the threads. */
  private static final int PARALLEL_ELEMENTS = 16_384;

  @Override
  public synchronized void forRanges(int n, Range body) {
    if (n < PARALLEL_ELEMENTS || pool == null) {
      body.run(0, n);
      return;
    }
    // split at multiples of 64 elements so that every range is whole vectors but its last
    int blocks = (n + 63) / 64;
    parallel(threads, blocks, (b0, b1) -> body.run(b0 * 64, Math.min(n, b1 * 64)));
  }

  /** Splits [0, total) into {@code parts} contiguous ranges; part 0 runs on the caller. */
  private void parallel(int parts, int total, Range body) {
    if (parts <= 1 || pool == null) {
      body.run(0, total);
      return;
    }
    pool.run(
        q -> {
          if (q < parts)
            body.run((int) ((long) total * q / parts), (int) ((long) total * (q + 1) / parts));
        });
  }
}
