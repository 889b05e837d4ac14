package kinesis.rl.moe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kinesis.io.BadInputException;
import kinesis.rl.Checkpoint;

/**
 * Finds and loads a policy given on the command line: a run directory, a checkpoint, or a mixture.
 */
public final class Policies {
  private Policies() {}

  /**
   * A mixture directory ({@code moe.json}), a checkpoint directory ({@code manifest.json}), or a
   * run directory (its newest checkpoint under {@code checkpoints/}), or a folder of checkpoints
   * ({@code RUN/best}).
   */
  public static PolicySpec load(Path path) {
    Path dir = resolve(path);
    return MixtureSpec.isMixture(dir) ? MixtureSpec.read(dir) : ExpertSpec.read(dir);
  }

  /** The directory {@link #load} reads. */
  public static Path resolve(Path path) {
    if (!Files.isDirectory(path))
      throw new BadInputException(path, "no such policy (a run, checkpoint or MoE directory)");
    if (MixtureSpec.isMixture(path) || Files.isRegularFile(path.resolve("manifest.json")))
      return path;
    List<Path> cps = Checkpoint.list(path.resolve("checkpoints"));
    if (cps.isEmpty()) cps = Checkpoint.list(path); // a folder of checkpoints, e.g. RUN/best
    if (cps.isEmpty())
      cps = MixtureSpec.list(path.resolve("checkpoints")); // mixtures trained before they were runs
    if (cps.isEmpty())
      throw new BadInputException(
          path,
          "holds no checkpoint (expected moe.json, manifest.json, checkpoints/NNNN/ or NNNN/)");
    return cps.get(cps.size() - 1);
  }
}
