package kinesis.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import kinesis.io.Assets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  @Test
  void rendersARawMotionFileImportedOnTheFly(@TempDir Path tmp) throws Exception {
    Path run = Assets.resolve("data/motions/deepmimic/humanoid3d_run.txt"); // 0.8 s
    Path gif = tmp.resolve("run.gif");
    assertEquals(
        0,
        Main.run(
            "render", run.toString(), "--out", gif.toString(), "--width", "64", "--height", "48"));
    ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
    r.setInput(ImageIO.createImageInputStream(gif.toFile()));
    int n = r.getNumImages(true);
    assertTrue(n >= 20, "frames: " + n);
    BufferedImage a = r.read(0), b = r.read(n / 2);
    assertTrue(kinesis.viz.OffscreenRendererTest.distinctColours(a) > 5, "blank frame");
    assertTrue(
        kinesis.viz.OffscreenRendererTest.fractionDifferent(a, b) > 0.002,
        "the body does not move");
  }

  @Test
  void badInputsExitThree(@TempDir Path tmp) throws Exception {
    Path empty = Files.createFile(tmp.resolve("empty.bvh"));
    assertEquals(3, Main.run("render", empty.toString(), "--out", tmp.resolve("a.gif").toString()));
    assertEquals(
        3,
        Main.run(
            "render",
            tmp.resolve("missing.rollout.npz").toString(),
            "--out",
            tmp.resolve("a.gif").toString()));
    Path run = Assets.resolve("data/motions/deepmimic/humanoid3d_run.txt");
    assertEquals(3, Main.run("render", run.toString(), "--out", tmp.resolve("a.avi").toString()));
    assertEquals(
        3,
        Main.run(
            "render", run.toString(), "--out", tmp.resolve("a.gif").toString(), "--camera", "top"));
  }
}
