package kinesis.viz.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven from the command line, for screenshots of the viewer and for its browser
 * test. WebGL runs without a GPU on SwiftShader. Each call uses a fresh, empty profile and no
 * network services beyond the page's own address.
 */
public final class Chromium {
  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /**
   * Chromium from {@code $KINESIS_CHROMIUM} or the PATH ({@code chromium}, {@code
   * chromium-browser}, {@code google-chrome}).
   */
  public static Optional<Chromium> find() {
    String env = System.getenv("KINESIS_CHROMIUM");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env)))
      return Optional.of(new Chromium(Path.of(env)));
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":", 0)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) return Optional.of(new Chromium(p));
      }
    }
    return Optional.empty();
  }

  public Path binary() {
    return binary;
  }

  /** Saves a PNG of {@code url} after {@code budgetMs} of (virtual) page time. */
  public void screenshot(String url, Path png, int width, int height, int budgetMs) {
    run(
        List.of(
            "--screenshot=" + png.toAbsolutePath(),
            "--window-size=" + width + "," + height,
            "--virtual-time-budget=" + budgetMs,
            url),
        120);
    if (!Files.isRegularFile(png))
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
  }

  /** The page's DOM after {@code budgetMs} of (virtual) page time. */
  public String dumpDom(String url, int width, int height, int budgetMs) {
    return run(
        List.of(
            "--dump-dom",
            "--window-size=" + width + "," + height,
            "--virtual-time-budget=" + budgetMs,
            url),
        120);
  }

  private String run(List<String> args, int timeoutS) {
    Path profile = null;
    try {
      profile = Files.createTempDirectory("kinesis-chromium-");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "--headless",
                  "--disable-gpu",
                  "--use-angle=swiftshader",
                  "--enable-unsafe-swiftshader",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--disable-extensions",
                  "--hide-scrollbars",
                  "--mute-audio",
                  "--user-data-dir=" + profile));
      if (isRoot()) cmd.add("--no-sandbox");
      cmd.addAll(args);
      Path log = profile.resolve("stderr.txt"), out = profile.resolve("stdout.txt");
      Process p =
          new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish in " + timeoutS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + tail(log));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running chromium", e);
    } finally {
      try {
        if (profile != null) kinesis.io.AtomicFiles.deleteTree(profile);
      } catch (IOException ignored) {
        // a leftover temporary profile is harmless
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
