package kinesis.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Independent trials on several threads: each thread makes its own worker (a controller, say) and
 * takes trial indices in turn; results come back in trial order, so they do not depend on the
 * thread count as long as each trial derives its randomness from its index.
 */
final class Trials {
  private Trials() {}

  static <W, R> List<R> run(
      int n, int threads, Supplier<W> workers, BiFunction<W, Integer, R> trial) {
    Object[] out = new Object[n];
    AtomicInteger next = new AtomicInteger();
    int t = Math.max(1, Math.min(threads, n));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            t,
            r -> {
              Thread th = new Thread(r, "kinesis-eval");
              th.setDaemon(true);
              return th;
            });
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int w = 0; w < t; w++) {
        jobs.add(
            pool.submit(
                () -> {
                  try {
                    W worker = workers.get();
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement())
                      out[i] = trial.apply(worker, i);
                  } catch (RuntimeException | Error e) {
                    // one failure ends the evaluation: the others stop after their trial
                    next.set(n);
                    throw e;
                  }
                }));
      }
      for (Future<?> f : jobs) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } finally {
      // the workers use the caller's native resources (a scene, a model), which the caller frees
      // once this returns or throws: hand out no further trials and wait for the running ones
      next.set(n);
      pool.close(); // shuts down and waits, also through an interrupt
    }
    @SuppressWarnings("unchecked")
    List<R> results = (List<R>) Arrays.asList(out);
    return List.copyOf(results);
  }
}
