package kinesis.rl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Test helper run in a child JVM: trains the point-mass task in {@code args[0]} (continuing it when
 * it exists) until the process is terminated, or up to {@code args[2]} iterations with a checkpoint
 * every {@code args[1]}.
 */
public final class TrainUntilStopped {
  private TrainUntilStopped() {}

  public static void main(String[] args) {
    Path run = Path.of(args[0]);
    String every = args.length > 1 ? args[1] : "100000",
        iterations = args.length > 2 ? args[2] : "0";
    EnvFactory envs = (o, n, s) -> new PointMassEnv(n);
    Trainer t =
        Files.exists(run.resolve("config.yaml"))
                && !Checkpoint.list(run.resolve("checkpoints")).isEmpty()
            ? Trainer.resume(run, envs, System.out)
            : Trainer.start(config(every, iterations), envs, run, System.out);
    t.saveOnShutdown();
    t.run();
    t.close();
  }

  static RunConfig config(String checkpointEvery, String iterations) {
    return new RunConfig(
        Map.of("task", "pointmass"),
        PpoConfig.laptop()
            .with(PpoLearningTest.SMALL)
            .with(List.of("iterations=" + iterations, "checkpoint_every=" + checkpointEvery)));
  }
}
