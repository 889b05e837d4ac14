package kinesis.io;

import java.nio.file.Files;
import java.nio.file.Path;

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

  /** How the asset root in force was chosen (for {@code ./kinesis assets}). */
  public static String rootSource() {
    if (override != null) return "--assets";
    String env = System.getenv("KINESIS_ASSETS");
    if (env != null && !env.isBlank()) return "$KINESIS_ASSETS";
    return "../shared beside the repository";
  }

  /** The asset root in force: {@code --assets}, else {@code $KINESIS_ASSETS}, else {@code ../shared}. */
  public static Path root() {
    if (override != null) return override;
    String env = System.getenv("KINESIS_ASSETS");
    if (env != null && !env.isBlank()) return Path.of(env);
    return repository().resolve("../shared").normalize();
  }

  /** The repository root (set by the launcher and the build; else the working directory). */
  public static Path repository() {
    String repo = System.getProperty("kinesis.repo");
    return (repo != null ? Path.of(repo) : Path.of("")).toAbsolutePath().normalize();
  }

  /** Resolves a path relative to the asset root, e.g. {@code models/kinesis_legs/myolegs.xml}. */
  public static Path resolve(String relative) {
    Path p = root().resolve(relative);
    if (Files.exists(p)) return p;
    throw new BadInputException("asset '" + relative + "' not found: looked for " + p.toAbsolutePath()
        + " (give --assets DIR or set KINESIS_ASSETS to the folder holding models/ and data/)");
  }
}
