package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kinesis soak ...}: reliability soaks. */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description =
        "Reliability soaks (kill: SIGKILL during training, mining and MoE; resume; compare).",
    subcommands = {SoakCommand.Kill.class, SoakCommand.Pipeline.class})
final class SoakCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * {@code kinesis soak kill}: mining (two experts) and the gate training of their mixture, killed
   * with SIGKILL {@code --kills} times and continued each time, against an uninterrupted run. Exit
   * 0 when every kill hit a running process and the final checkpoints are identical, else 1.
   */
  @Command(
      name = "kill",
      mixinStandardHelpOptions = true,
      description =
          "Kill a small mine + moe pipeline with SIGKILL at random points (some inside checkpoint writes), resume each time, "
              + "and compare its final checkpoints with an uninterrupted run byte for byte.")
  static final class Kill implements Callable<Integer> {
    @Option(
        names = "--kills",
        defaultValue = "20",
        description = "SIGKILLs (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(
        names = "--iterations",
        defaultValue = "10",
        description = "PPO iterations of each expert and of the gate (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Seed of the kill points (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--pause-ms",
        defaultValue = "40",
        description =
            "Pause of the killed children after each file of a checkpoint, so kills land inside writes (default: ${DEFAULT-VALUE}).")
    long pauseMs;

    @Option(
        names = "--dir",
        description =
            "Working folder (new or empty; default: a temporary folder, deleted when identical).")
    Path dir;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (kills < 1 || iterations < 1 || pauseMs < 0)
        throw new BadInputException(
            "--kills and --iterations must be positive, --pause-ms not negative");
      Path d = dir != null ? dir : Files.createTempDirectory("kinesis-kill-soak");
      KillSoak.requireNew(d);
      Map<String, Object> r =
          KillSoak.run(d, kills, iterations, seed, pauseMs, json ? System.err : System.out);
      boolean ok = Boolean.TRUE.equals(r.get("identical")) && r.get("kills").equals(kills);
      if (ok && dir == null) kinesis.io.AtomicFiles.deleteTree(d);
      if (json) {
        System.out.println(Json.write(r));
      } else {
        System.out.printf(
            "kill soak: %d of %d SIGKILLs hit a running process (%d inside a checkpoint write; %s), %d runs started; "
                + "final checkpoints %s the uninterrupted run's (%d files compared) in %.0f s%n",
            ReportValues.whole(r.get("kills")),
            kills,
            ReportValues.whole(r.get("kills_inside_checkpoint_write")),
            r.get("kills_by_phase"),
            ReportValues.whole(r.get("runs_started")),
            Boolean.TRUE.equals(r.get("identical")) ? "IDENTICAL to" : "DIFFER from",
            ReportValues.whole(r.get("files_compared")),
            ReportValues.real(r.get("seconds")));
        for (Object diff : (Iterable<?>) r.get("differences")) System.out.println("  " + diff);
      }
      return ok ? 0 : 1;
    }
  }

  /**
   * The work a soak child does (hidden): the same mine and moe commands each time, which continue
   * where they stopped.
   */
  @Command(
      name = "pipeline",
      hidden = true,
      description = "Internal: the work of a kill-soak child.")
  static final class Pipeline implements Callable<Integer> {
    @Option(names = "--dir", required = true)
    Path dir;

    @Option(names = "--iterations", required = true)
    int iterations;

    @Override
    public Integer call() {
      return KillSoak.pipeline(dir, iterations);
    }
  }
}
