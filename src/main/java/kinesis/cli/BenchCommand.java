package kinesis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kinesis bench ...}: speed measurements that print JSON, each with a same-run reference.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (each reports a ratio against a reference measured in the same run).",
    subcommands = {
      BenchSimCommand.class,
      BenchEnvCommand.class,
      BenchTrainCommand.class,
      BenchLearnCommand.class,
      BenchPolicyCommand.class,
      BenchMemoryCommand.class,
      BenchClusterCommand.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
