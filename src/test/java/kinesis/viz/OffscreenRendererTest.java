package kinesis.viz;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kinesis.body.BodyModel;
import kinesis.sim.SimData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class OffscreenRendererTest {
  @Test
  void rendersTheBodyAndAPoseChangeChangesThePicture(@TempDir Path tmp) throws Exception {
    try (BodyModel body = BodyModel.load("legs");
        SimData d = body.sim.makeData();
        OffscreenRenderer r = new OffscreenRenderer(body.sim, 160, 120)) {
      d.forward();
      var cam = new OffscreenRenderer.Camera(new double[] {0, 0, 0.9}, 3, 90, -10);
      BufferedImage a = r.render(d, cam, new double[] {0.3, 0, 1.0});
      d.qpos.set(7, 1.0); // bend the right hip
      d.forward();
      BufferedImage b = r.render(d, cam, null);
      ImageIO.write(a, "png", tmp.resolve("a.png").toFile());
      assertTrue(distinctColours(a) > 20, "frame looks blank");
      assertTrue(fractionDifferent(a, b) > 0.002, "pose change did not change the picture");
    }
  }

  public static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> s = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 2)
      for (int x = 0; x < img.getWidth(); x += 2) s.add(img.getRGB(x, y));
    return s.size();
  }

  public static double fractionDifferent(BufferedImage a, BufferedImage b) {
    int diff = 0;
    for (int y = 0; y < a.getHeight(); y++)
      for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) diff++;
    return diff / (double) (a.getWidth() * a.getHeight());
  }
}
