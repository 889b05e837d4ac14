package kinesis.rl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.TfEvents;

/**
 * {@code metrics.csv}: one row per iteration, CleanRL metric names as columns. Rows are also kept
 * in memory for plots, and written as TensorBoard scalars (step = {@code global_step}) to an event
 * file beside the CSV, a new one per process. Resuming truncates CSV rows after the checkpoint's
 * iteration; TensorBoard then shows the repeated iterations twice.
 */
public final class MetricsLog implements AutoCloseable {
  private final Path file;
  private final List<String> columns;
  private final List<double[]> rows = new ArrayList<>();
  private BufferedWriter out;
  private TfEvents events;

  private MetricsLog(Path file, List<String> columns) {
    this.file = file;
    this.columns = List.copyOf(columns);
  }

  /** A new file with a header. */
  public static MetricsLog create(Path file, List<String> columns) {
    MetricsLog log = new MetricsLog(file, columns);
    AtomicFiles.writeString(file, String.join(",", columns) + "\n");
    log.open();
    return log;
  }

  /** Continues an existing file, keeping rows with {@code iteration <= lastIteration}. */
  public static MetricsLog resume(Path file, List<String> columns, long lastIteration) {
    List<String> lines = List.of();
    if (Files.isRegularFile(file)) {
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BadInputException(file, "cannot read metrics: " + e.getMessage());
      }
    }
    // columns added since the run started stay empty in its old rows; columns it no longer writes
    // (an evaluation turned off) are kept, empty from now on
    List<String> old = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
    List<String> all = new ArrayList<>(columns);
    for (String c : old) if (!all.contains(c)) all.add(c);
    MetricsLog log = new MetricsLog(file, all);
    StringBuilder kept = new StringBuilder(String.join(",", all)).append('\n');
    if (!lines.isEmpty()) {
      try {
        if (!old.contains("iteration"))
          throw new BadInputException(file, "header has no iteration column");
        int it = old.indexOf("iteration");
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.split(",", -1);
          if (f.length != old.size()) continue; // a torn last line
          String[] cells = new String[all.size()];
          java.util.Arrays.fill(cells, "");
          double[] r = new double[all.size()];
          java.util.Arrays.fill(r, Double.NaN);
          for (int i = 0; i < f.length; i++) {
            int c = all.indexOf(old.get(i));
            cells[c] = f[i];
            r[c] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
          }
          if (Double.parseDouble(f[it]) <= lastIteration) {
            log.rows.add(r);
            kept.append(String.join(",", cells)).append('\n');
          }
        }
      } catch (NumberFormatException e) {
        throw new BadInputException(file, "cannot read metrics: " + e.getMessage());
      }
    }
    AtomicFiles.writeString(file, kept.toString());
    log.open();
    return log;
  }

  /** A metrics file read back: its columns and numeric rows (read-only; torn lines skipped). */
  public record Table(List<String> columns, List<double[]> rows) {}

  /** Reads a {@code metrics.csv} without changing it. */
  public static Table read(Path file) {
    try {
      if (!Files.isRegularFile(file)) throw new BadInputException(file, "no such file");
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isBlank())
        throw new BadInputException(file, "empty: no header line");
      List<String> cols = List.of(lines.get(0).split(","));
      List<double[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        if (f.length != cols.size()) continue;
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++)
          r[i] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
        rows.add(r);
      }
      return new Table(cols, rows);
    } catch (IOException | NumberFormatException e) {
      throw new BadInputException(file, "cannot read metrics: " + e.getMessage());
    }
  }

  private void open() {
    events = TfEvents.create(file.toAbsolutePath().getParent());
    try {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<String> columns() {
    return columns;
  }

  public List<double[]> rows() {
    return rows;
  }

  /** Appends a row; missing columns are written empty. */
  public void append(Map<String, Double> values) {
    double[] r = new double[columns.size()];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      Double v = values.get(columns.get(i));
      r[i] = v == null ? Double.NaN : v;
      if (i > 0) sb.append(',');
      if (v != null && !v.isNaN()) sb.append(format(v));
    }
    rows.add(r);
    Double step = values.getOrDefault("global_step", values.get("iteration"));
    Map<String, Double> scalars = new java.util.LinkedHashMap<>(values);
    scalars.remove("iteration");
    scalars.remove("global_step");
    events.scalars(step == null ? rows.size() : step.longValue(), scalars);
    try {
      out.write(sb.append('\n').toString());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return String.format(Locale.ROOT, "%.6g", v);
  }

  @Override
  public void close() {
    try {
      if (out != null) out.close();
      if (events != null) events.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
