package kinesis.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.eval.ClipOutcome;
import kinesis.eval.Evaluator;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Precision;
import kinesis.rl.moe.Controller;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.TrackingError;

/**
 * Clip evaluation jobs ({@code eval --cluster}, {@code mine --cluster}'s failure search): job i is
 * clip i, seeded as {@link Evaluator#run} seeds it.
 */
public final class ClipJobs implements JobKind<ClipOutcome> {
  static final ClipJobs KIND = new ClipJobs();

  private ClipJobs() {}

  /**
   * Outcomes in clip order of the policy in {@code policyDir} on {@code clips} (all from clip set
   * {@code motions} for {@code model}) under the environment settings {@code cfg}, for run seed
   * {@code seed}: what {@code Evaluator.run(body, clips, cfg, controllers, seed, threads)} gives in
   * one JVM.
   */
  public static List<ClipOutcome> run(
      ClusterEval workers,
      Path policyDir,
      String motions,
      String model,
      ImitationConfig cfg,
      boolean argmax,
      Precision precision,
      List<Clip> clips,
      long seed) {
    Map<String, String> settings = new LinkedHashMap<>(cfg.toMap());
    settings.put("motions", motions);
    settings.put("model", model);
    return workers.run(
        KIND,
        policyDir,
        argmax,
        precision,
        settings,
        clips.stream().map(Clip::name).toList(),
        seed);
  }

  @Override
  public String name() {
    return "clips";
  }

  @Override
  public Runner<ClipOutcome> open(Map<String, String> settings) {
    ClipSet clips = ClipSet.open(settings.get("motions"), settings.get("model"));
    ImitationConfig cfg =
        ImitationConfig.evaluation(ControlMode.parse(settings.get("control"))).withAll(settings);
    BodyModel body = BodyModel.load(settings.get("model"));
    return new Runner<>() {
      @Override
      public ClipOutcome run(Controller c, String item, int index, long seed) {
        return Evaluator.clip(body, clips.get(item), index, cfg, c, seed);
      }

      @Override
      public void close() {
        body.close();
      }
    };
  }

  @Override
  public void write(Bytes.Out out, ClipOutcome o) {
    out.str(o.clip())
        .str(o.skill())
        .i32(o.success() ? 1 : 0)
        .f64(o.coverage())
        .f64(o.mpjpeMm())
        .i32(o.failureFrame())
        .i32(o.steps())
        .f64(o.end().forward())
        .f64(o.end().left())
        .f64(o.end().up())
        .str(o.end().farthest())
        .f64(o.end().farthestDistance());
  }

  @Override
  public ClipOutcome read(Bytes.In in) {
    return new ClipOutcome(
        in.str(),
        in.str(),
        in.i32() != 0,
        in.f64(),
        in.f64(),
        in.i32(),
        in.i32(),
        new TrackingError(in.f64(), in.f64(), in.f64(), in.str(), in.f64()));
  }
}
