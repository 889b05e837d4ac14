package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import kinesis.io.BadInputException;
import kinesis.rl.MetricsLog;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunComparison;
import kinesis.rl.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path tmp;

  private Path run(String name, String csv) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("metrics.csv"), csv);
    return dir;
  }

  /** Two runs; the probe column is empty on most rows, the second run is shorter. */
  private Path[] twoRuns() throws Exception {
    Path a =
        run(
            "a",
            """
            iteration,global_step,charts/episodic_length,eval/set_coverage_paper
            1,1000000,10,
            2,2000000,12,0.40
            3,3000000,14,
            4,4000000,16,0.50
            """);
    Path b =
        run(
            "b",
            """
            iteration,global_step,charts/episodic_length
            1,1000000,11
            2,2000000,15
            """);
    return new Path[] {a, b};
  }

  @Test
  void windowMeansSkipEmptyValues() throws Exception {
    Path[] r = twoRuns();
    var a = new RunComparison.Run("a", MetricsLog.read(r[0].resolve("metrics.csv")));
    var b = new RunComparison.Run("b", MetricsLog.read(r[1].resolve("metrics.csv")));
    var c =
        new RunComparison(
            List.of(a, b), List.of("charts/episodic_length", "eval/set_coverage_paper"), 1.0e6);
    assertEquals((10 + 12 + 14) / 3.0, c.at(a, "charts/episodic_length", 2e6), 1e-12);
    assertEquals(0.40, c.at(a, "eval/set_coverage_paper", 2.5e6), 1e-12); // only the 2 M probe
    assertEquals(0.45, c.at(a, "eval/set_coverage_paper", 3e6), 1e-12);
    assertTrue(Double.isNaN(c.at(b, "eval/set_coverage_paper", 2e6)), "b has no probes");
    assertTrue(Double.isNaN(c.at(b, "charts/episodic_length", 4e6)), "b stops at 2 M");
    assertEquals(List.of(1e6, 2e6, 3e6, 4e6), c.defaultMarks(4));
    assertEquals(8, c.defaultMarks(8).size()); // every 0.5 M
    assertEquals(List.of(2e6, 4e6), c.defaultMarks(2));
    String md = c.markdown(List.of(2e6, 4e6));
    assertTrue(md.contains("| 2 M | 12.0 | 13.0 |"), md);
    assertTrue(md.contains("| 4 M | 15.0 | — |"), md);
  }

  @Test
  void printsTablesJsonAndAPlot() throws Exception {
    Path[] r = twoRuns();
    Path png = tmp.resolve("compare.png");
    var json =
        compareJson(
            r[0].toString(),
            r[1].resolve("metrics.csv").toString(),
            "--at",
            "2M,4000k",
            "--window",
            "500k",
            "--png",
            png.toString(),
            "--json");
    assertEquals("a", json.get("runs").get(0).asText());
    assertEquals("b", json.get("runs").get(1).asText());
    var len = json.get("metrics").get("charts/episodic_length");
    assertEquals(12, len.get("a").get(0).asDouble(), 1e-9);
    assertTrue(len.get("b").get(1).isNull(), "no data at 4 M: null");
    assertEquals(
        0.5, json.get("metrics").get("eval/set_coverage_paper").get("a").get(1).asDouble());
    assertNotNull(ImageIO.read(png.toFile()));
  }

  /** Runs {@code compare ARGS} (which must succeed) and returns what it printed, as JSON. */
  private static com.fasterxml.jackson.databind.JsonNode compareJson(String... args)
      throws Exception {
    var out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, "UTF-8"));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "compare";
      System.arraycopy(args, 0, all, 1, args.length);
      assertEquals(0, Main.run(all));
    } finally {
      System.setOut(old);
    }
    return kinesis.io.Json.MAPPER.readTree(out.toString("UTF-8"));
  }

  private static void forkConfig(Path run, String initSamples) {
    new RunConfig(Map.of("init_samples", initSamples), PpoConfig.preset("laptop"))
        .save(run.resolve("config.yaml"));
  }

  /** A run started from a checkpoint counts on from its parent's samples (config init_samples). */
  @Test
  void aForkedRunCountsOnFromItsParent() throws Exception {
    Path[] r = twoRuns();
    Path fork = r[1];
    forkConfig(fork, "2000000");
    assertEquals(2e6, CompareCommand.parentSamples(fork));
    assertEquals(0, CompareCommand.parentSamples(r[0]), "no config: from scratch");
    var json =
        compareJson(
            r[0].toString(),
            fork.toString(),
            "--metrics",
            "charts/episodic_length",
            "--at",
            "3M,4M",
            "--window",
            "100k",
            "--json");
    assertEquals(2e6, json.get("offsets").get("b").asDouble());
    var len = json.get("metrics").get("charts/episodic_length");
    assertEquals(11, len.get("b").get(0).asDouble(), 1e-9, "b's 1 M row is at 3 M");
    assertEquals(15, len.get("b").get(1).asDouble(), 1e-9);
    assertEquals(14, len.get("a").get(0).asDouble(), 1e-9);
    var b = new RunComparison.Run("b", MetricsLog.read(fork.resolve("metrics.csv")), 2e6);
    var c = new RunComparison(List.of(b), List.of("charts/episodic_length"), 1.5e6);
    double[][] smooth = c.smoothed(b, "charts/episodic_length");
    assertArrayEquals(new double[] {3e6, 4e6}, smooth[0]);
    assertArrayEquals(new double[] {13, 13}, smooth[1], 1e-12, "both rows in each window");
    forkConfig(fork, "lots");
    assertEquals(3, Main.run("compare", fork.toString()));
    forkConfig(fork, "-5");
    assertEquals(3, Main.run("compare", fork.toString()), "a negative offset");
    Files.writeString(fork.resolve("config.yaml"), "");
    assertEquals(3, Main.run("compare", fork.toString()), "an empty config.yaml");
    Files.writeString(fork.resolve("config.yaml"), "env:\n  init_samples: \"2");
    assertEquals(3, Main.run("compare", fork.toString()), "a truncated config.yaml");
  }

  @Test
  void badInputsExitThree() throws Exception {
    Path[] r = twoRuns();
    assertEquals(3, Main.run("compare", tmp.resolve("missing").toString()));
    Path empty = run("empty", "");
    assertEquals(3, Main.run("compare", empty.toString()));
    Path noStep = run("nostep", "iteration,x\n1,2\n");
    assertEquals(3, Main.run("compare", noStep.toString()));
    Path garbled = run("garbled", "iteration,global_step\n1,abc\n");
    assertEquals(3, Main.run("compare", garbled.toString()));
    assertEquals(3, Main.run("compare", r[0].toString(), "--metrics", "no/such"));
    assertEquals(3, Main.run("compare", r[0].toString(), "--at", "lots"));
    assertEquals(3, Main.run("compare", r[0].toString(), "--window", "0"));
    assertThrows(BadInputException.class, () -> CompareCommand.count("-1M"));
    assertEquals(1.5e6, CompareCommand.count("1.5M"));
    assertEquals(250e3, CompareCommand.count("250k"));
    assertEquals(2e6, CompareCommand.count("2e6"));
  }
}
