package kinesis.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code kinesis assets fetch}: the model repositories at pinned commits (resource {@code
 * asset-sources.json}), cloned with the system's {@code git} and copied into {@link Assets#cache}.
 * A folder already holding the pinned commit (its {@code .kinesis-source} stamp) is left alone; a
 * new copy is staged under a temporary name and renamed into place.
 */
public final class AssetFetch {
  private AssetFetch() {}

  /**
   * One repository folder to fetch: where it goes under the asset root, from where, at which
   * commit.
   */
  public record Source(
      String target,
      String repository,
      String commit,
      String subfolder,
      String licence,
      String provides) {}

  /** What happened to one source. */
  public record Outcome(Source source, Path dir, boolean fetched) {}

  public static List<Source> sources() {
    try (InputStream in = AssetFetch.class.getResourceAsStream("/kinesis/io/asset-sources.json")) {
      if (in == null) throw new IllegalStateException("asset-sources.json missing from the build");
      return List.of(Json.MAPPER.readValue(in, Source[].class));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fetches every source into {@code into} ({@code repositories} overrides the URL of a target,
   * e.g. a local clone or a mirror); returns one outcome per source.
   */
  public static List<Outcome> fetch(
      Path into, Map<String, String> repositories, java.io.PrintStream log) {
    return fetch(into, sources(), repositories, log);
  }

  /** {@link #fetch(Path, Map, java.io.PrintStream)} of the given sources. */
  public static List<Outcome> fetch(
      Path into, List<Source> sources, Map<String, String> repositories, java.io.PrintStream log) {
    for (String t : repositories.keySet()) {
      if (sources.stream().noneMatch(s -> s.target().equals(t))) {
        throw new BadInputException(
            "unknown fetch target '"
                + t
                + "' (known: "
                + sources.stream().map(Source::target).toList()
                + ")");
      }
    }
    List<Outcome> out = new ArrayList<>();
    for (Source s : sources) {
      String url = repositories.getOrDefault(s.target(), s.repository());
      Path dir = into.resolve(s.target());
      Path stamp = dir.resolve(".kinesis-source");
      if (Files.isRegularFile(stamp) && read(stamp).contains(s.commit())) {
        log.println(s.target() + ": already at " + s.commit().substring(0, 10));
        out.add(new Outcome(s, dir, false));
        continue;
      }
      log.println(s.target() + ": fetching " + url + " at " + s.commit().substring(0, 10) + " …");
      Path clone = into.resolve(".fetch-" + s.target().replace('/', '-'));
      try {
        AtomicFiles.deleteTree(clone);
        git(into, "clone", "--quiet", "--no-checkout", url, clone.toString());
        git(clone, "-c", "advice.detachedHead=false", "checkout", "--quiet", s.commit());
        Path from = s.subfolder().isEmpty() ? clone : clone.resolve(s.subfolder());
        if (!Files.isDirectory(from))
          throw new BadInputException(
              url + " has no folder '" + s.subfolder() + "' at " + s.commit());
        AtomicFiles.deleteTree(from.resolve(".git"));
        Files.writeString(
            from.resolve(".kinesis-source"), url + " " + s.commit() + "\n", StandardCharsets.UTF_8);
        Files.createDirectories(dir.getParent());
        AtomicFiles.deleteTree(dir);
        Files.move(from, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new BadInputException(dir, "cannot write the fetched files: " + e.getMessage());
      } finally {
        try {
          AtomicFiles.deleteTree(clone);
        } catch (IOException e) {
          log.println(
              "(could not remove the temporary clone " + clone + ": " + e.getMessage() + ")");
        }
      }
      out.add(new Outcome(s, dir, true));
    }
    return out;
  }

  /**
   * Runs git in {@code dir}; a failure (no git, no network, unknown commit) is one line saying what
   * to do.
   */
  private static void git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    try {
      Files.createDirectories(dir);
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.MINUTES)) p.destroyForcibly().waitFor();
      if (p.exitValue() != 0) {
        String why =
            output
                .lines()
                .filter(l -> !l.isBlank())
                .reduce((a, b) -> b)
                .orElse("exit " + p.exitValue());
        throw new BadInputException(
            "git "
                + args[0]
                + " failed ("
                + why.trim()
                + "); without network, copy the model folders "
                + "into a folder and give --assets DIR, or pip install myosuite (its models are found)");
      }
    } catch (IOException e) {
      throw new BadInputException(
          "cannot run git (" + e.getMessage() + "): install git, or give --assets DIR");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BadInputException("git interrupted");
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      return "";
    }
  }
}
