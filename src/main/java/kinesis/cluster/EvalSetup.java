package kinesis.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kinesis.io.BadInputException;

/**
 * What a worker needs to run the jobs of one evaluation: the policy's files (a checkpoint or
 * mixture directory, without optimiser and training state), how the controller acts, the {@link
 * JobKind} and that kind's settings (model, clip set, task settings). Clip sets given as
 * directories must exist at the same path on every node.
 */
record EvalSetup(
    Map<String, byte[]> policyFiles,
    String kind,
    boolean argmax,
    String precision,
    Map<String, String> settings) {
  private static final List<String> SKIP = List.of("optimizer.bin", "state.bin");

  /** The files of the policy directory {@code dir} that loading it reads. */
  static Map<String, byte[]> policyFiles(Path dir) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        if (SKIP.contains(name) || !(name.endsWith(".json") || name.endsWith(".bin"))) continue;
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new BadInputException(dir, "cannot read the policy: " + e.getMessage());
    }
    return files;
  }

  byte[] encode() {
    Bytes.Out out = new Bytes.Out().i32(policyFiles.size());
    policyFiles.forEach((k, v) -> out.str(k).raw(v));
    out.str(kind).i32(argmax ? 1 : 0).str(precision).i32(settings.size());
    settings.forEach((k, v) -> out.str(k).str(v));
    return out.bytes();
  }

  static EvalSetup decode(byte[] b) {
    Bytes.In in = new Bytes.In(b);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = in.i32(); i > 0; i--) files.put(in.str(), in.raw());
    String kind = in.str();
    boolean argmax = in.i32() != 0;
    String precision = in.str();
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = in.i32(); i > 0; i--) settings.put(in.str(), in.str());
    EvalSetup s = new EvalSetup(files, kind, argmax, precision, settings);
    in.end();
    return s;
  }

  /**
   * Writes the policy files under a fresh temporary directory (refusing paths that leave it) and
   * returns it.
   */
  Path writePolicy() {
    try {
      Path dir = Files.createTempDirectory("kinesis-eval-policy");
      for (var e : policyFiles.entrySet()) {
        Path p = dir.resolve(e.getKey()).normalize();
        if (!p.startsWith(dir))
          throw new IllegalArgumentException(
              "policy file path leaves its directory: " + e.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a directory written by {@link #writePolicy}. */
  static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(walk.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
