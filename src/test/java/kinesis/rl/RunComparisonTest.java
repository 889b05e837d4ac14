package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
  private static RunComparison.Run run(String name, List<String> columns) {
    List<double[]> rows = List.of(new double[] {1000, 1, 2}, new double[] {2000, 3, 4});
    return new RunComparison.Run(name, new MetricsLog.Table(columns, rows));
  }

  @Test
  void aRunKeepsItsColourInEveryPanel() {
    // run b lacks metric x, so in panel x run c is the first series drawn after a
    var a = run("a", List.of("global_step", "x", "y"));
    var b = run("b", List.of("global_step", "z", "y"));
    var c = run("c", List.of("global_step", "x", "y"));
    var charts = new RunComparison(List.of(a, b, c), List.of("x", "y"), 500).charts();
    var inX = charts.get(0).getSeriesMap();
    var inY = charts.get(1).getSeriesMap();
    assertEquals(2, inX.size());
    assertEquals(inY.get("c").getLineColor(), inX.get("c").getLineColor());
    assertEquals(inY.get("a").getLineColor(), inX.get("a").getLineColor());
    assertNotEquals(inY.get("a").getLineColor(), inY.get("c").getLineColor());
  }
}
