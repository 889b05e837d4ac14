package kinesis.cli;

/**
 * Runs another command line of this CLI (with the same environments and the same assets in force)
 * and returns its exit code: how a command made of other commands ({@code demo}) runs its steps.
 */
@FunctionalInterface
interface CommandRunner {
  int run(String... args);
}
