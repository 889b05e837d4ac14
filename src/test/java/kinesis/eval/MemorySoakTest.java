package kinesis.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resets and model loads do not leak native memory: the bytes the C allocator has in use (where
 * MuJoCo allocates) do not grow with the work. A leaked legs model with its data holds 43 MB
 * (measured), so 120 loads would show gigabytes; the bounds leave room for the JVM's own C-heap
 * use, which moves by several MB while the JIT compiles in a young process (measured: −4.7 to +6.2
 * MB over 120–300 loads, +20 kB over 20 k resets).
 */
class MemorySoakTest {
  @Test
  void residentMemoryStaysFlat() {
    Map<String, Object> r =
        MemorySoak.run("legs", 8000, 160, new PrintStream(PrintStream.nullOutputStream()));
    double resets = (double) r.get("resets_malloc_growth_kb"),
        loads = (double) r.get("loads_malloc_growth_kb");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        MemorySoak.mallocInUse() >= 0, "needs glibc's mallinfo2");
    assertTrue(resets < 16_000, "resets grew the C heap by " + resets + " kB");
    assertTrue(loads < 64_000, "120 model loads grew the C heap by " + loads + " kB");
  }
}
