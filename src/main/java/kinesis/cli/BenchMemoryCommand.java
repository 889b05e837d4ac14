package kinesis.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import kinesis.eval.MemorySoak;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.io.Machine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kinesis bench memory}: resident memory over many environment resets and model loads (a
 * native leak check).
 */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description =
        "Native memory soak: N environment resets and M model loads, resident memory before and after each.")
final class BenchMemoryCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      defaultValue = "legs",
      description = "Model variant (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--resets",
      defaultValue = "1000000",
      description = "Environment resets (default: ${DEFAULT-VALUE}).")
  long resets;

  @Option(
      names = "--loads",
      defaultValue = "10000",
      description = "Model loads (default: ${DEFAULT-VALUE}).")
  int loads;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (resets < 1 || loads < 1)
      throw new BadInputException("--resets and --loads must be positive");
    Map<String, Object> r = MemorySoak.run(model, resets, loads, json ? System.err : System.out);
    if (json) System.out.println(Json.write(Machine.describe(r)));
    return 0;
  }
}
