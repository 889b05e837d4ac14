package kinesis.eval.emg;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import kinesis.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A figure in the manner of the paper's Fig. 5 for one data set: one panel per channel with the
 * simulated and the human (subject-mean) gait-averaged curves, each scaled to its own peak (r does
 * not depend on scale), the joint angles where the data set has them, and a last panel with the
 * distribution of mean correlations: model vs each subject beside the human-to-human pairs.
 */
public final class EmgFigure {
  private EmgFigure() {}

  private static final int PANEL_W = 360, PANEL_H = 240, COLUMNS = 4;
  private static final Color SIM = new Color(0xD9, 0x5F, 0x02), HUMAN = new Color(0x1B, 0x3A, 0x6B);

  /** Writes the figure as PNG. */
  public static void write(EmgBenchmark.Result r, Path png) {
    System.setProperty("java.awt.headless", "true");
    List<XYChart> panels = new ArrayList<>();
    double[] x = axis(r.data().normalisation().points);
    String xTitle =
        r.data().normalisation() == TimeNormalisation.CYCLE_100
            ? "% gait cycle"
            : "stance 0-100, swing 100-200";
    for (int c = 0; c < r.channels().size(); c++) {
      double rr = r.r().length == 1 ? r.r()[0][c] : meanFinite(r, c);
      XYChart ch =
          panel(
              r.channels().get(c)
                  + "  r = "
                  + (Double.isFinite(rr) ? String.format("%.2f", rr) : "n/a"),
              xTitle,
              "scaled activity");
      line(ch, "model", x, scaled(r.sim()[c]), SIM);
      line(ch, "human", x, scaled(r.human()[c]), HUMAN);
      panels.add(ch);
    }
    double[] x100 = axis(100);
    for (var e : r.simJoints().entrySet()) {
      XYChart ch =
          panel(
              e.getKey() + "  error " + String.format("%.1f", r.mpjae().get(e.getKey())) + " deg",
              "% gait cycle",
              "deg");
      line(ch, "model", x100, e.getValue(), SIM);
      line(ch, "human", x100, r.data().joints().get(e.getKey()), HUMAN);
      panels.add(ch);
    }
    panels.add(distribution(r));
    AtomicFiles.writeBytes(png, png(panels));
  }

  /** Strip plot: x = 1 human pairs, x = 2 model vs subjects; horizontal jitter is deterministic. */
  private static XYChart distribution(EmgBenchmark.Result r) {
    XYChart ch = panel("mean r over muscles", "1 = human-human   2 = model-human", "r");
    double[] hh = r.baseline().pairMeans();
    double[] model = r.subjectMeans();
    if (hh.length > 0) strip(ch, "H-H (" + hh.length + ")", 1, hh, HUMAN);
    strip(ch, "model (" + model.length + ")", 2, model, SIM);
    ch.getStyler().setXAxisMin(0.5).setXAxisMax(2.5).setYAxisMin(-1.0).setYAxisMax(1.0);
    ch.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    return ch;
  }

  private static void strip(XYChart ch, String name, double at, double[] ys, Color color) {
    double[] xs = new double[ys.length];
    for (int i = 0; i < ys.length; i++) xs[i] = at + 0.25 * (((i * 0.618034) % 1.0) - 0.5);
    XYSeries s = ch.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
  }

  private static XYChart panel(String title, String xTitle, String yTitle) {
    XYChart ch =
        new XYChartBuilder()
            .width(PANEL_W)
            .height(PANEL_H)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler s = ch.getStyler();
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    ch.getStyler().setMarkerSize(5);
    return ch;
  }

  private static void line(XYChart ch, String name, double[] x, double[] y, Color color) {
    XYSeries s = ch.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
  }

  private static byte[] png(List<XYChart> panels) {
    int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
    BufferedImage img =
        new BufferedImage(COLUMNS * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(
          BitmapEncoder.getBufferedImage(panels.get(i)),
          (i % COLUMNS) * PANEL_W,
          (i / COLUMNS) * PANEL_H,
          null);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] axis(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = i;
    return x;
  }

  /** A curve divided by its peak absolute value (unchanged if all zero). */
  private static double[] scaled(double[] y) {
    double peak = 0;
    for (double v : y) peak = Math.max(peak, Math.abs(v));
    double[] out = y.clone();
    if (peak > 0) for (int i = 0; i < out.length; i++) out[i] /= peak;
    return out;
  }

  private static double meanFinite(EmgBenchmark.Result r, int c) {
    double s = 0;
    for (double[] row : r.r()) s += Double.isFinite(row[c]) ? row[c] : 0;
    return s / r.r().length;
  }
}
