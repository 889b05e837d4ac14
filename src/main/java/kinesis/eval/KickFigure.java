package kinesis.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The penalty kick's bar chart (like the paper's Fig. 4C): success rate per goalkeeper strategy,
 * with effort beside it.
 */
public final class KickFigure {
  private KickFigure() {}

  /** Writes the PNG from {@code strategy → summary} ({@link KickEvaluator#summary}). */
  public static void write(Path file, Map<String, Map<String, Object>> byStrategy, String title) {
    List<String> names = new ArrayList<>();
    List<Double> success = new ArrayList<>(), effort = new ArrayList<>();
    for (var e : byStrategy.entrySet()) {
      names.add(e.getKey() + " (" + e.getValue().get("kicks") + ")");
      success.add(100 * (double) e.getValue().get("success_rate"));
      effort.add(100 * (double) e.getValue().get("effort"));
    }
    CategoryChart bars =
        new CategoryChartBuilder()
            .width(900)
            .height(440)
            .title(title)
            .xAxisTitle("goalkeeper strategy (kicks)")
            .yAxisTitle("%")
            .build();
    bars.addSeries("success (goal, body up)", names, success);
    bars.addSeries("effort (mean squared activation × 100)", names, effort);
    bars.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    try {
      BitmapEncoder.saveBitmap(bars, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
