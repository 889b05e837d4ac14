package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @Test
  void playsTheShippedPolicyAndContinuesTheSameRun(@TempDir Path tmp) {
    Path out = tmp.resolve("demo");
    assertEquals(0, Main.run("demo", "--out", out.toString(), "--iterations", "1", "--no-video"));
    assertTrue(Files.isRegularFile(out.resolve("run/metrics.csv")));
    assertTrue(Files.isRegularFile(out.resolve("eval/results.json")));
    // the best shipped policy: Table I, its rollout and the EMG comparison on its gait cycles
    String best = DemoCommand.Shipped.best().name();
    assertTrue(Files.isRegularFile(out.resolve("shipped/eval/results.json")));
    assertTrue(Files.isRegularFile(out.resolve("shipped/" + best + ".rollout.npz")));
    assertTrue(
        Files.isRegularFile(out.resolve("shipped/emg/emg.json")),
        "the shipped policy walks 3+ gait cycles");
    // a second demo resumes the run rather than starting over
    assertEquals(0, Main.run("demo", "--out", out.toString(), "--iterations", "1", "--no-video"));
    assertTrue(
        Files.isDirectory(out.resolve("run/checkpoints/0002")), "the second demo adds iteration 2");
  }
}
