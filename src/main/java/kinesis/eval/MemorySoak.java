package kinesis.eval;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationVecEnv;

/**
 * Native memory soak: many environment resets and many model loads (each {@code mjModel} and {@code
 * mjData} freed deterministically when closed), with the process's resident memory read from {@code
 * /proc/self/statm} after a warm-up (a quarter as much work again, while the allocator and the heap
 * reach their working size) and at the end. MuJoCo's memory lies outside the Java heap, so a leak
 * shows as resident growth in proportion to the work done after the warm-up.
 */
public final class MemorySoak {
  private MemorySoak() {}

  private static final MethodHandle MALLINFO2 = mallinfo2();

  private static MethodHandle mallinfo2() {
    var linker = Linker.nativeLinker();
    return linker
        .defaultLookup()
        .find("mallinfo2")
        .map(
            f ->
                linker.downcallHandle(
                    f,
                    FunctionDescriptor.of(
                        MemoryLayout.structLayout(
                            Collections.nCopies(10, ValueLayout.JAVA_LONG)
                                .toArray(MemoryLayout[]::new)))))
        .orElse(null);
  }

  /**
   * Bytes the C allocator has handed out and not taken back (glibc {@code mallinfo2}: in-use heap
   * blocks plus mmap'd blocks), or −1 where unknown. MuJoCo allocates with it; the Java heap does
   * not.
   */
  public static long mallocInUse() {
    if (MALLINFO2 == null) return -1;
    try (var arena = Arena.ofConfined()) {
      var info = (MemorySegment) MALLINFO2.invokeExact((SegmentAllocator) arena);
      return info.getAtIndex(ValueLayout.JAVA_LONG, 7) + info.getAtIndex(ValueLayout.JAVA_LONG, 4);
    } catch (Throwable t) {
      return -1;
    }
  }

  /** Resident set size of this process in bytes (Linux), or −1 where unknown. */
  public static long residentBytes() {
    try {
      String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+", 0);
      return Long.parseLong(f[1]) * 4096;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Runs {@code resets} environment resets (16 environments at a time) and {@code loads} model
   * loads; returns the figures.
   */
  public static Map<String, Object> run(
      String model, long resets, int loads, java.io.PrintStream progress) {
    Map<String, Object> r = new LinkedHashMap<>();
    try (BodyModel body = BodyModel.load(model);
        ImitationVecEnv env =
            new ImitationVecEnv(
                body,
                List.of(Clips.standing(body, 1)),
                ImitationConfig.training(ControlMode.DIRECT),
                16,
                1)) {
      float[] obs = new float[env.numEnvs() * env.obsDim()];
      long rounds = Math.max(2, resets / env.numEnvs());
      for (long i = 0; i < rounds / 4; i++)
        env.reset(i, obs); // warm-up: allocator and heap reach their working size
      settle();
      long before = residentBytes(), mallocBefore = mallocInUse(), t0 = System.nanoTime();
      for (long i = 0; i < rounds; i++) env.reset(i, obs);
      settle();
      long after = residentBytes();
      r.put("resets_malloc_growth_kb", (mallocInUse() - mallocBefore) / 1e3);
      r.put("resets", rounds * env.numEnvs());
      r.put("resets_seconds", (System.nanoTime() - t0) * 1e-9);
      r.put("resets_resident_growth_mb", (after - before) / 1e6);
      progress.printf(
          "%,d resets: resident memory %+.1f MB, C heap in use %+.1f kB%n",
          rounds * env.numEnvs(),
          (after - before) / 1e6,
          (double) r.get("resets_malloc_growth_kb"));
    }
    for (int i = 0; i < Math.max(10, loads / 4); i++) BodyModel.load(model).close(); // warm-up
    settle();
    long before = residentBytes(), mallocBefore = mallocInUse(), t0 = System.nanoTime();
    List<Double> trend =
        new java.util.ArrayList<>(); // resident growth (MB) after each tenth of the loads
    for (int i = 0; i < loads; i++) {
      try (BodyModel b = BodyModel.load(model);
          var d = b.sim.makeData()) {
        d.forward();
      }
      if ((i + 1) % Math.max(1, loads / 10) == 0) trend.add((residentBytes() - before) / 1e6);
    }
    settle();
    long after = residentBytes();
    r.put("loads_resident_growth_trend_mb", trend);
    r.put("loads_malloc_growth_kb", (mallocInUse() - mallocBefore) / 1e3);
    r.put("model_loads", loads);
    r.put("loads_seconds", (System.nanoTime() - t0) * 1e-9);
    r.put("loads_resident_growth_mb", (after - before) / 1e6);
    r.put("resident_mb_at_end", after / 1e6);
    progress.printf(
        "%,d model loads (with one mjData each): resident memory %+.1f MB, C heap in use %+.1f kB%n",
        loads, (after - before) / 1e6, (double) r.get("loads_malloc_growth_kb"));
    return r;
  }

  /** Lets the heap shrink back so that only lasting growth is measured. */
  private static void settle() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
