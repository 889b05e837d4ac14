package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.Importers;
import kinesis.motion.PublicClips;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import kinesis.viz.FrameSource;
import kinesis.viz.OffscreenRenderer;
import kinesis.viz.VideoRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kinesis render}: an MP4 or GIF of a rollout, a clip or a raw motion file, rendered
 * offscreen.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Render a rollout (*.rollout.npz), a clip or a motion file to MP4 or GIF with MuJoCo's renderer (EGL, no display).")
final class RenderCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      description = "A *.rollout.npz, a clip, or a motion file (BVH, DeepMimic, npz).")
  Path input;

  @Option(names = "--model", description = "Model variant (default: the rollout's, else legs).")
  String model;

  @Option(names = "--out", required = true, description = "Output file, .mp4 or .gif.")
  Path out;

  @Option(
      names = "--camera",
      defaultValue = "track",
      description = "track | side | front (default: ${DEFAULT-VALUE}).")
  String camera;

  @Option(names = "--width", defaultValue = "480")
  int width;

  @Option(names = "--height", defaultValue = "360")
  int height;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    VideoRenderer.CameraMode mode =
        switch (camera) {
          case "track" -> VideoRenderer.CameraMode.TRACK;
          case "side" -> VideoRenderer.CameraMode.SIDE;
          case "front" -> VideoRenderer.CameraMode.FRONT;
          default ->
              throw new BadInputException(
                  "--camera must be track, side or front, not '" + camera + "'");
        };
    if (width < 16 || height < 16 || width > 4096 || height > 4096) {
      throw new BadInputException("--width and --height must be between 16 and 4096");
    }
    boolean isRollout = input.getFileName().toString().endsWith(".rollout.npz");
    Rollout rollout = isRollout ? RolloutFile.read(input) : null;
    String name = model != null ? model : isRollout ? rollout.meta().model() : "legs";
    try (BodyModel body = BodyModel.load(name)) {
      FrameSource src = isRollout ? FrameSource.of(rollout) : FrameSource.of(clip(input, body));
      long t0 = System.nanoTime();
      int n = VideoRenderer.render(body, src, mode, width, height, out);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (json) {
        var r = new java.util.LinkedHashMap<String, Object>();
        r.put("file", out.toAbsolutePath().toString());
        r.put("frames", n);
        r.put("fps", src.fps());
        r.put("camera", camera);
        r.put("width", width);
        r.put("height", height);
        r.put("render_seconds", seconds);
        System.out.println(kinesis.io.Json.write(r));
      } else {
        System.out.printf(
            "wrote %s: %d frames at %.0f fps (%s camera, %.1f frames/s rendered)%n",
            out, n, src.fps(), camera, n / seconds);
      }
    } catch (OffscreenRenderer.NoGlException e) {
      System.err.println("kinesis: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /**
   * A clip of a clip set ({@code SET_DIR/NAME} or {@code public-locomotion/NAME}), or a motion file
   * imported on the fly (BVH, DeepMimic, LocoMuJoCo/AMASS npz, HumanML3D npy).
   */
  static Clip clip(Path input, BodyModel body) {
    Path parent = input.getParent();
    if (parent != null
        && !Files.isRegularFile(input)
        && (ClipSet.exists(parent) || parent.toString().equals(PublicClips.NAME))) {
      Clip c =
          ClipSet.open(parent.toString(), body.variant.name()).get(input.getFileName().toString());
      if (!body.variant.name().equals(c.poseModel())) {
        throw new BadInputException(
            input,
            "its poses were solved for model '"
                + c.poseModel()
                + "', not '"
                + body.variant.name()
                + "'");
      }
      return c;
    }
    try (Importers importers = new Importers(body, 1)) {
      return importers.convert(importers.read(input, null), Importers.clipName(input), null).clip();
    }
  }
}
