package kinesis.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where models and data are found. An asset (a path such as {@code models/myo_sim/leg/myolegs.xml})
 * is looked for, in order, under the root in force ({@code --assets DIR}, else
 * {@code $KINESIS_ASSETS}, else {@code ../shared} beside the repository), then in the folder that
 * {@code kinesis assets fetch} fills ({@link #cache}), then, for MyoSuite's models only, in a
 * pip-installed MyoSuite ({@code myosuite/simhive/myo_sim}, or {@code $KINESIS_MYOSUITE}). A missing
 * asset names every place that was tried.
 */
public final class Assets {
  private static volatile Path override;

  private Assets() {}

  /** A folder that serves the assets whose path starts with {@code prefix} ("" = all), stripped of it. */
  public record Place(String name, Path dir, String prefix) {
    Path locate(String relative) {
      return relative.startsWith(prefix) ? dir.resolve(relative.substring(prefix.length())) : null;
    }
  }

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

  /** The folder {@code kinesis assets fetch} fills: {@code $KINESIS_ASSETS_CACHE}, else {@code ~/.cache/kinesis/assets}. */
  public static Path cache() {
    String p = System.getProperty("kinesis.assets.cache", System.getenv("KINESIS_ASSETS_CACHE"));
    if (p != null && !p.isBlank()) return Path.of(p);
    return Path.of(System.getProperty("user.home"), ".cache", "kinesis", "assets");
  }

  /** Every place searched, in order. */
  public static List<Place> places() {
    List<Place> places = new ArrayList<>();
    places.add(new Place(rootSource(), root(), ""));
    places.add(new Place("fetched (kinesis assets fetch)", cache(), ""));
    Path myo = pipMyoSuite();
    if (myo != null) places.add(new Place("pip-installed MyoSuite", myo, "models/myo_sim/"));
    return places;
  }

  /** The first place holding {@code relative}, or null. */
  public static Place whereIs(String relative) {
    for (Place p : places()) {
      Path f = p.locate(relative);
      if (f != null && Files.exists(f)) return p;
    }
    return null;
  }

  /** The file of {@code relative} in the first place holding it, or null. */
  public static Path find(String relative) {
    Place p = whereIs(relative);
    return p == null ? null : p.locate(relative);
  }

  /** The repository root (set by the launcher and the build; else the working directory). */
  public static Path repository() {
    String repo = System.getProperty("kinesis.repo");
    return (repo != null ? Path.of(repo) : Path.of("")).toAbsolutePath().normalize();
  }

  /** Resolves an asset, e.g. {@code models/kinesis_legs/myolegs.xml}; a missing one lists the places tried. */
  public static Path resolve(String relative) {
    Path f = find(relative);
    if (f != null) return f;
    List<String> tried = new ArrayList<>();
    for (Place p : places()) {
      Path l = p.locate(relative);
      if (l != null) tried.add(l.toAbsolutePath().toString());
    }
    throw new BadInputException("asset '" + relative + "' not found: looked for " + String.join(", ", tried)
        + " (give --assets DIR or set KINESIS_ASSETS to the folder holding models/ and data/; "
        + "./kinesis assets fetch gets the models)");
  }

  /**
   * MyoSuite's model folder of a pip installation: {@code $KINESIS_MYOSUITE} (the package or its
   * {@code simhive/myo_sim}), else the first {@code site-packages/myosuite/simhive/myo_sim} under
   * the usual Python prefixes (the virtual environment, user and system site-packages, pyenv).
   */
  static Path pipMyoSuite() {
    String env = System.getProperty("kinesis.myosuite", System.getenv("KINESIS_MYOSUITE"));
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isDirectory(p.resolve("simhive/myo_sim")) ? p.resolve("simhive/myo_sim") : p;
    }
    List<Path> prefixes = new ArrayList<>();
    String venv = System.getenv("VIRTUAL_ENV");
    if (venv != null) prefixes.add(Path.of(venv, "lib"));
    Path home = Path.of(System.getProperty("user.home"));
    prefixes.add(home.resolve(".local/lib"));
    prefixes.add(Path.of("/usr/local/lib"));
    prefixes.add(Path.of("/usr/lib"));
    try (Stream<Path> versions = Files.isDirectory(home.resolve(".pyenv/versions")) ? Files.list(home.resolve(".pyenv/versions")) : Stream.empty()) {
      versions.sorted(Comparator.reverseOrder()).forEach(v -> prefixes.add(v.resolve("lib")));
    } catch (IOException e) {
      // no pyenv: nothing to add
    }
    for (Path lib : prefixes) {
      if (!Files.isDirectory(lib)) continue;
      try (Stream<Path> pythons = Files.list(lib)) {
        for (Path py : pythons.filter(p -> p.getFileName().toString().startsWith("python")).sorted(Comparator.reverseOrder()).toList()) {
          for (String site : List.of("site-packages", "dist-packages")) {
            Path myo = py.resolve(site).resolve("myosuite/simhive/myo_sim");
            if (Files.isDirectory(myo)) return myo;
          }
        }
      } catch (IOException e) {
        // unreadable prefix: skip it
      }
    }
    return null;
  }
}
