package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
  @Test
  void plotsARunAndAnEvaluation(@TempDir Path tmp) throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(
        run.resolve("metrics.csv"),
        """
        iteration,global_step,charts/episodic_return,charts/episodic_length
        1,4096,1.0,3.0
        2,8192,1.5,4.5
        3,12288,2.5,6.0
        """);
    assertEquals(0, Main.run("plot", run.toString()));
    assertNotNull(ImageIO.read(run.resolve("plots/training.png").toFile()));

    Path eval = Files.createDirectories(tmp.resolve("eval"));
    Files.writeString(
        eval.resolve("results.json"),
        """
        {"protocol": "paper",
         "per_skill": {"walk": {"clips": 2, "frame_coverage": {"mean": 75.0, "sem": 0.0},
                                "success_rate": {"mean": 50.0, "sem": 0.0}, "mpjpe_mm": {"mean": 60.0, "sem": 0.0}}},
         "clips": [{"clip": "a", "skill": "walk", "mpjpe_mm": 40.0}, {"clip": "b", "skill": "walk", "mpjpe_mm": 80.0}]}
        """);
    assertEquals(0, Main.run("plot", eval.toString()));
    assertNotNull(ImageIO.read(eval.resolve("plots/per-skill.png").toFile()));
    assertNotNull(ImageIO.read(eval.resolve("plots/mpjpe-histogram.png").toFile()));
  }

  @Test
  void badInputsExitThree(@TempDir Path tmp) throws Exception {
    assertEquals(3, Main.run("plot", tmp.toString()));
    Path bad = Files.writeString(tmp.resolve("results.json"), "{ not json");
    assertEquals(3, Main.run("plot", bad.toString()));
    Path empty =
        Files.writeString(Files.createDirectories(tmp.resolve("r")).resolve("metrics.csv"), "");
    assertEquals(3, Main.run("plot", empty.toString()));
  }
}
