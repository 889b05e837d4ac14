package kinesis.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Java side of {@code kinesis bench sim}: the same loop as the C reference ({@code
 * src/main/c/c_step_bench.c}): controls 0.5 plus Gaussian noise of sigma 0.01 from the same
 * xorshift generator, one {@code mj_step} each, one SimData per thread over one shared model.
 */
public final class StepBench {
  private StepBench() {}

  /** Aggregate {@code mj_step}/s over {@code threads} threads for about {@code seconds}. */
  public static double stepsPerSecond(SimModel model, double seconds, int threads) {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Double>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = 0x9E3779B97F4A7C15L * (1 + t);
        futures.add(pool.submit(() -> loop(model, seconds, seed)));
      }
      double total = 0;
      for (Future<Double> f : futures) total += f.get();
      return total;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double loop(SimModel model, double seconds, long seed) {
    try (SimData d = model.makeData()) {
      long[] s = {seed};
      int nu = model.nu;
      long steps = 0;
      long t0 = System.nanoTime();
      long end = t0 + (long) (seconds * 1e9);
      while (true) {
        for (int k = 0; k < 100; k++) {
          for (int i = 0; i < nu; i++) {
            double g = Math.sqrt(-2 * Math.log(uniform(s))) * Math.cos(2 * Math.PI * uniform(s));
            d.ctrl.set(i, 0.5 + 0.01 * g);
          }
          d.step();
          steps++;
        }
        if (System.nanoTime() > end) break;
      }
      return steps / ((System.nanoTime() - t0) * 1e-9);
    }
  }

  // xorshift64*, uniform in (0, 1): identical to the C reference
  private static double uniform(long[] s) {
    long x = s[0];
    x ^= x >>> 12;
    x ^= x << 25;
    x ^= x >>> 27;
    s[0] = x;
    return ((x * 2685821657736338717L) >>> 11) * (1.0 / 9007199254740992.0) + 1e-300;
  }
}
