package kinesis.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a measurement ran on, for benchmark reports (timings differ 2–3× between machines).
 */
public final class Machine {
  private Machine() {}

  /** The CPU model from /proc/cpuinfo, else the architecture's name. */
  public static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo")))
        if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  /** {@code report} preceded by {@code cpu_model} and {@code cores} (cores this JVM may use). */
  public static Map<String, Object> describe(Map<String, Object> report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cpu_model", cpuModel());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    report.forEach(out::putIfAbsent);
    return out;
  }
}
