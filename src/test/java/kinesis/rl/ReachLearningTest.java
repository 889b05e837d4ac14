package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.task.Clips;
import kinesis.task.ClosingVecEnv;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.ReachVecEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal reaching learns on a small version of the task (start standing, goals within 0.1 m that must
 * be held for 2 s) with the trainer of imitation: after 245 k samples the return is well above the
 * untrained policy's (measured: 1,355 untrained, about 2,300 after 110–120 iterations, the body
 * staying up and near the goal for 42 instead of 26 steps).
 */
class ReachLearningTest {
  @TempDir Path tmp;

  @Test
  void reachingFromStandingLearns() {
    // every goal starts inside the success radius: the bonus rewards each step the body stays up
    // and near it
    ReachConfig task =
        ReachConfig.fromMap(
            Map.of("goal_range", "0.1", "success_radius", "0.15", "episode_seconds", "2"));
    EnvFactory envs =
        (options, n, seed) -> {
          BodyModel body = BodyModel.load("legs");
          return new ClosingVecEnv(
              new ReachVecEnv(body, List.of(Clips.standing(body, 2)), task, n, 2), body);
        };
    PpoConfig cfg =
        PpoConfig.laptop()
            .with(
                List.of(
                    "hidden=[64,64]",
                    "samples_per_iteration=2048",
                    "minibatch_size=512",
                    "iterations=120",
                    "checkpoint_every=1000"));
    double untrained, last;
    try (Trainer t =
        Trainer.start(
            new RunConfig(Map.of("task", "reach"), cfg),
            envs,
            tmp.resolve("run"),
            new PrintStream(new ByteArrayOutputStream()))) {
      t.iterate();
      untrained = t.lastMetrics().get("charts/episodic_return");
      double sum = 0;
      for (int i = 1; i < 120; i++) {
        t.iterate();
        if (i >= 110) sum += t.lastMetrics().get("charts/episodic_return");
      }
      last = sum / 10;
    }
    System.out.printf("reach: untrained return %.1f; after 245 k samples %.1f%n", untrained, last);
    assertTrue(last > 1.4 * untrained, "return " + last + " vs " + untrained + " untrained");
  }
}
