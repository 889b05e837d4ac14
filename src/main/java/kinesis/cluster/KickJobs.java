package kinesis.cluster;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.eval.KickEvaluator;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Precision;
import kinesis.rl.moe.Controller;
import kinesis.task.kick.Goalkeeper;
import kinesis.task.kick.KickConfig;
import kinesis.task.kick.KickScene;
import kinesis.task.kick.KickVecEnv;

/**
 * Penalty kicks ({@code kick eval --cluster}): job i is kick i against the item's goalkeeper
 * strategy, seeded by i as {@link KickEvaluator#run} seeds it.
 */
public final class KickJobs implements JobKind<KickEvaluator.Kick> {
  static final KickJobs KIND = new KickJobs();

  private KickJobs() {}

  /**
   * {@code trials} kicks against {@code s}: what {@code KickEvaluator.run} gives in one JVM for the
   * same seed.
   */
  public static List<KickEvaluator.Kick> run(
      ClusterEval workers,
      Path policyDir,
      String motions,
      String start,
      KickConfig cfg,
      Goalkeeper.Strategy s,
      int trials,
      long seed) {
    Map<String, String> settings = new LinkedHashMap<>(cfg.toMap());
    settings.put("motions", motions);
    settings.put("start", start);
    return workers.run(
        KIND,
        policyDir,
        false,
        Precision.FLOAT32,
        settings,
        Collections.nCopies(trials, s.label()),
        seed);
  }

  @Override
  public String name() {
    return "kick";
  }

  @Override
  public Runner<KickEvaluator.Kick> open(Map<String, String> settings) {
    String start = settings.get("start");
    Clip clip =
        start.equals(KickVecEnv.STANDING)
            ? KickVecEnv.starts(KickVecEnv.STANDING, null).get(0)
            : ClipSet.open(settings.get("motions"), "legs-back").get(start);
    KickConfig cfg = KickConfig.fromMap(settings);
    KickScene scene = KickScene.load(cfg.timestep());
    return new Runner<>() {
      @Override
      public KickEvaluator.Kick run(Controller c, String item, int index, long seed) {
        return KickEvaluator.kick(
            scene, clip, cfg, Goalkeeper.Strategy.parse(item), c, index, seed);
      }

      @Override
      public void close() {
        scene.close();
      }
    };
  }

  @Override
  public void write(Bytes.Out out, KickEvaluator.Kick k) {
    out.f64(k.x())
        .f64(k.y())
        .str(k.end())
        .i32(k.scored() ? 1 : 0)
        .i32(k.fell() ? 1 : 0)
        .f64(k.effort())
        .f64(k.episodeReturn())
        .i32(k.steps())
        .doubles(k.ball());
  }

  @Override
  public KickEvaluator.Kick read(Bytes.In in) {
    return new KickEvaluator.Kick(
        in.f64(),
        in.f64(),
        in.str(),
        in.i32() != 0,
        in.i32() != 0,
        in.f64(),
        in.f64(),
        in.i32(),
        in.doubles());
  }
}
