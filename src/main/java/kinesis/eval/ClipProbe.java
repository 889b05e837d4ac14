package kinesis.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.nn.Policy;
import kinesis.nn.VecGemm;
import kinesis.rl.Probe;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.task.ControlMode;

/**
 * The mean action played on one clip from its first frame under both protocols (training: any
 * tracked body beyond 0.15 m ends the episode; paper: mean beyond 0.5 m), every few iterations of a
 * training run: the number users watch, logged beside the training metrics.
 */
public final class ClipProbe implements Probe {
  /**
   * Logged names: coverage and steps under the training protocol, coverage, MPJPE and success under
   * the paper's.
   */
  public static final List<String> NAMES =
      List.of(
          "eval/coverage_train",
          "eval/steps_train",
          "eval/coverage_paper",
          "eval/mpjpe_paper_mm",
          "eval/success_paper");

  private final BodyModel body;
  private final Clip clip;
  private final ControlMode control;
  private final int every;

  /** Loads its own copy of {@code model} (closed by {@link #close}). */
  public ClipProbe(String model, Clip clip, ControlMode control, int every) {
    if (every < 1) throw new IllegalArgumentException("every must be at least 1");
    this.body = BodyModel.load(model);
    this.clip = clip;
    this.control = control;
    this.every = every;
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public int every() {
    return every;
  }

  @Override
  public Map<String, Double> measure(Policy policy) {
    Controller c = ExpertSpec.of(policy, Map.of(), "probe").controller(new VecGemm(1), true);
    ClipOutcome train = Evaluator.episode(body, clip, Protocol.TRAIN.config(control), c);
    ClipOutcome paper = Evaluator.episode(body, clip, Protocol.PAPER.config(control), c);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(NAMES.get(0), train.coverage());
    m.put(NAMES.get(1), (double) train.steps());
    m.put(NAMES.get(2), paper.coverage());
    m.put(NAMES.get(3), paper.mpjpeMm());
    m.put(NAMES.get(4), paper.success() ? 1.0 : 0.0);
    return m;
  }

  public Clip clip() {
    return clip;
  }

  @Override
  public void close() {
    body.close();
  }
}
