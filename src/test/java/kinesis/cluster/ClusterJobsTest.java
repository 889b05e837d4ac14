package kinesis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kinesis.body.BodyModel;
import kinesis.eval.ClipOutcome;
import kinesis.eval.Mining;
import kinesis.eval.Protocol;
import kinesis.eval.ReachEvaluator;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Policy;
import kinesis.nn.Precision;
import kinesis.nn.VecGemm;
import kinesis.rl.PpoConfig;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.Policies;
import kinesis.task.ControlMode;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.ReachEpisode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mine's failure search, reach eval and kick eval over two loopback workers give exactly what one
 * JVM gives.
 */
class ClusterJobsTest {
  static final Path WALK =
      Path.of(System.getProperty("kinesis.repo", ".")).resolve("policies/legs-walk");

  /**
   * Two workers on loopback joined to a fresh coordinator; runs {@code job} with it and returns the
   * result.
   */
  private static <T> T overTwoWorkers(Function<ClusterEval, T> job) {
    Secret secret = Secret.random();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (ClusterEval coordinator =
            new ClusterEval(
                new ClusterSettings(
                    "127.0.0.1", 0, secret, 0, true, 1, 2, 60, Loopback.HEARTBEAT, null),
                new PrintStream(log, true));
        Loopback lb = new Loopback()) {
      lb.start(coordinator.address(), secret, ClusterTrainingTest.POINT_MASS);
      lb.start(coordinator.address(), secret, ClusterTrainingTest.POINT_MASS);
      return job.apply(coordinator);
    } finally {
      System.out.println(log);
    }
  }

  @Test
  void mineFailureSearchOverWorkersEqualsOneJvm() {
    Path checkpoint = Policies.resolve(WALK);
    List<Clip> clips = ClipSet.open("public-locomotion", "legs").clips().subList(0, 4);
    // mine's training rule (any body > 0.15 m), as `mine --protocol train` sets it
    Mining.Settings s =
        new Mining.Settings(
            Map.of("model", "legs", "motions", "public-locomotion", "control", "direct"),
            PpoConfig.laptop(),
            1,
            2,
            Protocol.TRAIN.config(ControlMode.DIRECT),
            2);
    List<ClipOutcome> here = Mining.HERE.evaluate(checkpoint, clips, s);
    Mining.FailureSearch cluster =
        (cp, list, st) ->
            overTwoWorkers(
                w ->
                    ClipJobs.run(
                        w,
                        cp,
                        "public-locomotion",
                        "legs",
                        st.evaluation(),
                        true,
                        Precision.FLOAT32,
                        list,
                        0));
    List<ClipOutcome> there = cluster.evaluate(checkpoint, clips, s);
    assertEquals(here, there);
    assertEquals(failed(here), failed(there));
    System.out.println("failed clips: " + failed(here) + " of " + clips.size());
  }

  private static List<String> failed(List<ClipOutcome> outcomes) {
    return outcomes.stream().filter(o -> !o.success()).map(ClipOutcome::clip).toList();
  }

  /**
   * A reaching policy (random weights of the reach observation size) over 6 trials; every trial's
   * numbers match.
   */
  @Test
  void reachTrialsOverWorkersEqualOneJvm(@TempDir Path tmp) {
    ReachConfig cfg = ReachConfig.fromMap(Map.of("goal_range", "1.5", "episode_seconds", "2"));
    Clip start = ClipSet.open("public-locomotion", "legs").clips().get(0);
    Path policy = tmp.resolve("reach-policy");
    List<ReachEvaluator.Trial> here;
    try (BodyModel body = BodyModel.load("legs")) {
      int obs;
      try (ReachEpisode ep = new ReachEpisode(body, start, cfg)) {
        obs = ep.obsDim();
      }
      ExpertSpec r = ExpertSpec.random(Policy.Kind.GAUSSIAN, obs, new int[] {16}, body.sim.nu, 7);
      new ExpertSpec(
              r.kind(),
              r.obsDim(),
              r.hidden(),
              r.actionDim(),
              r.weights(),
              r.normaliser(),
              Map.of("model", "legs"),
              "random")
          .write(policy);
      ExpertSpec spec = ExpertSpec.read(policy);
      here =
          ReachEvaluator.run(
              body, start, cfg, () -> spec.controller(new VecGemm(1), false), 6, 11, 2);
    }
    List<ReachEvaluator.Trial> there =
        overTwoWorkers(
            w -> ReachJobs.run(w, policy, "public-locomotion", "legs", start.name(), cfg, 6, 11));
    assertEquals(here, there);
    assertTrue(
        here.stream().map(ReachEvaluator.Trial::forward).distinct().count() == 6,
        "each trial has its own goal");
  }

  /**
   * The committed penalty-kick run, three kicks against the blocking goalkeeper; every kick's
   * numbers match.
   */
  @Test
  void kicksOverWorkersEqualOneJvm() {
    Path run = WALK.getParent().getParent().resolve("docs/results/kick/run");
    kinesis.rl.moe.PolicySpec spec = kinesis.rl.moe.Policies.load(run);
    kinesis.task.kick.KickConfig cfg = kinesis.task.kick.KickConfig.fromMap(spec.env());
    kinesis.motion.Clip start =
        kinesis.task.kick.KickVecEnv.starts(kinesis.task.kick.KickVecEnv.STANDING, null).get(0);
    var keeper = kinesis.task.kick.Goalkeeper.Strategy.parse("block");
    List<kinesis.eval.KickEvaluator.Kick> here;
    try (var scene = kinesis.task.kick.KickScene.load(cfg.timestep())) {
      here =
          kinesis.eval.KickEvaluator.run(
              scene, start, cfg, keeper, () -> spec.controller(new VecGemm(1), false), 3, 5, 2);
    }
    var there =
        overTwoWorkers(
            w ->
                KickJobs.run(
                    w,
                    kinesis.rl.moe.Policies.resolve(run),
                    "public-locomotion",
                    start.name(),
                    cfg,
                    keeper,
                    3,
                    5));
    java.util.function.Function<List<kinesis.eval.KickEvaluator.Kick>, List<String>> text =
        ks ->
            ks.stream()
                .map(
                    k ->
                        List.of(
                                k.x(),
                                k.y(),
                                k.end(),
                                k.scored(),
                                k.fell(),
                                k.effort(),
                                k.episodeReturn(),
                                k.steps(),
                                java.util.Arrays.toString(k.ball()))
                            .toString())
                .toList();
    assertEquals(text.apply(here), text.apply(there));
    assertEquals(
        3,
        here.stream().map(kinesis.eval.KickEvaluator.Kick::y).distinct().count(),
        "each kick has its own spawn");
  }
}
