package kinesis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;
import kinesis.viz.FrameSource;
import kinesis.viz.OffscreenRenderer;
import kinesis.viz.VideoRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kinesis render}: an MP4 or GIF of a rollout, a clip or a raw motion file, rendered offscreen. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Render a rollout (*.rollout.npz), a clip or a motion file to MP4 or GIF with MuJoCo's renderer (EGL, no display).")
final class RenderCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "A *.rollout.npz, a clip, or a motion file (BVH, DeepMimic, npz).")
  Path input;

  @Option(names = "--model", description = "Model variant (default: the rollout's, else legs).")
  String model;

  @Option(names = "--out", required = true, description = "Output file, .mp4 or .gif.")
  Path out;

  @Option(names = "--camera", defaultValue = "track", description = "track | side | front (default: ${DEFAULT-VALUE}).")
  String camera;

  @Option(names = "--width", defaultValue = "480")
  int width;

  @Option(names = "--height", defaultValue = "360")
  int height;

  @Override
  public Integer call() throws Exception {
    VideoRenderer.CameraMode mode = switch (camera) {
      case "track" -> VideoRenderer.CameraMode.TRACK;
      case "side" -> VideoRenderer.CameraMode.SIDE;
      case "front" -> VideoRenderer.CameraMode.FRONT;
      default -> throw new BadInputException("--camera must be track, side or front, not '" + camera + "'");
    };
    if (width < 16 || height < 16 || width > 4096 || height > 4096) {
      throw new BadInputException("--width and --height must be between 16 and 4096");
    }
    Rollout rollout = RolloutFile.read(input);
    String name = model != null ? model : rollout.meta().model();
    try (BodyModel body = BodyModel.load(name)) {
      int n = VideoRenderer.render(body, FrameSource.of(rollout), mode, width, height, out);
      System.out.printf("wrote %s: %d frames at %.0f fps (%s camera)%n", out, n, rollout.meta().fps(), camera);
    } catch (OffscreenRenderer.NoGlException e) {
      System.err.println("kinesis: " + e.getMessage());
      return 1;
    }
    return 0;
  }
}
