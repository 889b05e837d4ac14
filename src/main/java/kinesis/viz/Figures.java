package kinesis.viz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.rl.MetricsLog;
import kinesis.rl.Plots;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;

/**
 * PNG figures readable without the tool: training curves of a run, per-skill results of an
 * evaluation.
 */
public final class Figures {
  private Figures() {}

  /** Training curves from {@code RUN/metrics.csv} into {@code out} (PNG). */
  public static void training(Path metricsCsv, Path out) {
    MetricsLog.Table t = MetricsLog.read(metricsCsv);
    if (t.rows().isEmpty()) throw new BadInputException(metricsCsv, "no iterations logged yet");
    Plots.write(out, t.columns(), t.rows());
  }

  /**
   * From an evaluation's {@code results.json}: per-skill success and frame coverage bars (mean ±
   * SEM) and a histogram of per-clip MPJPE. Returns the files written.
   */
  public static List<Path> evaluation(Path resultsJson, Path outDir) throws IOException {
    JsonNode r;
    try {
      r = Json.MAPPER.readTree(resultsJson.toFile());
    } catch (IOException e) {
      throw new BadInputException(resultsJson, "not valid JSON: " + e.getMessage());
    }
    if (r == null || !r.has("per_skill") || !r.has("clips")) {
      throw new BadInputException(
          resultsJson,
          "not an evaluation result (needs per_skill and clips; see ./kinesis eval --out)");
    }
    Files.createDirectories(outDir);
    List<Path> written = new ArrayList<>();

    CategoryChart bars =
        new CategoryChartBuilder()
            .width(720)
            .height(420)
            .title("Per-skill results (" + r.path("protocol").asText() + " protocol)")
            .yAxisTitle("%")
            .build();
    List<String> skills = new ArrayList<>();
    List<Double> success = new ArrayList<>(),
        successErr = new ArrayList<>(),
        cover = new ArrayList<>(),
        coverErr = new ArrayList<>();
    r.get("per_skill")
        .fields()
        .forEachRemaining(
            e -> {
              skills.add(e.getKey() + " (" + e.getValue().path("clips").asInt() + ")");
              success.add(e.getValue().path("success_rate").path("mean").asDouble());
              successErr.add(e.getValue().path("success_rate").path("sem").asDouble());
              cover.add(e.getValue().path("frame_coverage").path("mean").asDouble());
              coverErr.add(e.getValue().path("frame_coverage").path("sem").asDouble());
            });
    if (skills.isEmpty()) throw new BadInputException(resultsJson, "no per-skill results");
    bars.addSeries("success", skills, success, successErr);
    bars.addSeries("frame coverage", skills, cover, coverErr);
    bars.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    Path barsPng = outDir.resolve("per-skill.png");
    BitmapEncoder.saveBitmap(bars, barsPng.toString(), BitmapEncoder.BitmapFormat.PNG);
    written.add(barsPng);

    List<Double> mpjpe = new ArrayList<>();
    for (JsonNode c : r.get("clips"))
      if (c.path("mpjpe_mm").isNumber()) mpjpe.add(c.get("mpjpe_mm").asDouble());
    if (!mpjpe.isEmpty()) {
      double max = mpjpe.stream().mapToDouble(Double::doubleValue).max().orElse(1);
      Histogram h =
          new Histogram(mpjpe, Math.max(5, Math.min(30, mpjpe.size())), 0, Math.max(1, max * 1.05));
      CategoryChart hist =
          new CategoryChartBuilder()
              .width(720)
              .height(420)
              .title("Per-clip MPJPE")
              .xAxisTitle("MPJPE (mm)")
              .yAxisTitle("clips")
              .build();
      hist.addSeries("clips", h.getxAxisData(), h.getyAxisData());
      hist.getStyler().setLegendVisible(false);
      hist.getStyler().setXAxisDecimalPattern("0");
      Path histPng = outDir.resolve("mpjpe-histogram.png");
      BitmapEncoder.saveBitmap(hist, histPng.toString(), BitmapEncoder.BitmapFormat.PNG);
      written.add(histPng);
    }
    return written;
  }
}
