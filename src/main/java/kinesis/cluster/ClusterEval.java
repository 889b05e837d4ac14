package kinesis.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.nn.Precision;

/**
 * Evaluation spread over workers: one job per clip or trial, handed to workers as they have free
 * cores; each job is seeded by its index exactly as the one-JVM evaluator seeds it, so the results
 * equal those of one JVM (for deterministic policies, and for a mixture's sampled experts too). The
 * kinds of job are {@link JobKind#ALL}; each has a public entry point taking this coordinator
 * ({@link ClipJobs#run}, {@link ReachJobs#run}).
 */
public final class ClusterEval implements AutoCloseable {
  private final CoordinatorNode node;
  private final int minWorkers;

  /** Starts a coordinator that evaluates with the workers that join it. */
  public ClusterEval(ClusterSettings settings, PrintStream log) {
    node = new CoordinatorNode(settings, new byte[0], log);
    minWorkers = settings.minWorkers();
  }

  public String address() {
    return node.address();
  }

  /**
   * Results in job order of the policy in {@code policyDir}: job i is {@code items.get(i)} (a clip
   * name, or empty for trials) with index i, for run seed {@code seed}.
   */
  <R> List<R> run(
      JobKind<R> kind,
      Path policyDir,
      boolean argmax,
      Precision precision,
      Map<String, String> settings,
      List<String> items,
      long seed) {
    node.awaitWorkers(minWorkers);
    EvalSetup setup =
        new EvalSetup(
            EvalSetup.policyFiles(policyDir), kind.name(), argmax, precision.label(), settings);
    List<byte[]> jobs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) jobs.add(new EvalJob(i, items.get(i), i, seed).encode());
    List<R> out = new ArrayList<>();
    for (byte[] r : node.evaluate(setup.encode(), jobs)) out.add(EvalJob.decodeResult(r, kind));
    return out;
  }

  @Override
  public void close() {
    node.close();
  }
}
