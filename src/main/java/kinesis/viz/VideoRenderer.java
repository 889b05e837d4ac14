package kinesis.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import kinesis.body.BodyModel;
import kinesis.io.Progress;
import kinesis.sim.SimData;

/**
 * Renders a {@link FrameSource} to an MP4 or GIF with a camera that follows the pelvis or stays
 * put.
 */
public final class VideoRenderer {
  private VideoRenderer() {}

  /** Camera placement: following the pelvis from the side, a fixed side view, or from the front. */
  public enum CameraMode {
    TRACK,
    SIDE,
    FRONT
  }

  /** Renders every frame; returns the number written. */
  public static int render(
      BodyModel body, FrameSource src, CameraMode mode, int width, int height, Path out)
      throws IOException {
    try (SimData d = body.sim.makeData();
        OffscreenRenderer r = new OffscreenRenderer(body.sim, width, height);
        VideoWriter video = new VideoWriter(out, src.fps());
        Progress bar = new Progress("render", src.frames())) {
      // a fixed camera looks at the mean root position from far enough to see the whole path
      double[] centre = null;
      double distance = 3.0;
      if (mode != CameraMode.TRACK) {
        double[] framing = framing(body, src, d);
        centre = new double[] {framing[0], framing[1], 0.9};
        distance += framing[2];
      }
      double azimuth = mode == CameraMode.FRONT ? 180 : 90;
      for (int i = 0; i < src.frames(); i++) {
        src.apply(i, d);
        double[] look =
            mode == CameraMode.TRACK
                ? new double[] {d.xpos.get(body.rootBody, 0), d.xpos.get(body.rootBody, 1), 0.9}
                : centre;
        BufferedImage frame =
            r.render(d, new OffscreenRenderer.Camera(look, distance, azimuth, -12), src.markers(i));
        video.add(frame);
        bar.step(1);
      }
      return video.frames();
    }
  }

  /**
   * One pass over the frames: mean root x and y, and 0.8 × the x extent sampled at about 20 frames.
   */
  private static double[] framing(BodyModel body, FrameSource src, SimData d) {
    double cx = 0, cy = 0, minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
    int n = src.frames(), every = Math.max(1, n / 20);
    for (int i = 0; i < n; i++) {
      src.apply(i, d);
      double x = d.xpos.get(body.rootBody, 0);
      cx += x / n;
      cy += d.xpos.get(body.rootBody, 1) / n;
      if (i % every == 0) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
      }
    }
    return new double[] {cx, cy, (maxX - minX) * 0.8};
  }
}
