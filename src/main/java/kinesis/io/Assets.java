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
 * is looked for, in order, under the root ({@code --assets DIR}, else {@code $KINESIS_ASSETS}, else
 * {@code ../shared} beside the repository), then in the folder that {@code kinesis assets fetch}
 * fills ({@link #cache}), then, for MyoSuite's models only, in a pip-installed MyoSuite ({@code
 * myosuite/simhive/myo_sim}, or {@code $KINESIS_MYOSUITE}). A missing asset names every place that
 * was tried.
 *
 * <p>An {@code Assets} is an immutable value. The static methods use the one in force: the value a
 * caller bound with {@link #run}/{@link #call} for the extent of that call (the CLI binds the one
 * {@code --assets} gives for the command it runs), else {@link #fromEnvironment()}. Threads a
 * caller starts itself see the environment's, not the binding.
 *
 * @param rootDir the asset root
 * @param rootFrom how the root was chosen ({@code --assets}, {@code $KINESIS_ASSETS}, ...)
 * @param cacheDir the folder {@code kinesis assets fetch} fills
 * @param myoSuite MyoSuite's model folder of a pip installation, or null
 */
public record Assets(Path rootDir, String rootFrom, Path cacheDir, Path myoSuite) {
  private static final ScopedValue<Assets> IN_FORCE = ScopedValue.newInstance();

  /**
   * A folder that serves the assets whose path starts with {@code prefix} ("" = all), stripped of
   * it.
   */
  public record Place(String name, Path dir, String prefix) {
    Path locate(String relative) {
      return relative.startsWith(prefix) ? dir.resolve(relative.substring(prefix.length())) : null;
    }
  }

  /**
   * The places the environment names: {@code $KINESIS_ASSETS} (else {@code ../shared}), the fetch
   * cache, a pip MyoSuite.
   */
  public static Assets fromEnvironment() {
    String env = System.getenv("KINESIS_ASSETS");
    boolean fromEnv = env != null && !env.isBlank();
    return new Assets(
        fromEnv ? Path.of(env) : repository().resolve("../shared").normalize(),
        fromEnv ? "$KINESIS_ASSETS" : "../shared beside the repository",
        defaultCache(),
        pipMyoSuite());
  }

  /**
   * The same places with {@code dir} as the root given by {@code --assets} (null: this value
   * unchanged).
   */
  public Assets withRoot(Path dir) {
    return dir == null ? this : new Assets(dir, "--assets", cacheDir, myoSuite);
  }

  /** The same places with another fetch cache. */
  public Assets withCache(Path dir) {
    return new Assets(rootDir, rootFrom, dir, myoSuite);
  }

  /**
   * The same places with another pip MyoSuite: its package folder or its {@code simhive/myo_sim}
   * (null: none).
   */
  public Assets withMyoSuite(Path dir) {
    return new Assets(rootDir, rootFrom, cacheDir, dir == null ? null : modelFolder(dir));
  }

  /** Runs {@code body} with this value in force for the static methods. */
  public void run(Runnable body) {
    ScopedValue.where(IN_FORCE, this).run(body);
  }

  /** Calls {@code body} with this value in force for the static methods. */
  public <T, X extends Throwable> T call(ScopedValue.CallableOp<T, X> body) throws X {
    return ScopedValue.where(IN_FORCE, this).call(body);
  }

  /** The value in force: the one bound by {@link #run}/{@link #call}, else the environment's. */
  public static Assets inForce() {
    return IN_FORCE.isBound() ? IN_FORCE.get() : fromEnvironment();
  }

  /** Every place searched, in order. */
  public List<Place> searched() {
    List<Place> places = new ArrayList<>();
    places.add(new Place(rootFrom, rootDir, ""));
    places.add(new Place("fetched (kinesis assets fetch)", cacheDir, ""));
    if (myoSuite != null)
      places.add(new Place("pip-installed MyoSuite", myoSuite, "models/myo_sim/"));
    return places;
  }

  /** The first place holding {@code relative}, or null. */
  public Place placeOf(String relative) {
    for (Place p : searched()) {
      Path f = p.locate(relative);
      if (f != null && Files.exists(f)) return p;
    }
    return null;
  }

  /** The file of {@code relative} in the first place holding it, or null. */
  public Path fileOrNull(String relative) {
    Place p = placeOf(relative);
    return p == null ? null : p.locate(relative);
  }

  /** The file of {@code relative}; a missing one lists the places tried. */
  public Path file(String relative) {
    Path f = fileOrNull(relative);
    if (f != null) return f;
    List<String> tried = new ArrayList<>();
    for (Place p : searched()) {
      Path l = p.locate(relative);
      if (l != null) tried.add(l.toAbsolutePath().toString());
    }
    throw new BadInputException(
        "asset '"
            + relative
            + "' not found: looked for "
            + String.join(", ", tried)
            + " (give --assets DIR or set KINESIS_ASSETS to the folder holding models/ and data/; "
            + "./kinesis assets fetch gets the models)");
  }

  /** The root of the value in force. */
  public static Path root() {
    return inForce().rootDir;
  }

  /** How the root in force was chosen (for {@code ./kinesis assets}). */
  public static String rootSource() {
    return inForce().rootFrom;
  }

  /** The fetch cache of the value in force. */
  public static Path cache() {
    return inForce().cacheDir;
  }

  /** Every place the value in force searches, in order. */
  public static List<Place> places() {
    return inForce().searched();
  }

  /** The first place in force holding {@code relative}, or null. */
  public static Place whereIs(String relative) {
    return inForce().placeOf(relative);
  }

  /** The file of {@code relative} in the first place in force holding it, or null. */
  public static Path find(String relative) {
    return inForce().fileOrNull(relative);
  }

  /**
   * Resolves an asset, e.g. {@code models/kinesis_legs/myolegs.xml}; a missing one lists the places
   * tried.
   */
  public static Path resolve(String relative) {
    return inForce().file(relative);
  }

  /**
   * The folder {@code kinesis assets fetch} fills: {@code $KINESIS_ASSETS_CACHE}, else {@code
   * ~/.cache/kinesis/assets}.
   */
  static Path defaultCache() {
    String p = System.getProperty("kinesis.assets.cache", System.getenv("KINESIS_ASSETS_CACHE"));
    if (p != null && !p.isBlank()) return Path.of(p);
    return Path.of(System.getProperty("user.home"), ".cache", "kinesis", "assets");
  }

  /** The repository root (set by the launcher and the build; else the working directory). */
  public static Path repository() {
    String repo = System.getProperty("kinesis.repo");
    return (repo != null ? Path.of(repo) : Path.of("")).toAbsolutePath().normalize();
  }

  /**
   * A path as results record it: relative to the repository root when inside it (so committed
   * results name {@code docs/results/...}, not the machine they were made on), else absolute.
   */
  public static String recorded(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path repo = repository();
    return abs.startsWith(repo) && !abs.equals(repo)
        ? repo.relativize(abs).toString()
        : abs.toString();
  }

  /**
   * MyoSuite's model folder of a pip installation: {@code $KINESIS_MYOSUITE} (the package or its
   * {@code simhive/myo_sim}), else the first {@code site-packages/myosuite/simhive/myo_sim} under
   * the usual Python prefixes (the virtual environment, user and system site-packages, pyenv).
   */
  /** MyoSuite's model folder given its package folder or the model folder itself. */
  private static Path modelFolder(Path p) {
    return Files.isDirectory(p.resolve("simhive/myo_sim")) ? p.resolve("simhive/myo_sim") : p;
  }

  static Path pipMyoSuite() {
    String env = System.getProperty("kinesis.myosuite", System.getenv("KINESIS_MYOSUITE"));
    if (env != null && !env.isBlank()) return modelFolder(Path.of(env));
    List<Path> prefixes = new ArrayList<>();
    String venv = System.getenv("VIRTUAL_ENV");
    if (venv != null) prefixes.add(Path.of(venv, "lib"));
    Path home = Path.of(System.getProperty("user.home"));
    prefixes.add(home.resolve(".local/lib"));
    prefixes.add(Path.of("/usr/local/lib"));
    prefixes.add(Path.of("/usr/lib"));
    try (Stream<Path> versions =
        Files.isDirectory(home.resolve(".pyenv/versions"))
            ? Files.list(home.resolve(".pyenv/versions"))
            : Stream.empty()) {
      versions.sorted(Comparator.reverseOrder()).forEach(v -> prefixes.add(v.resolve("lib")));
    } catch (IOException e) {
      // no pyenv: nothing to add
    }
    for (Path lib : prefixes) {
      if (!Files.isDirectory(lib)) continue;
      try (Stream<Path> pythons = Files.list(lib)) {
        for (Path py :
            pythons
                .filter(p -> p.getFileName().toString().startsWith("python"))
                .sorted(Comparator.reverseOrder())
                .toList()) {
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
