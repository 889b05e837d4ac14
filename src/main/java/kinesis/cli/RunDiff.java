package kinesis.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kinesis.rl.Checkpoint;

/**
 * Compares what two runs of the same work, in folders {@code a} and {@code b}, left behind, byte
 * for byte where the bytes are deterministic: every file of each run's newest checkpoint, the
 * mining manifest, and the metrics without their timing columns. JSON files are compared as text
 * with the run's own folder written as {@code <root>} (they record absolute paths of experts), a
 * {@code manifest.json} without its {@code created} time.
 */
final class RunDiff {
  private RunDiff() {}

  /** Metrics columns that hold wall-clock times (they differ between any two runs). */
  static final Set<String> TIMING_COLUMNS = Set.of("charts/SPS", "time/rollout_s", "time/update_s");

  /** The outcome: files compared and, for each that differs or is missing, one line. */
  record Result(int filesCompared, List<String> differences) {
    boolean identical() {
      return differences.isEmpty() && filesCompared > 0;
    }
  }

  /**
   * Compares the runs {@code runs} (relative folders, each with checkpoints/) and the plain files
   * {@code files} under {@code a} and {@code b}.
   */
  static Result compare(Path a, Path b, List<String> runs, List<String> files) {
    List<String> diffs = new ArrayList<>();
    int[] compared = {0};
    Roots roots = new Roots(a, b);
    for (String f : files) compareFile(a.resolve(f), b.resolve(f), f, roots, diffs, compared);
    for (String run : runs) {
      List<Path> ca = Checkpoint.list(a.resolve(run).resolve("checkpoints")),
          cb = Checkpoint.list(b.resolve(run).resolve("checkpoints"));
      if (ca.isEmpty() || cb.isEmpty()) {
        diffs.add(run + ": no checkpoint in " + (ca.isEmpty() ? a : b));
        continue;
      }
      Path na = ca.get(ca.size() - 1), nb = cb.get(cb.size() - 1);
      if (!na.getFileName().equals(nb.getFileName())) {
        diffs.add(run + ": newest checkpoint " + na.getFileName() + " vs " + nb.getFileName());
        continue;
      }
      for (String rel : tree(na))
        compareFile(
            na.resolve(rel),
            nb.resolve(rel),
            run + "/checkpoints/" + na.getFileName() + "/" + rel,
            roots,
            diffs,
            compared);
      for (String rel : tree(nb))
        if (!Files.exists(na.resolve(rel)))
          diffs.add(run + "/checkpoints/" + nb.getFileName() + "/" + rel + ": only in " + b);
      compareMetrics(
          a.resolve(run).resolve("metrics.csv"),
          b.resolve(run).resolve("metrics.csv"),
          run + "/metrics.csv",
          diffs,
          compared);
    }
    return new Result(compared[0], diffs);
  }

  private static List<String> tree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Roots(Path a, Path b) {}

  private static void compareFile(
      Path fa, Path fb, String name, Roots roots, List<String> diffs, int[] compared) {
    if (!Files.isRegularFile(fa) || !Files.isRegularFile(fb)) {
      diffs.add(
          name + ": missing in " + (Files.isRegularFile(fa) ? fb.getParent() : fa.getParent()));
      return;
    }
    compared[0]++;
    String file = fa.getFileName().toString();
    boolean same =
        file.endsWith(".json")
            ? json(fa, roots.a(), file).equals(json(fb, roots.b(), file))
            : Arrays.equals(read(fa), read(fb));
    if (!same) diffs.add(name + ": differs");
  }

  /**
   * The JSON text with the root folder as {@code <root>}; a checkpoint manifest without its
   * creation time.
   */
  private static String json(Path f, Path root, String name) {
    String text =
        new String(read(f), java.nio.charset.StandardCharsets.UTF_8)
            .replace(root.toAbsolutePath().toString(), "<root>");
    return name.equals("manifest.json")
        ? text.replaceFirst("\"created\" : \"[^\"]*\"", "\"created\" : \"\"")
        : text;
  }

  /** Metrics rows equal once the timing columns are blanked. */
  private static void compareMetrics(
      Path fa, Path fb, String name, List<String> diffs, int[] compared) {
    if (!Files.isRegularFile(fa) || !Files.isRegularFile(fb)) {
      diffs.add(name + ": missing");
      return;
    }
    compared[0]++;
    List<String> la = withoutTiming(fa), lb = withoutTiming(fb);
    if (!la.equals(lb))
      diffs.add(
          name
              + ": differs ("
              + la.size()
              + " vs "
              + lb.size()
              + " lines, timing columns left out)");
  }

  static List<String> withoutTiming(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lines.isEmpty()) return lines;
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<String> out = new ArrayList<>();
    for (int row = 0; row < lines.size(); row++) {
      String[] cells = lines.get(row).split(",", -1);
      for (int i = 0; i < cells.length && i < header.size(); i++)
        if (TIMING_COLUMNS.contains(header.get(i)) && row > 0) cells[i] = "";
      out.add(String.join(",", cells));
    }
    return out;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
