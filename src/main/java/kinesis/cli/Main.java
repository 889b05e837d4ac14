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
@Command(
    name = "kinesis",
    mixinStandardHelpOptions = true,
    version = "kinesis 0.1.0",
    description = "Muscle-driven motion imitation on MyoSuite models (KINESIS for the JVM).",
    subcommands = {
      DemoCommand.class,
      InfoCommand.class,
      AssetsCommand.class,
      MotionCommand.class,
      EnvCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      PlayCommand.class,
      MineCommand.class,
      MoeCommand.class,
      DistillCommand.class,
      ReachCommand.class,
      KickCommand.class,
      SteerCommand.class,
      ExportCommand.class,
      ImportPthCommand.class,
      BenchCommand.class,
      EmgCommand.class,
      T2mCommand.class,
      RenderCommand.class,
      ViewCommand.class,
      PlotCommand.class,
      CompareCommand.class,
      SoakCommand.class,
      WorkerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  /** Exit code for a bad file, unknown model or impossible option. */
  public static final int BAD_INPUT = 3;

  /**
   * The asset root given by {@code --assets} (null: the environment's); bound for the command run.
   */
  private Path assetRoot;

  @Option(
      names = "--assets",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Folder with models/ and data/ (default: $KINESIS_ASSETS, else ../shared).")
  void setAssets(Path dir) {
    assetRoot = dir;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (used by tests). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Runs the CLI with the commands that train (train, mine, moe, bench learn) on other environments
   * (tests).
   */
  static int run(EnvFactory environments, String... args) {
    return commandLine(environments).execute(args);
  }

  static CommandLine commandLine() {
    return commandLine(EnvFactory.tasks());
  }

  /**
   * The command line; commands with a constructor taking an {@link EnvFactory} get {@code
   * environments}, those taking a {@link CommandRunner} one that runs further command lines like
   * this one (no global state: every run builds its commands afresh).
   */
  static CommandLine commandLine(EnvFactory environments) {
    CommandRunner again = args -> commandLine(environments).execute(args);
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            for (var ctor : cls.getDeclaredConstructors()) {
              if (ctor.getParameterCount() != 1) continue;
              Class<?> type = ctor.getParameterTypes()[0];
              Object arg =
                  type == EnvFactory.class
                      ? environments
                      : type == CommandRunner.class ? again : null;
              if (arg == null) continue;
              ctor.setAccessible(true);
              return cls.cast(ctor.newInstance(arg));
            }
            return CommandLine.defaultFactory().create(cls);
          }
        };
    Main main = new Main();
    CommandLine cl = new CommandLine(main, factory);
    // the command runs with the assets of this command line in force (a value, not a global
    // setting);
    // a command line run by a command keeps its caller's unless it gives --assets itself
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    cl.setExecutionStrategy(
        parsed -> Assets.inForce().withRoot(main.assetRoot).call(() -> runLast.execute(parsed)));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parse) -> {
          Throwable cause = ex;
          while (!(cause instanceof BadInputException) && cause.getCause() != null)
            cause = cause.getCause();
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
