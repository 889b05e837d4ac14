package kinesis.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import kinesis.io.BadInputException;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several training runs side by side at equal samples (a recipe screen's question): each metric's
 * mean over the rows within ±{@code window} samples of a mark, so that noisy probes and
 * per-iteration values compare fairly. Rows whose value is empty (a probe not taken there) do not
 * count.
 *
 * @param runs the runs, each a name and its {@code metrics.csv}
 * @param metrics the columns compared
 * @param window half-width of the averaging window, samples
 */
public record RunComparison(List<Run> runs, List<String> metrics, double window) {
  /**
   * One run: its name, metrics table and the samples behind its first row ({@code offset}: a run
   * started from another run's checkpoint counts on from its parent's samples).
   */
  public record Run(String name, MetricsLog.Table table, double offset) {
    public Run {
      if (!table.columns().contains("global_step"))
        throw new BadInputException(name + ": metrics have no global_step column");
      if (!(offset >= 0)) throw new BadInputException(name + ": negative sample offset " + offset);
    }

    public Run(String name, MetricsLog.Table table) {
      this(name, table, 0);
    }

    /** Samples at every row (offset included), and {@code metric}'s value there (NaN if none). */
    double[][] series(String metric) {
      int x = table.columns().indexOf("global_step"), c = table.columns().indexOf(metric);
      List<double[]> rows = table.rows();
      double[][] xy = new double[2][rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        xy[0][i] = rows.get(i)[x] + offset;
        xy[1][i] = c < 0 ? Double.NaN : rows.get(i)[c];
      }
      return xy;
    }
  }

  /** What a comparison shows when no metric is named: Table I on the clip set, then training. */
  static final List<String> DEFAULT_METRICS =
      List.of(
          "eval/set_coverage_paper",
          "eval/set_success_paper",
          "eval/set_mpjpe_paper_mm",
          "eval/test_coverage_paper",
          "eval/coverage_paper",
          "charts/episodic_length",
          "charts/frame_coverage");

  public RunComparison {
    if (runs.isEmpty()) throw new BadInputException("no runs to compare");
    if (!(window > 0)) throw new BadInputException("the window must be positive");
    for (String m : metrics) {
      if (runs.stream().noneMatch(r -> r.table().columns().contains(m)))
        throw new BadInputException(
            "no run has the metric '" + m + "'; the first has: " + runs.get(0).table().columns());
    }
    runs = List.copyOf(runs);
    metrics = List.copyOf(metrics);
  }

  /** The default metrics that at least one run has, in {@link #DEFAULT_METRICS} order. */
  public static List<String> defaultMetrics(List<Run> runs) {
    return DEFAULT_METRICS.stream()
        .filter(m -> runs.stream().anyMatch(r -> r.table().columns().contains(m)))
        .toList();
  }

  /**
   * Mean of {@code metric} over the rows of {@code run} within the window around {@code mark}
   * samples; NaN when no such row has a value.
   */
  public double at(Run run, String metric, double mark) {
    double[][] xy = run.series(metric);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < xy[0].length; i++) {
      if (Math.abs(xy[0][i] - mark) <= window && Double.isFinite(xy[1][i])) {
        sum += xy[1][i];
        n++;
      }
    }
    return n > 0 ? sum / n : Double.NaN;
  }

  /**
   * The window mean of {@link #at} at every finite value of the series, as {x, mean} (sorted by
   * samples; prefix sums, so long runs draw quickly).
   */
  public double[][] smoothed(Run run, String metric) {
    double[][] xy = run.series(metric);
    Integer[] order =
        IntStream.range(0, xy[0].length)
            .filter(i -> Double.isFinite(xy[1][i]))
            .boxed()
            .sorted(Comparator.comparingDouble(i -> xy[0][i]))
            .toArray(Integer[]::new);
    int n = order.length;
    double[] xs = new double[n], prefix = new double[n + 1];
    for (int k = 0; k < n; k++) {
      xs[k] = xy[0][order[k]];
      prefix[k + 1] = prefix[k] + xy[1][order[k]];
    }
    double[][] out = new double[2][n];
    for (int k = 0, lo = 0, hi = 0; k < n; k++) {
      while (xs[lo] < xs[k] - window) lo++;
      while (hi < n && xs[hi] <= xs[k] + window) hi++;
      out[0][k] = xs[k];
      out[1][k] = (prefix[hi] - prefix[lo]) / (hi - lo);
    }
    return out;
  }

  /**
   * Round marks (multiples of a 1, 2 or 5 × 10^n step, at most {@code count}) from the first step
   * up to the largest sample count of any run.
   */
  public List<Double> defaultMarks(int count) {
    double last = 0;
    for (Run r : runs) for (double x : r.series("global_step")[0]) last = Math.max(last, x);
    if (!(last > 0)) return List.of();
    double step = niceStep(last / count);
    List<Double> marks = new ArrayList<>();
    for (int k = 1; k * step <= last * (1 + 1e-9); k++) marks.add(k * step);
    return marks;
  }

  /** The smallest of 1, 2 or 5 × 10^n at or above {@code v}. */
  static double niceStep(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5}) if (m * p >= v * (1 - 1e-9)) return m * p;
    return 10 * p;
  }

  /** {metric: {"samples": marks, run: [value or null per mark]}}. */
  public Map<String, Object> table(List<Double> marks) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String m : metrics) {
      Map<String, Object> perRun = new LinkedHashMap<>();
      perRun.put("samples", marks);
      for (Run r : runs) {
        List<Double> v = new ArrayList<>();
        for (double mark : marks) {
          double a = at(r, m, mark);
          v.add(Double.isFinite(a) ? a : null);
        }
        perRun.put(r.name(), v);
      }
      out.put(m, perRun);
    }
    return out;
  }

  /** One Markdown table per metric: a row per mark, a column per run ("—" where no data). */
  public String markdown(List<Double> marks) {
    StringBuilder s = new StringBuilder();
    for (String m : metrics) {
      s.append(String.format(Locale.ROOT, "%s (mean within ±%s samples)%n%n", m, count(window)));
      s.append("| samples |");
      for (Run r : runs) s.append(' ').append(r.name()).append(" |");
      s.append("\n|---|").append("---|".repeat(runs.size())).append('\n');
      for (double mark : marks) {
        s.append("| ").append(count(mark)).append(" |");
        for (Run r : runs) {
          double a = at(r, m, mark);
          s.append(' ').append(Double.isFinite(a) ? format(a) : "—").append(" |");
        }
        s.append('\n');
      }
      s.append('\n');
    }
    return s.toString();
  }

  /**
   * A PNG with one panel per metric and one line per run: at each of the run's values, the window
   * mean around it (the table's measure, drawn continuously).
   */
  public void plot(Path file) {
    Plots.writeGrid(file, charts());
  }

  /** The panels of {@link #plot}: one per metric that some run has. */
  List<XYChart> charts() {
    List<XYChart> charts = new ArrayList<>();
    for (String m : metrics) {
      XYChart chart =
          new XYChartBuilder()
              .width(Plots.WIDTH)
              .height(Plots.HEIGHT)
              .title(m + " (±" + count(window) + ")")
              .xAxisTitle("samples (millions)")
              .build();
      chart.getStyler().setMarkerSize(3);
      chart.getStyler().setXAxisDecimalPattern("0.###");
      // a run keeps its colour in every panel, also where another run lacks the metric
      java.awt.Color[] palette = chart.getStyler().getSeriesColors();
      double last = 0;
      for (int i = 0; i < runs.size(); i++) {
        Run r = runs.get(i);
        double[][] xy = smoothed(r, m);
        if (xy[0].length == 0) continue;
        double[] millions = Arrays.stream(xy[0]).map(v -> v / 1e6).toArray();
        chart
            .addSeries(r.name(), millions, xy[1])
            .setMarker(SeriesMarkers.NONE)
            .setLineColor(palette[i % palette.length]);
        last = Math.max(last, millions[millions.length - 1]);
      }
      if (chart.getSeriesMap().isEmpty()) continue;
      chart.getStyler().setXAxisMin(0.0);
      chart.getStyler().setXAxisMax(Plots.roundUp(last));
      charts.add(chart);
    }
    return charts;
  }

  /** A sample count as people write it: 250 k, 4 M, 1.5 M. */
  public static String count(double samples) {
    if (samples >= 1e6) return trim(samples / 1e6) + " M";
    if (samples >= 1e3) return trim(samples / 1e3) + " k";
    return trim(samples);
  }

  private static String trim(double v) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", v))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
  }
}
