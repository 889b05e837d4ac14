package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MineCommandTest {
  /** A negative probe interval is bad input (exit 3) and starts nothing. */
  @Test
  void aNegativeEvalEveryIsBadInput(@TempDir Path tmp) {
    Path out = tmp.resolve("mine");
    assertEquals(
        3,
        Main.run(
            "mine",
            "--clips",
            "dataset-1_walk_normal_001,humanoid3d_run",
            "--eval-every",
            "-1",
            "--out",
            out.toString()));
    assertFalse(Files.exists(out), "nothing written");
  }
}
