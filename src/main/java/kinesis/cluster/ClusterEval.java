package kinesis.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kinesis.eval.ClipOutcome;
import kinesis.motion.Clip;
import kinesis.nn.Precision;

/**
 * Evaluation spread over workers: one job per clip, handed to workers as they have free cores;
 * each clip is seeded by its index exactly as {@link kinesis.eval.Evaluator#run} seeds it, so the
 * outcomes equal those of one JVM (for deterministic policies, and for a mixture's sampled experts too).
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
   * Outcomes in clip order of the policy in {@code policyDir} on {@code clips} (all from clip set
   * {@code motions} for {@code model}) under a protocol, for run seed {@code seed}.
   */
  public List<ClipOutcome> run(Path policyDir, String motions, String model, String protocol, boolean argmax, Precision precision,
      List<Clip> clips, long seed) {
    node.awaitWorkers(minWorkers);
    EvalSetup setup = new EvalSetup(EvalSetup.policyFiles(policyDir), motions, model, protocol, argmax, precision.label());
    List<byte[]> jobs = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) jobs.add(new EvalJob(i, clips.get(i).name(), i, seed).encode());
    List<ClipOutcome> out = new ArrayList<>();
    for (byte[] r : node.evaluate(setup.encode(), jobs)) out.add(EvalJob.decodeResult(r));
    return out;
  }

  @Override
  public void close() {
    node.close();
  }
}
