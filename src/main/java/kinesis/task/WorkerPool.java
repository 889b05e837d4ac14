package kinesis.task;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run one task per call, {@code task.accept(t)} for t = 0..T−1, the
 * calling thread doing t = 0. Allocation-free per call (no futures, no barrier generations):
 * workers wait on a volatile generation counter, spinning briefly and then parking. Steps the
 * environments of a {@link TaskVecEnv} and splits the matrix products of {@code kinesis.nn}.
 */
public final class WorkerPool implements AutoCloseable {
  private static final int SPINS = 2_000;
  private final Thread[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile IntConsumer task;
  private volatile int generation;
  private volatile boolean closed;
  private volatile Thread caller;
  private volatile Throwable failure;

  public WorkerPool(int threads, String name) {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
    workers = new Thread[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      int t = i + 1;
      workers[i] = Thread.ofPlatform().daemon().name(name + "-" + t).start(() -> loop(t));
    }
  }

  public int threads() {
    return workers.length + 1;
  }

  /**
   * Runs {@code task} for every thread index and returns when all are done; rethrows a worker's
   * failure.
   */
  // generation++ is not atomic, and need not be: only the one thread that calls run writes it
  @SuppressWarnings("NonAtomicVolatileUpdate")
  public void run(IntConsumer job) {
    if (closed) throw new IllegalStateException("worker pool is closed");
    if (workers.length == 0) {
      job.accept(0);
      return;
    }
    task = job;
    caller = Thread.currentThread();
    failure = null;
    pending.set(workers.length);
    generation++;
    for (Thread w : workers) LockSupport.unpark(w);
    Throwable own = null;
    try {
      job.accept(0);
    } catch (Throwable e) {
      own = e;
    }
    for (int spin = 0; pending.get() > 0; spin++) {
      if (spin < SPINS) Thread.onSpinWait();
      else LockSupport.park(this);
    }
    task = null; // holds nothing of the caller's between calls (a pool's owner can be collected)
    Throwable f = own != null ? own : failure;
    if (f instanceof RuntimeException r) throw r;
    if (f instanceof Error e) throw e;
    if (f != null) throw new IllegalStateException(f);
  }

  private void loop(int t) {
    int seen = 0;
    while (true) {
      for (int spin = 0; generation == seen && !closed; spin++) {
        if (spin < SPINS) Thread.onSpinWait();
        else LockSupport.park(this);
      }
      if (closed) return;
      seen = generation;
      try {
        task.accept(t);
      } catch (Throwable e) {
        failure = e;
      }
      if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) LockSupport.unpark(w);
    for (Thread w : workers) {
      try {
        w.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
