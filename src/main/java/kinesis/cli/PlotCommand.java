package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kinesis.io.BadInputException;
import kinesis.viz.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kinesis plot RUN|EVAL}: PNG figures of a training run or an evaluation. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description =
        "PNG figures: training curves of a run (RUN/metrics.csv) or per-skill bars and an MPJPE histogram of an evaluation (eval --out DIR).")
final class PlotCommand implements Callable<Integer> {
  @Parameters(
      description =
          "A run directory, an evaluation directory, or their metrics.csv / results.json.")
  Path input;

  @Option(names = "--out", description = "Output directory (default: INPUT/plots).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
    Path metrics = Files.isDirectory(input) ? input.resolve("metrics.csv") : input;
    Path results = Files.isDirectory(input) ? input.resolve("results.json") : input;
    Path target = out != null ? out : dir.resolve("plots");
    List<Path> written;
    if (metrics.getFileName().toString().equals("metrics.csv") && Files.isRegularFile(metrics)) {
      Path png = target.resolve("training.png");
      Figures.training(metrics, png);
      written = List.of(png);
    } else if (Files.isRegularFile(results) && results.getFileName().toString().endsWith(".json")) {
      written = Figures.evaluation(results, target);
    } else {
      throw new BadInputException(
          input.toAbsolutePath(), "neither a run (metrics.csv) nor an evaluation (results.json)");
    }
    for (Path p : written) System.out.println("wrote " + p);
    return 0;
  }
}
