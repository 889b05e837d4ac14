package kinesis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.rl.EnvFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code ./kinesis}. Exit codes: 0 success, 2 usage error, 3 bad input. */
@Command(name = "kinesis", mixinStandardHelpOptions = true, version = "kinesis 0.1.0",
    description = "Muscle-driven motion imitation on MyoSuite models (KINESIS for the JVM).",
    subcommands = {DemoCommand.class, InfoCommand.class, AssetsCommand.class, MotionCommand.class, EnvCommand.class,
        TrainCommand.class, EvalCommand.class, PlayCommand.class, MineCommand.class, MoeCommand.class, ReachCommand.class, KickCommand.class,
        SteerCommand.class, ExportCommand.class, ImportPthCommand.class, BenchCommand.class, EmgCommand.class, T2mCommand.class,
        RenderCommand.class, ViewCommand.class, PlotCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  /** Exit code for a bad file, unknown model or impossible option. */
  public static final int BAD_INPUT = 3;

  @Option(names = "--assets", scope = CommandLine.ScopeType.INHERIT,
      description = "Folder with models/ and data/ (default: $KINESIS_ASSETS, else ../shared).")
  void setAssets(Path dir) {
    Assets.setRoot(dir);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (used by tests). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the CLI with the commands that train (train, mine, moe, bench learn) on other environments (tests). */
  static int run(EnvFactory environments, String... args) {
    return commandLine(environments).execute(args);
  }

  static CommandLine commandLine() {
    return commandLine(EnvFactory.tasks());
  }

  /**
   * The command line; commands with a constructor taking an {@link EnvFactory} get {@code environments}
   * (no global state: every run builds its commands afresh).
   */
  static CommandLine commandLine(EnvFactory environments) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        try {
          var ctor = cls.getDeclaredConstructor(EnvFactory.class);
          ctor.setAccessible(true);
          return ctor.newInstance(environments);
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(cls);
        }
      }
    };
    CommandLine cl = new CommandLine(new Main(), factory);
    cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
      Throwable cause = ex;
      while (!(cause instanceof BadInputException) && cause.getCause() != null) cause = cause.getCause();
      PrintWriter err = cmd.getErr();
      if (cause instanceof BadInputException bad) {
        err.println("kinesis: " + bad.getMessage());
        err.flush();
        return BAD_INPUT;
      }
      throw ex;
    });
    return cl;
  }
}
