package kinesis.rl;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The training curves as one PNG (a grid of XChart panels against global_step). */
public final class Plots {
  private Plots() {}

  private static final String[][] PANELS = {
    {"charts/episodic_return"},
    {"charts/episodic_length"},
    {"losses/value_loss", "losses/policy_loss"},
    {"losses/approx_kl", "losses/clipfrac"},
    {"charts/frame_coverage"},
    {"charts/SPS"},
    {"eval/coverage_train", "eval/coverage_paper"},
    {"eval/mpjpe_paper_mm"},
    {"eval/set_coverage_paper", "eval/set_success_paper"},
    {"eval/test_coverage_paper", "eval/test_success_paper"},
    {"eval/skill_coverage_*"},
    {"charts/policy_learning_rate"},
    {"env/assist_scale", "env/termination_progress"}
  };

  /** Size of one panel, pixels. */
  static final int WIDTH = 480, HEIGHT = 320;

  /**
   * One chart per panel that has data, against samples in millions: the x axis runs from 0 to a
   * round number at or above the last sample count, so its ticks are round steps (1, 2 or 5 × 10^n)
   * that XChart spaces so their labels fit side by side, level.
   */
  static List<XYChart> charts(List<String> columns, List<double[]> rows) {
    int x = columns.indexOf("global_step");
    List<XYChart> charts = new ArrayList<>();
    for (String[] panel : PANELS) {
      XYChart chart =
          new XYChartBuilder()
              .width(WIDTH)
              .height(HEIGHT)
              .title(String.join(", ", panel))
              .xAxisTitle("samples (millions)")
              .build();
      chart.getStyler().setLegendVisible(panel.length > 1 || panel[0].endsWith("*"));
      chart.getStyler().setMarkerSize(3);
      chart.getStyler().setXAxisDecimalPattern("0.###");
      double last = 0;
      for (String name : expand(panel, columns)) {
        int c = columns.indexOf(name);
        if (c < 0) continue;
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (double[] r : rows) {
          if (Double.isFinite(r[c]) && Double.isFinite(r[x])) {
            xs.add(r[x] / 1e6);
            ys.add(r[c]);
          }
        }
        if (xs.isEmpty()) continue;
        if (name.startsWith("env/") && ys.stream().distinct().count() == 1)
          continue; // a training aid that is off
        chart
            .addSeries(name, xs, ys)
            .setMarker(xs.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        last = Math.max(last, xs.stream().mapToDouble(Double::doubleValue).max().orElse(0));
      }
      if (chart.getSeriesMap().isEmpty()) continue;
      chart.getStyler().setXAxisMin(0.0);
      chart.getStyler().setXAxisMax(roundUp(last));
      charts.add(chart);
    }
    return charts;
  }

  /** The panel's names, a name ending in {@code *} standing for every column it begins. */
  private static List<String> expand(String[] panel, List<String> columns) {
    List<String> out = new ArrayList<>();
    for (String name : panel) {
      if (!name.endsWith("*")) out.add(name);
      else
        for (String c : columns) if (c.startsWith(name.substring(0, name.length() - 1))) out.add(c);
    }
    return out;
  }

  /**
   * The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^n above {@code v}: at most a quarter
   * of the axis empty, and a bound that is not a sample count (XChart puts the ticks of evenly
   * spaced samples on samples, at uneven values such as 1.9 and 3.9).
   */
  static double roundUp(double v) {
    if (!(v > 0)) return 1;
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10})
      if (m * p > v * (1 + 1e-9)) return m * p;
    return 10 * p;
  }

  /** Writes {@code file} (PNG) from the metric rows; panels without data are left out. */
  public static void write(Path file, List<String> columns, List<double[]> rows) {
    writeGrid(file, charts(columns, rows));
  }

  /** Writes the charts as a PNG grid two panels wide; nothing when there are none. */
  static void writeGrid(Path file, List<XYChart> charts) {
    if (charts.isEmpty()) return;
    int cols = 2, w = WIDTH, h = HEIGHT, gridRows = (charts.size() + cols - 1) / cols;
    BufferedImage img = new BufferedImage(cols * w, gridRows * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < charts.size(); i++) {
      Graphics2D sub = (Graphics2D) g.create((i % cols) * w, (i / cols) * h, w, h);
      charts.get(i).paint(sub, w, h);
      sub.dispose();
    }
    g.dispose();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      ImageIO.write(img, "png", tmp.toFile());
      kinesis.io.AtomicFiles.move(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + file, e);
    }
  }
}
