package kinesis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kinesis.cluster.Secret;
import kinesis.cluster.WorkerNode;
import kinesis.io.BadInputException;
import kinesis.rl.EnvFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis worker}: a rollout and evaluation worker of a cluster run.
 *
 * <pre>
 *   ./kinesis worker --join HOST:PORT --secret-file F [--host ADDRESS] [--threads N]
 * </pre>
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Step environments and run evaluation jobs for a learner (train --cluster) or eval, mine or reach eval --cluster; ends when it finishes.")
final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--join",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The coordinator's address (printed by train/eval --cluster).")
  String join;

  @Option(
      names = "--secret-file",
      paramLabel = "F",
      description =
          "File with the cluster's shared secret (default: $KINESIS_CLUSTER_SECRET_FILE).")
  Path secretFile;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "This machine's address to bind and announce; the coordinator connects to it (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--threads",
      description =
          "Evaluation jobs (clips, trials) run at once (default: all cores; training environments always use all cores).")
  Integer threads;

  @Option(
      names = "--heartbeat-pause",
      defaultValue = "3",
      description =
          "Seconds of silence before the coordinator counts as lost (default: ${DEFAULT-VALUE}).")
  double heartbeat;

  @Override
  public Integer call() {
    if (!join.matches("[^:\\s]+:\\d{1,5}"))
      throw new BadInputException("--join must be HOST:PORT, not '" + join + "'");
    Path file =
        secretFile != null
            ? secretFile
            : System.getenv("KINESIS_CLUSTER_SECRET_FILE") != null
                ? Path.of(System.getenv("KINESIS_CLUSTER_SECRET_FILE"))
                : null;
    if (file == null)
      throw new BadInputException(
          "--secret-file F is required (the file the coordinator's secret_file names)");
    Secret secret = Secret.read(file);
    int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (cores < 1) throw new BadInputException("--threads must be at least 1");
    System.out.println(
        "worker: joining " + join + " from " + host + " with " + cores + " thread(s)");
    WorkerNode node =
        new WorkerNode(host, join, secret, EnvFactory.tasks(), cores, heartbeat, System.out);
    return switch (node.await()) {
      case COORDINATOR_FINISHED, CLOSED -> 0;
      case REFUSED -> {
        System.err.println(
            "kinesis: the coordinator at "
                + join
                + " refused this worker: its secret differs ("
                + file
                + ")");
        yield Main.BAD_INPUT;
      }
      case JOIN_FAILED -> {
        System.err.println("kinesis: could not join " + join + " (nothing answered within 120 s)");
        yield 1;
      }
    };
  }
}
