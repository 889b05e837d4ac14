package kinesis.rl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helper run in a child JVM: trains the point-mass task until the process is terminated. */
public final class TrainUntilStopped {
  private TrainUntilStopped() {}

  public static void main(String[] args) {
    PpoConfig cfg = PpoConfig.laptop().with(PpoLearningTest.SMALL).with(List.of("iterations=0", "checkpoint_every=100000"));
    Trainer t = Trainer.start(new RunConfig(Map.of("task", "pointmass"), cfg), (o, n, s) -> new PointMassEnv(n), Path.of(args[0]), System.out);
    t.saveOnShutdown();
    t.run();
  }
}
