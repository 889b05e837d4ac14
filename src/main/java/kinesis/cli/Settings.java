package kinesis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;

/** What the commands share in reading {@code key=value} arguments and the folders they name. */
final class Settings {
  private Settings() {}

  /**
   * PPO settings of a task fine-tuned from a policy unless overridden (goal reaching, the kick): a
   * small, KL-controlled update; the normaliser moves once per iteration.
   */
  static final List<String> FINE_TUNING =
      List.of("policy_lr=1e-4", "target_kl=0.05", "norm_update=iteration");

  /** The setting named by a {@code key=value} argument ({@code -} read as {@code _}). */
  static String key(String arg) {
    int eq = arg.indexOf('=');
    return eq > 0 ? arg.substring(0, eq).trim().replace('-', '_') : arg;
  }

  /** The value of a {@code key=value} argument. */
  static String value(String arg) {
    return arg.substring(arg.indexOf('=') + 1).trim();
  }

  /** A clip set as a run records it: a folder by its absolute path, a built-in set by name. */
  static String motions(String motions) {
    Path p = Path.of(motions);
    return Files.isDirectory(p) ? p.toAbsolutePath().normalize().toString() : motions;
  }

  /**
   * PPO settings fine-tuning the network of a checkpoint with this manifest: {@link #FINE_TUNING},
   * its actor and widths, then {@code ppo} (which may override any of them).
   */
  static List<String> fineTuning(Map<String, Object> manifest, List<String> ppo) {
    List<String> network = new ArrayList<>(FINE_TUNING);
    network.add("actor=" + manifest.getOrDefault("actor", "lattice"));
    network.add("hidden=" + manifest.getOrDefault("hidden", List.of(256, 256)));
    network.addAll(ppo);
    return network;
  }

  /**
   * Refuses a starting policy that observes the reference ahead ({@code ref_preview}): the task
   * builds the reference code's observation, which has no such blocks.
   */
  static void requireReferenceObservation(Map<?, ?> env, Path from, String task) {
    Object preview = env.get("ref_preview");
    if (preview != null && !"none".equals(String.valueOf(preview)))
      throw new BadInputException(
          from,
          "was trained with ref_preview="
              + preview
              + "; "
              + task
              + " builds the reference code's observation without it");
  }

  /** Creates an output folder (and its parents), or says which one cannot be. */
  static void createFolder(Path out) {
    try {
      Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw new BadInputException(out, "cannot create the folder: " + e.getMessage());
    }
  }
}
