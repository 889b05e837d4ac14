package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code locomotion} preset, exactly as {@code train} uses it, learns on the real walking clip
 * (public-locomotion {@code dataset-1_walk_normal_001}, random starts, the training termination):
 * after 30 iterations (123 k samples) training episodes last clearly longer than the untrained
 * policy's (about 5.4 steps against 3 in {@code bench learn --task walk} with these settings).
 */
class LocomotionPresetLearningTest {
  @TempDir Path tmp;

  @Test
  void theLocomotionPresetLearnsTheWalkingClip() {
    Map<String, String> env =
        Map.of(
            "model", "legs",
            "motions", "public-locomotion",
            "clips", "dataset-1_walk_normal_001",
            "control", "direct");
    PpoConfig ppo = PpoConfig.preset("locomotion").with(List.of("checkpoint_every=1000"));
    double first = 0, last = 0;
    try (Trainer t =
        Trainer.start(
            new RunConfig(env, ppo),
            EnvFactory.tasks(),
            tmp.resolve("walk"),
            new PrintStream(new ByteArrayOutputStream()))) {
      for (int i = 0; i < 30; i++) {
        t.iterate();
        double len = t.lastMetrics().get("charts/episodic_length");
        if (i < 3) first += len / 3;
        if (i >= 25) last += len / 5;
      }
    }
    System.out.printf("locomotion preset, walking clip: episode length %.1f → %.1f%n", first, last);
    assertTrue(last > 1.4 * first, "episodes " + last + " vs " + first + " untrained");
  }
}
