package kinesis.motion;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.Json;

/**
 * The named clip set {@code public-locomotion}: every motion listed in the bundled {@code
 * public-locomotion.json} (from {@code data/motions}), imported for one model with poses, cut into
 * pieces when long, with its skill and a fixed train/test split by source file. Built into a cache
 * outside the repository ({@code $KINESIS_CACHE}, else {@code ~/.cache/kinesis}, then {@code
 * clips/public-locomotion[-MODEL]}) on first use.
 */
public final class PublicClips {
  private PublicClips() {}

  public static final String NAME = "public-locomotion";

  /** One source of the set. */
  public record Source(String file, String skill, String split) {}

  /** Where the files under {@code folder} come from (for users who have no {@code ../shared}). */
  public record Dataset(String folder, String name, String url, String licence, String from) {}

  /** The bundled specification. */
  public record Spec(
      String name,
      int version,
      double cutLongerThan,
      double pieceSeconds,
      List<Source> sources,
      List<Dataset> datasets) {}

  public static Spec spec() {
    try (InputStream in =
        PublicClips.class.getResourceAsStream("/kinesis/motion/public-locomotion.json")) {
      JsonNode r = Json.MAPPER.readTree(in);
      List<Source> s = new ArrayList<>();
      for (JsonNode n : r.path("sources")) {
        s.add(
            new Source(
                n.path("file").asText(),
                n.hasNonNull("skill") ? n.get("skill").asText() : null,
                n.path("split").asText()));
      }
      List<Dataset> d = List.of(Json.MAPPER.treeToValue(r.path("datasets"), Dataset[].class));
      return new Spec(
          r.path("name").asText(),
          r.path("version").asInt(),
          r.path("cut").path("longer_than_s").asDouble(),
          r.path("cut").path("piece_s").asDouble(),
          s,
          d);
    } catch (IOException e) {
      throw new IllegalStateException("bundled public-locomotion.json unreadable", e);
    }
  }

  /** Cache directory for the set built for {@code model}. */
  public static Path directory(String model) {
    String env = System.getenv("KINESIS_CACHE");
    Path cache =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "kinesis");
    return cache.resolve("clips").resolve(model.equals("legs") ? NAME : NAME + "-" + model);
  }

  /** The set for {@code model}, built first when missing or built from an older specification. */
  public static ClipSet ensure(String model) {
    Path dir = directory(model);
    if (upToDate(dir)) return ClipSet.load(dir);
    build(model, dir, msg -> System.err.println("kinesis: " + msg));
    return ClipSet.load(dir);
  }

  /** True when {@code dir} holds a set built from the current specification. */
  public static boolean upToDate(Path dir) {
    if (!ClipSet.exists(dir)) return false;
    try {
      JsonNode m = Json.MAPPER.readTree(dir.resolve("manifest.json").toFile());
      return m.path("spec_version").asInt(-1) == spec().version();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Refuses a build with missing motion files in one message that says, per data set, where to get
   * them and under which licence (some may not be redistributed, so users download them
   * themselves).
   */
  static void requireSources(Spec spec) {
    List<String> missing = new ArrayList<>();
    for (Source s : spec.sources()) if (Assets.find(s.file()) == null) missing.add(s.file());
    if (missing.isEmpty()) return;
    StringBuilder how = new StringBuilder();
    for (Dataset d : spec.datasets()) {
      long n = missing.stream().filter(f -> f.startsWith(d.folder())).count();
      if (n == 0) continue;
      how.append("; ")
          .append(n)
          .append(" from the ")
          .append(d.name())
          .append(" (")
          .append(d.url())
          .append(", ")
          .append(d.licence())
          .append("): ")
          .append(d.from())
          .append(" -> ")
          .append(d.folder());
    }
    throw new BadInputException(
        "the "
            + spec.name()
            + " clip set needs "
            + missing.size()
            + " motion files that are not under "
            + Assets.root()
            + " (first: "
            + missing.get(0)
            + ")"
            + how
            + "; give --assets DIR holding data/motions/");
  }

  /** What a build did: the set and per-clip import statistics. */
  public record Build(ClipSet set, Path dir, double seconds) {}

  /** Imports every source for {@code model} into {@code dir} (replacing what was there). */
  public static Build build(String model, Path dir, Consumer<String> log) {
    long t0 = System.nanoTime();
    Spec spec = spec();
    requireSources(spec);
    List<ClipSet.Entry> entries = new ArrayList<>();
    try (BodyModel body = BodyModel.load(model);
        Importers imp = new Importers(body, Importers.DEFAULT_POSE_STRIDE)) {
      for (Source s : spec.sources()) {
        Path file = Assets.resolve(s.file());
        for (Importers.Imported i :
            imp.importFile(file, s.skill(), null, spec.cutLongerThan(), spec.pieceSeconds())) {
          entries.add(new ClipSet.Entry(i.clip(), s.split(), i.ik()));
          log.accept(
              String.format(
                  java.util.Locale.ROOT,
                  "%-40s %-13s %-5s %4d frames  IK mean %.1f mm max %.1f mm",
                  i.clip().name(),
                  i.clip().skill(),
                  s.split(),
                  i.clip().frames(),
                  i.ik().meanMm(),
                  i.ik().maxMm()));
        }
      }
    }
    ClipSet set = new ClipSet(spec.name(), model, entries);
    try {
      Path tmp = dir.resolveSibling(dir.getFileName() + ".building");
      AtomicFiles.deleteTree(tmp);
      // the specification version lets ensure() rebuild when it changes
      set.save(
          tmp, Map.of("spec_version", spec.version(), "built_by", "kinesis motion build-public"));
      AtomicFiles.deleteTree(dir);
      Files.createDirectories(dir.getParent());
      Files.move(tmp, dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write clip set " + dir, e);
    }
    return new Build(set, dir, (System.nanoTime() - t0) / 1e9);
  }
}
