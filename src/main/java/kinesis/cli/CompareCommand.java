package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.rl.MetricsLog;
import kinesis.rl.RunComparison;
import kinesis.rl.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis compare}: training runs side by side at equal samples.
 *
 * <pre>
 *   ./kinesis compare RUN RUN… [--metrics a,b] [--at 2M,4M] [--window 250k] [--png FILE] [--json]
 * </pre>
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compare training runs at equal samples: each metric's mean within a window around each mark, as Markdown tables (or JSON) and a PNG of the curves.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "Run directories (or their metrics.csv).")
  List<Path> inputs;

  @Option(
      names = "--metrics",
      split = ",",
      description =
          "Metric columns (default: the clip-set Table I probes, frame-0 coverage, training episode length and coverage, those present).")
  List<String> metrics;

  @Option(
      names = "--at",
      split = ",",
      description = "Sample counts to compare at, e.g. 2M,4M,500k (default: up to 8 round marks).")
  List<String> at;

  @Option(
      names = "--window",
      defaultValue = "250k",
      description = "Half-width of the averaging window (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--png", description = "Also draw the curves into this PNG.")
  Path png;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    List<RunComparison.Run> runs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path in : inputs) {
      Path file = Files.isDirectory(in) ? in.resolve("metrics.csv") : in;
      Path dir = Files.isDirectory(in) ? in : in.toAbsolutePath().getParent();
      String name = dir.toAbsolutePath().normalize().getFileName().toString();
      for (int k = 2; !names.add(name); k++) name = name.replaceAll("#\\d+$", "") + "#" + k;
      runs.add(new RunComparison.Run(name, MetricsLog.read(file), parentSamples(dir)));
    }
    RunComparison c =
        new RunComparison(
            runs, metrics != null ? metrics : RunComparison.defaultMetrics(runs), count(window));
    List<Double> marks = new ArrayList<>();
    if (at != null) for (String a : at) marks.add(count(a));
    else marks.addAll(c.defaultMarks(8));
    if (png != null) c.plot(png);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("runs", runs.stream().map(RunComparison.Run::name).toList());
      out.put("window", c.window());
      out.put("offsets", offsets(runs));
      out.put("metrics", c.table(marks));
      if (png != null) out.put("png", png.toString());
      System.out.println(Json.write(out));
    } else {
      offsets(runs)
          .forEach(
              (name, o) ->
                  System.out.printf(
                      "%s started from a checkpoint: its samples count on from %s%n%n",
                      name, RunComparison.count(o)));
      System.out.print(c.markdown(marks));
      if (png != null) System.out.println("wrote " + png);
    }
    return 0;
  }

  /**
   * The samples of the checkpoint a run started from ({@code init_samples} in its {@code
   * config.yaml}); 0 for a run from scratch or a bare metrics file.
   */
  static double parentSamples(Path dir) {
    Path config = dir.resolve("config.yaml");
    if (!Files.isRegularFile(config)) return 0;
    String v = RunConfig.load(config).env().get("init_samples");
    if (v == null) return 0;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new BadInputException(config, "init_samples '" + v + "' is not a sample count");
    }
  }

  /** {run: offset} for the runs that count on from a parent. */
  private static Map<String, Double> offsets(List<RunComparison.Run> runs) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (var r : runs) if (r.offset() > 0) m.put(r.name(), r.offset());
    return m;
  }

  /** A sample count: a number with an optional k or M suffix (4M, 250k, 1.5e6). */
  static double count(String s) {
    String t = s.trim();
    double scale = 1;
    if (t.endsWith("M") || t.endsWith("m")) scale = 1e6;
    else if (t.endsWith("k") || t.endsWith("K")) scale = 1e3;
    if (scale != 1) t = t.substring(0, t.length() - 1);
    try {
      double v = Double.parseDouble(t) * scale;
      if (!(v >= 0) || Double.isInfinite(v)) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "'" + s + "' is not a sample count (a number, optionally with k or M: 250k, 4M)");
    }
  }
}
