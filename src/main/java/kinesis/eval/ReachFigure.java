package kinesis.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kinesis.io.AtomicFiles;

/**
 * The success heatmap of goal reaching (like the paper's Fig. 4B): success fraction per cell of
 * goal positions relative to the start, the body at the centre facing up (forward = up, left =
 * left).
 */
public final class ReachFigure {
  private ReachFigure() {}

  private static final int CELL = 48, MARGIN = 70;

  /**
   * Writes the PNG; {@code grid[row = left][col = forward]} from {@link ReachEvaluator#heatmap}.
   */
  public static void write(Path file, double[][] grid, double range, String title) {
    int n = grid.length, side = n * CELL, w = side + 2 * MARGIN + 60, h = side + 2 * MARGIN;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    // cells: forward grows upward, left grows leftward
    for (int row = 0; row < n; row++) {
      for (int col = 0; col < n; col++) {
        double v = grid[row][col];
        int x = MARGIN + (n - 1 - row) * CELL, y = MARGIN + (n - 1 - col) * CELL;
        g.setColor(Double.isNaN(v) ? new Color(230, 230, 230) : shade(v));
        g.fillRect(x, y, CELL, CELL);
        if (!Double.isNaN(v)) {
          g.setColor(v > 0.6 ? Color.WHITE : Color.BLACK);
          g.drawString(String.format("%.0f", 100 * v), x + CELL / 2 - 8, y + CELL / 2 + 5);
        }
      }
    }
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1));
    g.drawRect(MARGIN, MARGIN, side, side);
    // the start: a triangle facing forward
    int cx = MARGIN + side / 2, cy = MARGIN + side / 2;
    g.setColor(Color.RED);
    g.fillPolygon(new int[] {cx, cx - 7, cx + 7}, new int[] {cy - 10, cy + 7, cy + 7}, 3);
    g.setColor(Color.BLACK);
    g.drawString(title, MARGIN, MARGIN - 40);
    g.drawString(
        "goal forward of the start (m), from " + fmt(-range) + " to " + fmt(range) + " upward",
        MARGIN,
        MARGIN - 22);
    g.drawString(
        "goal to the left (m): "
            + fmt(range)
            + " at the left edge, "
            + fmt(-range)
            + " at the right",
        MARGIN,
        h - MARGIN + 24);
    g.drawString("success % per cell (grey: no trial)", MARGIN, h - MARGIN + 42);
    // colour bar
    for (int i = 0; i <= 100; i++) {
      g.setColor(shade(i / 100.0));
      g.fillRect(
          MARGIN + side + 20,
          MARGIN + side - (int) (i / 100.0 * side),
          20,
          Math.max(2, side / 100 + 1));
    }
    g.setColor(Color.BLACK);
    g.drawString("100 %", MARGIN + side + 44, MARGIN + 10);
    g.drawString("0 %", MARGIN + side + 44, MARGIN + side);
    g.dispose();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(img, "png", bytes);
      AtomicFiles.writeBytes(file, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** White (0) to dark blue (1). */
  private static Color shade(double v) {
    double t = Math.max(0, Math.min(1, v));
    return new Color((int) (255 - 225 * t), (int) (255 - 170 * t), (int) (255 - 80 * t));
  }

  private static String fmt(double v) {
    return String.format("%+.1f", v);
  }
}
