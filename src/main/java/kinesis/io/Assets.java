package kinesis.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where models and data are found: {@code --assets DIR}, else {@code $KINESIS_ASSETS}, else
 * {@code ../shared} beside the repository. A missing asset names every place that was tried.
 */
public final class Assets {
  private static volatile Path override;

  private Assets() {}

  /** Sets the root given by {@code --assets} (null clears it). */
  public static void setRoot(Path dir) {
    override = dir;
  }

  /** The candidate roots in the order they are tried. */
  public static List<Path> candidates() {
    List<Path> roots = new ArrayList<>();
    if (override != null) roots.add(override);
    String env = System.getenv("KINESIS_ASSETS");
    if (env != null && !env.isBlank()) roots.add(Path.of(env));
    roots.add(repository().resolve("../shared").normalize());
    return roots;
  }

  /** The repository root (set by the launcher and the build; else the working directory). */
  public static Path repository() {
    String repo = System.getProperty("kinesis.repo");
    return (repo != null ? Path.of(repo) : Path.of("")).toAbsolutePath().normalize();
  }

  /** Resolves a path relative to the asset root, e.g. {@code models/kinesis_legs/myolegs.xml}. */
  public static Path resolve(String relative) {
    List<Path> tried = new ArrayList<>();
    for (Path root : candidates()) {
      Path p = root.resolve(relative);
      if (Files.exists(p)) return p;
      tried.add(p);
    }
    throw new BadInputException("asset '" + relative + "' not found; looked in " + tried
        + " (use --assets DIR or set KINESIS_ASSETS)");
  }
}
