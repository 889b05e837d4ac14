package kinesis.cluster;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.eval.ReachEvaluator;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Precision;
import kinesis.rl.moe.Controller;
import kinesis.task.reach.ReachConfig;

/**
 * Goal-reaching trials ({@code reach eval --cluster}): job i is trial i, its goal and controller
 * seeded by i as {@link ReachEvaluator#run} seeds them. The template for another task's trials.
 */
public final class ReachJobs implements JobKind<ReachEvaluator.Trial> {
  static final ReachJobs KIND = new ReachJobs();

  private ReachJobs() {}

  /**
   * {@code trials} trials of the policy in {@code policyDir} from frame 0 of clip {@code start} (of
   * clip set {@code motions} for {@code model}) under {@code cfg}, for seed {@code seed}: what
   * {@code ReachEvaluator.run(body, clip, cfg, () -> spec.controller(gemm, false), trials, seed,
   * threads)} gives in one JVM.
   */
  public static List<ReachEvaluator.Trial> run(
      ClusterEval workers,
      Path policyDir,
      String motions,
      String model,
      String start,
      ReachConfig cfg,
      int trials,
      long seed) {
    if (trials < 1)
      throw new kinesis.io.BadInputException("--trials must be at least 1, not " + trials);
    Map<String, String> settings = new LinkedHashMap<>(cfg.toMap());
    settings.put("motions", motions);
    settings.put("model", model);
    settings.put("start", start);
    return workers.run(
        KIND, policyDir, false, Precision.FLOAT32, settings, Collections.nCopies(trials, ""), seed);
  }

  @Override
  public String name() {
    return "reach";
  }

  @Override
  public Runner<ReachEvaluator.Trial> open(Map<String, String> settings) {
    Clip start =
        ClipSet.open(settings.get("motions"), settings.get("model")).get(settings.get("start"));
    ReachConfig cfg = ReachConfig.fromMap(settings);
    BodyModel body = BodyModel.load(settings.get("model"));
    return new Runner<>() {
      @Override
      public ReachEvaluator.Trial run(Controller c, String item, int index, long seed) {
        return ReachEvaluator.trial(body, start, cfg, c, index, seed);
      }

      @Override
      public void close() {
        body.close();
      }
    };
  }

  @Override
  public void write(Bytes.Out out, ReachEvaluator.Trial t) {
    out.f64(t.forward())
        .f64(t.left())
        .i32(t.success() ? 1 : 0)
        .i32(t.fell() ? 1 : 0)
        .f64(t.finalDistance())
        .f64(t.reachSeconds())
        .f64(t.episodeReturn())
        .i32(t.steps());
  }

  @Override
  public ReachEvaluator.Trial read(Bytes.In in) {
    return new ReachEvaluator.Trial(
        in.f64(), in.f64(), in.i32() != 0, in.i32() != 0, in.f64(), in.f64(), in.f64(), in.i32());
  }
}
