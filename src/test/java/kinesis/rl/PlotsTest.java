package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import kinesis.io.Assets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The training figure's content: which panels and series, the axes' ranges, and x labels that stand
 * apart.
 */
class PlotsTest {
  static final List<String> COLUMNS =
      List.of(
          "iteration",
          "global_step",
          "charts/episodic_return",
          "losses/value_loss",
          "losses/policy_loss",
          "env/assist_scale");

  /**
   * {@code n} iterations of 4,096 samples: return i, value loss 1/i, policy loss −i, an assist that
   * stays 0.
   */
  static List<double[]> rows(int n) {
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) rows.add(new double[] {i, 4096.0 * i, i, 1.0 / i, -i, 0});
    return rows;
  }

  @Test
  void panelsSeriesAndAxesFollowTheMetrics() {
    List<XYChart> charts =
        Plots.charts(COLUMNS, rows(4520)); // 18.5 M samples, as the committed locomotion run
    assertEquals(
        List.of("charts/episodic_return", "losses/value_loss, losses/policy_loss"),
        charts.stream().map(c -> c.getTitle()).toList(),
        "panels without data and a constant training aid are left out");
    assertEquals(1, charts.get(0).getSeriesMap().size());
    assertEquals(2, charts.get(1).getSeriesMap().size());
    for (XYChart c : charts) {
      assertEquals(0.0, c.getStyler().getXAxisMin());
      assertEquals(
          20.0,
          c.getStyler().getXAxisMax(),
          "18.5 M samples: the axis ends at the next round number");
    }
    XYSeries ret = charts.get(0).getSeriesMap().get("charts/episodic_return");
    assertEquals(4520, ret.getXData().length);
    assertEquals(4096 * 4520 / 1e6, ret.getXData()[4519], 1e-12);
    assertEquals(4520, ret.getYData()[4519]);
    XYSeries policy = charts.get(1).getSeriesMap().get("losses/policy_loss");
    assertEquals(-4520, policy.getYData()[4519]);
  }

  @Test
  void roundUpGivesTheNextRoundNumberAboveTheValue() {
    assertEquals(20, Plots.roundUp(18.5));
    assertEquals(
        2.5,
        Plots.roundUp(2.0),
        "strictly above: a bound on a sample count would put the ticks on samples");
    assertEquals(0.015, Plots.roundUp(0.012288), 1e-15);
    assertEquals(600, Plots.roundUp(501));
    assertEquals(60, Plots.roundUp(52.2), "52 M samples get an axis to 60 M, not 100 M");
    assertEquals(1, Plots.roundUp(0));
  }

  /**
   * Short runs, long runs and the committed run: the x tick labels of every panel sit at even steps
   * with gaps between them.
   */
  @Test
  void xTickLabelsDoNotOverlap() {
    for (int n : new int[] {3, 40, 4520})
      for (XYChart c : Plots.charts(COLUMNS, rows(n)))
        assertLabelsApart(render(c), c.getTitle() + ", " + n);
    MetricsLog.Table committed =
        MetricsLog.read(
            Assets.repository().resolve("docs/results/learning/locomotion-run/metrics.csv"));
    for (XYChart c : Plots.charts(committed.columns(), committed.rows()))
      assertLabelsApart(render(c), "committed run: " + c.getTitle());
  }

  /**
   * The check itself finds crowded labels: the figure committed before the fix (slanted, at every 1
   * M samples) fails it.
   */
  @Test
  void theCheckFindsTheCrowdedLabelsOfTheOldFigure() throws Exception {
    BufferedImage old =
        ImageIO.read(getClass().getResourceAsStream("training-crowded-x-labels.png"));
    assertFalse(labelsApart(old.getSubimage(0, 0, Plots.WIDTH, Plots.HEIGHT)));
  }

  @Test
  void writesThePng(@TempDir Path tmp) throws Exception {
    Path png = tmp.resolve("plots/training.png");
    Plots.write(png, COLUMNS, rows(10));
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(2 * Plots.WIDTH, img.getWidth());
    assertEquals(Plots.HEIGHT, img.getHeight(), "two panels: one row of two");
  }

  static BufferedImage render(XYChart c) {
    BufferedImage img = new BufferedImage(Plots.WIDTH, Plots.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    c.paint(g, Plots.WIDTH, Plots.HEIGHT);
    g.dispose();
    return img;
  }

  static void assertLabelsApart(BufferedImage panel, String what) {
    Band b = band(panel);
    assertTrue(
        labelsApart(panel),
        what
            + ": x tick labels in rows "
            + b.top()
            + "-"
            + b.bottom()
            + ", columns "
            + b.runs().stream().map(java.util.Arrays::toString).toList());
  }

  /**
   * Level labels (the band no taller than 1.5 lines of the tick font), at least three, at even
   * steps (±3 px), with at least 6 px between neighbours.
   */
  static boolean labelsApart(BufferedImage panel) {
    Band b = band(panel);
    List<int[]> c = b.runs();
    if (c.size() < 3 || b.bottom() - b.top() + 1 > 1.5 * TICK_FONT_PX) return false;
    double step = (centre(c.get(c.size() - 1)) - centre(c.get(0))) / (c.size() - 1);
    for (int i = 0; i < c.size(); i++) {
      if (Math.abs(centre(c.get(i)) - centre(c.get(0)) - i * step) > 3) return false;
      if (c.get(i)[1] - c.get(i)[0] + 1 > step - 6) return false;
    }
    return true;
  }

  /** XChart's default tick label font size (points = pixels at 72 dpi). */
  static final int TICK_FONT_PX = new XYChart(10, 10).getStyler().getAxisTickLabelsFont().getSize();

  private static double centre(int[] run) {
    return (run[0] + run[1]) / 2.0;
  }

  /** The rows of the x tick labels and the column ranges of their ink. */
  record Band(int top, int bottom, List<int[]> runs) {}

  /**
   * The x tick label band is the second block of inked rows counted up from the bottom (the first
   * is the axis title); ink closer than 6 px is one label.
   */
  static Band band(BufferedImage img) {
    int y = img.getHeight() - 1, top = 0, bottom = 0;
    for (int block = 0; block < 2; block++) {
      while (y >= 0 && !inkRow(img, y)) y--;
      bottom = y;
      while (y >= 0 && inkRow(img, y)) y--;
      top = y + 1;
    }
    List<int[]> runs = new ArrayList<>();
    int start = -1, lastInk = -100;
    for (int x = 0; x < img.getWidth(); x++) {
      boolean ink = false;
      for (int r = top; r <= bottom && !ink; r++) ink = dark(img.getRGB(x, r));
      if (!ink) continue;
      if (x - lastInk > 6) {
        if (start >= 0) runs.add(new int[] {start, lastInk});
        start = x;
      }
      lastInk = x;
    }
    if (start >= 0) runs.add(new int[] {start, lastInk});
    return new Band(top, bottom, runs);
  }

  private static boolean inkRow(BufferedImage img, int y) {
    for (int x = 0; x < img.getWidth(); x++) if (dark(img.getRGB(x, y))) return true;
    return false;
  }

  private static boolean dark(int rgb) {
    int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
    return r + g + b
        < 400; // text is black (grey where smoothed); the backgrounds, grid and frame are light
  }
}
