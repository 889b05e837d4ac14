package kinesis.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import kinesis.body.BodyModel;
import kinesis.io.Progress;
import kinesis.sim.SimData;

/** Renders a {@link FrameSource} to an MP4 or GIF with a camera that follows the pelvis or stays put. */
public final class VideoRenderer {
  private VideoRenderer() {}

  /** Camera placement: following the pelvis from the side, a fixed side view, or from the front. */
  public enum CameraMode {
    TRACK, SIDE, FRONT
  }

  /** Renders every frame; returns the number written. */
  public static int render(BodyModel body, FrameSource src, CameraMode mode, int width, int height, Path out)
      throws IOException {
    try (SimData d = body.sim.makeData(); OffscreenRenderer r = new OffscreenRenderer(body.sim, width, height);
        VideoWriter video = new VideoWriter(out, src.fps()); Progress bar = new Progress("render", src.frames())) {
      double[] centre = meanRootPosition(body, src, d);
      double distance = mode == CameraMode.TRACK ? 3.0 : 3.0 + spread(body, src, d);
      double azimuth = mode == CameraMode.FRONT ? 180 : 90;
      for (int i = 0; i < src.frames(); i++) {
        src.apply(i, d);
        double[] look = mode == CameraMode.TRACK
            ? new double[] {d.xpos.get(body.rootBody, 0), d.xpos.get(body.rootBody, 1), 0.9}
            : centre;
        BufferedImage frame = r.render(d, new OffscreenRenderer.Camera(look, distance, azimuth, -12), src.markers(i));
        video.add(frame);
        bar.step(1);
      }
      return video.frames();
    }
  }

  private static double[] meanRootPosition(BodyModel body, FrameSource src, SimData d) {
    double[] c = new double[3];
    for (int i = 0; i < src.frames(); i++) {
      src.apply(i, d);
      for (int k = 0; k < 2; k++) c[k] += d.xpos.get(body.rootBody, k) / src.frames();
    }
    c[2] = 0.9;
    return c;
  }

  // half the horizontal extent of the root path, so a fixed camera sees all of it
  private static double spread(BodyModel body, FrameSource src, SimData d) {
    double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
    for (int i = 0; i < src.frames(); i += Math.max(1, src.frames() / 20)) {
      src.apply(i, d);
      minX = Math.min(minX, d.xpos.get(body.rootBody, 0));
      maxX = Math.max(maxX, d.xpos.get(body.rootBody, 0));
    }
    return (maxX - minX) * 0.8;
  }
}
