package kinesis.viz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import kinesis.body.BodyModel;
import kinesis.sim.SimData;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoRendererTest {
  /** A short rollout of the legs model swinging its right hip, with one keypoint marker. */
  static Rollout swingingLeg(BodyModel body, int steps) {
    Rollout.Builder b = Rollout.builder(body, "swing", 30, List.of("Pelvis"), List.of(), "test", 0);
    try (SimData d = body.sim.makeData()) {
      for (int t = 0; t < steps; t++) {
        d.qpos.set(7, 0.8 * Math.sin(2 * Math.PI * t / steps));
        d.forward();
        b.record(d, new double[] {0.2, 0, 1.2}, new double[0]);
      }
    }
    return b.build();
  }

  @Test
  void rendersARolloutToGifAndMp4WithMovingFrames(@TempDir Path tmp) throws Exception {
    try (BodyModel body = BodyModel.load("legs")) {
      Path file = tmp.resolve("swing.rollout.npz");
      RolloutFile.write(file, swingingLeg(body, 8));
      Rollout r = RolloutFile.read(file);
      Path gif = tmp.resolve("swing.gif"), mp4 = tmp.resolve("swing.mp4");
      assertEquals(
          8,
          VideoRenderer.render(
              body, FrameSource.of(r), VideoRenderer.CameraMode.SIDE, 96, 72, gif));
      assertEquals(
          8,
          VideoRenderer.render(
              body, FrameSource.of(r), VideoRenderer.CameraMode.TRACK, 96, 72, mp4));
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(ImageIO.createImageInputStream(gif.toFile()));
      assertEquals(8, reader.getNumImages(true));
      BufferedImage first = reader.read(0), quarter = reader.read(2);
      assertTrue(OffscreenRendererTest.distinctColours(first) > 10, "first frame looks blank");
      assertTrue(
          OffscreenRendererTest.fractionDifferent(first, quarter) > 0.002,
          "the leg swing is not visible");
      byte[] head = Files.readAllBytes(mp4);
      assertEquals("ftyp", new String(head, 4, 4, UTF_8), "not an MP4 container");
      assertTrue(head.length > 1000);
    }
  }
}
