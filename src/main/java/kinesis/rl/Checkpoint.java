package kinesis.rl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kinesis.io.Assets;
import kinesis.io.AtomicFiles;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.nn.TensorFile;

/**
 * A training state at an iteration boundary: {@code manifest.json} plus tensor files ({@code
 * weights.bin}, {@code optimizer.bin}, {@code normaliser.bin}, {@code state.bin}: random state,
 * rollout carry-over and environment state). On disk it is the directory {@code checkpoints/NNNN/},
 * written under a temporary name and renamed, so a crash never leaves half a checkpoint. In memory
 * it is the last good state that NaN recovery and Ctrl-C use.
 */
public record Checkpoint(
    long iteration, Map<String, Object> manifest, Map<String, Map<String, Object>> files) {
  public static final int FORMAT_VERSION = 1;
  public static final List<String> FILES =
      List.of("weights.bin", "optimizer.bin", "normaliser.bin", "state.bin");

  /**
   * The tensors of one of {@link #FILES}; a policy folder (weights and normaliser only) has no
   * optimiser or state.
   */
  public Map<String, Object> file(String name) {
    Map<String, Object> f = files.get(name);
    if (f == null)
      throw new BadInputException(
          label() + " has no " + name + " (a policy folder cannot be resumed)");
    return f;
  }

  /** True when the checkpoint holds {@code name}. */
  public boolean has(String name) {
    return files.containsKey(name);
  }

  /**
   * What a run started from this checkpoint records in its {@code env:} settings: {@code init_from}
   * (the directory and iteration) and {@code init_samples} (the samples behind it, so that {@code
   * compare} places the new run's curve after its parent's).
   */
  public Map<String, String> origin(Path dir) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("init_from", Assets.recorded(dir) + " (" + describe() + ")");
    if (manifest.get("global_step") instanceof Number n)
      m.put("init_samples", String.valueOf(n.longValue()));
    return m;
  }

  /**
   * True for an expert as a mixture stores it (its policy and normaliser, no iteration, no value
   * network): a run can start from it, with a new value network, but never resume it.
   */
  public boolean policyOnly() {
    return !(manifest.get("iteration") instanceof Number);
  }

  /** "checkpoint N", or "the expert's copy" for a policy-only one (messages). */
  public String label() {
    return policyOnly() ? "the expert's copy" : "checkpoint " + iteration;
  }

  /** "iteration N", or what a policy-only copy lacks. */
  public String describe() {
    return policyOnly()
        ? "an expert's policy; the value network starts new"
        : "iteration " + iteration;
  }

  public static String dirName(long iteration) {
    return String.format("%04d", iteration);
  }

  /**
   * Writes {@code checkpoints/NNNN/} atomically and keeps only the newest {@code keep} checkpoints.
   */
  public Path write(Path checkpoints, int keep) {
    return write(checkpoints, keep, dir -> {});
  }

  /** Files of the trained actor written into the checkpoint's directory before it is renamed. */
  @FunctionalInterface
  public interface Extras {
    void write(Path dir) throws IOException;
  }

  /**
   * {@link #write(Path, int)} with {@code extras} (e.g. a self-contained mixture) in the same
   * directory.
   */
  public Path write(Path checkpoints, int keep, Extras extras) {
    try {
      Files.createDirectories(checkpoints);
      try (Stream<Path> s =
          Files.list(checkpoints)) { // leftovers of a removal that a kill interrupted
        for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".del-")).toList())
          AtomicFiles.deleteTree(p);
      }
      Path tmp = checkpoints.resolve(".tmp-" + dirName(iteration));
      AtomicFiles.deleteTree(tmp);
      Files.createDirectories(tmp);
      for (var e : files.entrySet()) {
        Files.write(tmp.resolve(e.getKey()), TensorFile.encode(e.getValue()));
        pauseForSoak();
      }
      extras.write(tmp);
      pauseForSoak();
      Json.write(tmp.resolve("manifest.json"), manifest);
      pauseForSoak();
      Path dst = checkpoints.resolve(dirName(iteration));
      remove(dst);
      AtomicFiles.move(tmp, dst);
      List<Path> all = list(checkpoints);
      for (int i = 0; i + keep < all.size(); i++) remove(all.get(i));
      return dst;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + checkpoints, e);
    }
  }

  /**
   * Removes a checkpoint folder so that no half-deleted one is ever listed as complete: renamed out
   * of the listing first ({@code .del-NNNN}), then deleted ({@link #write} clears leftovers of an
   * interrupted one).
   */
  private static void remove(Path dir) throws IOException {
    Path gone = dir.resolveSibling(".del-" + dir.getFileName());
    AtomicFiles.deleteTree(gone);
    if (Files.exists(dir)) AtomicFiles.move(dir, gone);
    AtomicFiles.deleteTree(gone);
  }

  /**
   * Kill-soak hook ({@code -Dkinesis.checkpoint.pause_ms=N}): pauses after each file of a
   * checkpoint so that kills land inside writes.
   */
  private static final long SOAK_PAUSE_MS = Long.getLong("kinesis.checkpoint.pause_ms", 0);

  private static void pauseForSoak() {
    if (SOAK_PAUSE_MS <= 0) return;
    try {
      Thread.sleep(SOAK_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Earlier versions wrote checkpoint folders without their execute bit (unreadable for other
   * users): add it.
   */
  private static void repairMode(Path dir) {
    try {
      if (Files.isDirectory(dir)
          && !Files.getPosixFilePermissions(dir)
              .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
        AtomicFiles.setReadable(dir);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not ours to change, or no POSIX modes: leave it
    }
  }

  /**
   * Complete checkpoint directories, oldest first (folders missing their execute bit are repaired).
   */
  public static List<Path> list(Path checkpoints) {
    if (!Files.isDirectory(checkpoints)) return List.of();
    try (Stream<Path> s = Files.list(checkpoints)) {
      List<Path> out =
          new ArrayList<>(
              s.filter(p -> p.getFileName().toString().matches("\\d{4,}"))
                  .peek(Checkpoint::repairMode)
                  .filter(p -> Files.isRegularFile(p.resolve("manifest.json")))
                  .toList());
      out.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a checkpoint directory, validating the manifest and every tensor file. */
  @SuppressWarnings("unchecked")
  public static Checkpoint read(Path dir) {
    // a shipped mixture (a gate's run checkpoint holds moe.json beside its manifest)
    if (Files.isRegularFile(dir.resolve("moe.json")) && !Files.exists(dir.resolve("manifest.json")))
      throw new BadInputException(
          dir,
          "is a mixture of experts: start from one of its experts ("
              + dir.resolve("experts")
              + "/K) or train a new gate with ./kinesis moe");
    Map<String, Object> manifest = Json.read(dir.resolve("manifest.json"), LinkedHashMap.class);
    Object version = manifest.get("format_version");
    if (!(version instanceof Number v) || v.intValue() != FORMAT_VERSION) {
      throw new BadInputException(
          dir.resolve("manifest.json"),
          "format_version " + version + ", expected " + FORMAT_VERSION);
    }
    long it;
    if (manifest.get("iteration") instanceof Number n) it = n.longValue();
    else if (Files.exists(dir.resolve("state.bin")))
      throw new BadInputException(dir.resolve("manifest.json"), "no iteration");
    else it = -1; // a mixture's copy of an expert

    Map<String, Map<String, Object>> files = new LinkedHashMap<>();
    for (String f : FILES) {
      boolean optional = f.equals("optimizer.bin") || f.equals("state.bin");
      if (!optional || Files.exists(dir.resolve(f))) files.put(f, TensorFile.read(dir.resolve(f)));
    }
    return new Checkpoint(it, manifest, files);
  }
}
