package kinesis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.viz.web.Chromium;
import kinesis.viz.web.Replay;
import kinesis.viz.web.ReplayFiles;
import kinesis.viz.web.SyntheticReplay;
import kinesis.viz.web.ViewerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kinesis view ROLLOUT... [--port P]}: serves the web replay viewer on 127.0.0.1 until
 * stopped, or with {@code --screenshot} saves one picture of it taken in headless Chromium.
 */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description =
        "Play rollouts side by side in 3D in the browser: body, reference ghost, muscles coloured by "
            + "activation, timeline, reward and activation plots. Serves http://127.0.0.1:PORT/ (works offline).")
final class ViewCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "ROLLOUT",
      description = "Replay files (JSON, see kinesis.viz.web.ReplayFiles).")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--port",
      defaultValue = "8765",
      description = "Port on 127.0.0.1 (0: any free port; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--demo",
      paramLabel = "MODEL",
      description =
          "Add a synthetic replay (made-up walking-like motion) of this model: legs | legs-abs | legs-back.")
  List<String> demo = new ArrayList<>();

  @Option(
      names = "--screenshot",
      paramLabel = "PNG",
      description = "Save a screenshot taken in headless Chromium instead of serving, then exit.")
  Path screenshot;

  @Option(
      names = "--frame",
      defaultValue = "0",
      description = "Frame shown first (default ${DEFAULT-VALUE}).")
  int frame;

  @Option(
      names = "--size",
      defaultValue = "1280x900",
      description = "Screenshot size WxH (default ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (files.isEmpty() && demo.isEmpty())
      throw new ParameterException(spec.commandLine(), "give ROLLOUT files or --demo MODEL");
    if (port < 0 || port > 65535)
      throw new ParameterException(spec.commandLine(), "--port must be 0..65535");
    long t0 = System.nanoTime();
    List<Replay> replays = new ArrayList<>();
    for (Path f : files) replays.add(read(f));
    for (String model : demo) {
      try (BodyModel body = BodyModel.load(model)) {
        replays.add(SyntheticReplay.of(body, 4.0, 30, 0.35));
      }
    }
    int[] wh = parseSize(size);
    try (ViewerServer server = new ViewerServer(replays, screenshot != null ? 0 : port)) {
      double buildMs = (System.nanoTime() - t0) / 1e6;
      String url = server.url() + (frame > 0 ? "?frame=" + frame : "");
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("url", url);
      out.put(
          "replays",
          replays.stream()
              .map(r -> Map.of("label", r.label(), "model", r.model(), "frames", r.frames()))
              .toList());
      out.put("payloadBytes", server.payloadBytes());
      out.put("buildMs", Math.round(buildMs));
      if (screenshot != null) {
        Chromium chromium =
            Chromium.find()
                .orElseThrow(
                    () ->
                        new BadInputException(
                            "--screenshot needs Chromium (apt-get install chromium, or set KINESIS_CHROMIUM)"));
        chromium.screenshot(url, screenshot, wh[0], wh[1], 4000);
        out.put("screenshot", screenshot.toAbsolutePath().toString());
        print(out, "screenshot " + screenshot.toAbsolutePath() + " (" + wh[0] + "x" + wh[1] + ")");
        return 0;
      }
      print(
          out,
          "serving "
              + replays.size()
              + " replay(s) at "
              + url
              + "  (payload "
              + server.payloadBytes() / 1024
              + " KiB, prepared in "
              + Math.round(buildMs)
              + " ms; Ctrl-C to stop)");
      new CountDownLatch(1).await();
      return 0;
    }
  }

  /** Reads one rollout ({@code *.rollout.npz}) or replay JSON file into a replay. */
  static Replay read(Path file) {
    if (file.getFileName().toString().endsWith(".npz")) {
      return Replay.of(
          kinesis.task.RolloutFile.read(file),
          file.getFileName().toString().replace(".rollout.npz", ""));
    }
    return ReplayFiles.read(file);
  }

  private void print(Map<String, Object> out, String line) {
    System.out.println(json ? Json.write(out) : line);
    System.out.flush();
  }

  private int[] parseSize(String s) {
    String[] p = s.toLowerCase(Locale.ROOT).split("x", 0);
    try {
      if (p.length == 2) {
        int w = Integer.parseInt(p[0]), h = Integer.parseInt(p[1]);
        if (w >= 200 && h >= 200 && w <= 8000 && h <= 8000) return new int[] {w, h};
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ParameterException(
        spec.commandLine(), "--size must be WxH between 200 and 8000, got " + s);
  }
}
