package kinesis.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.ColorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MP4 path keeps colours and size: a frame written and decoded again has the same quadrants.
 */
class VideoWriterTest {
  @Test
  void mp4FramesDecodeToTheColoursWritten(@TempDir Path tmp) throws Exception {
    BufferedImage frame =
        new BufferedImage(65, 48, BufferedImage.TYPE_INT_RGB); // odd width: cropped to 64
    Graphics2D g = frame.createGraphics();
    Color[] quadrants = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE};
    for (int q = 0; q < 4; q++) {
      g.setColor(quadrants[q]);
      g.fillRect((q % 2) * 32, (q / 2) * 24, 33, 24);
    }
    g.dispose();
    Path mp4 = tmp.resolve("quadrants.mp4");
    try (VideoWriter w = new VideoWriter(mp4, 30)) {
      for (int i = 0; i < 3; i++) w.add(frame);
    }
    Picture yuv =
        FrameGrab.createFrameGrab(NIOUtils.readableChannel(mp4.toFile())).getNativeFrame();
    Picture rgb = Picture.create(yuv.getWidth(), yuv.getHeight(), ColorSpace.RGB);
    ColorUtil.getTransform(yuv.getColor(), ColorSpace.RGB).transform(yuv, rgb);
    assertEquals(64, rgb.getWidth());
    assertEquals(48, rgb.getHeight());
    for (int q = 0; q < 4; q++) {
      int x = (q % 2) * 32 + 16, y = (q / 2) * 24 + 12, k = 3 * (y * 64 + x);
      byte[] px = rgb.getPlaneData(0);
      Color want = quadrants[q];
      int[] got = {px[k] + 128, px[k + 1] + 128, px[k + 2] + 128};
      int[] expected = {want.getRed(), want.getGreen(), want.getBlue()};
      for (int c = 0; c < 3; c++) {
        assertTrue(
            Math.abs(got[c] - expected[c]) < 40, "quadrant " + q + " channel " + c + ": " + got[c]);
      }
    }
  }
}
