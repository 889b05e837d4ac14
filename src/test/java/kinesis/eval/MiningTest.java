package kinesis.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.rl.Checkpoint;
import kinesis.rl.EnvFactory;
import kinesis.rl.MetricsLog;
import kinesis.rl.PpoConfig;
import kinesis.task.Clips;
import kinesis.task.ClosingVecEnv;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationVecEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiningTest {
  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  static final Map<String, Clip> CLIPS = new LinkedHashMap<>();

  static {
    try (BodyModel legs = BodyModel.load("legs")) {
      for (Clip c : List.of(Clips.standing(legs, 0.5), Clips.sliding(legs, 0.5, 0.8)))
        CLIPS.put(c.name(), c);
    }
  }

  static final Function<String, List<Clip>> BY_NAME =
      names -> {
        List<Clip> l = new ArrayList<>();
        for (String n : names.split(",", 0)) l.add(CLIPS.get(n));
        return l;
      };

  /**
   * Imitation of the named synthetic clips (tiny budgets: the test checks bookkeeping, not
   * learning).
   */
  static final EnvFactory ENVS =
      (options, n, seed) -> {
        BodyModel body = BodyModel.load("legs");
        return new ClosingVecEnv(
            new ImitationVecEnv(
                body,
                BY_NAME.apply(options.get("clips")),
                ImitationConfig.training(ControlMode.DIRECT),
                n,
                1),
            body);
      };

  static Mining.Settings settings(double failDistance) {
    PpoConfig ppo =
        PpoConfig.laptop()
            .with(
                List.of(
                    "hidden=[8]",
                    "num_envs=2",
                    "samples_per_iteration=16",
                    "epochs=1",
                    "minibatch_size=0",
                    "checkpoint_every=1"));
    ImitationConfig eval =
        ImitationConfig.evaluation(ControlMode.DIRECT)
            .with("termination_distance", Double.toString(failDistance));
    return new Mining.Settings(Map.of("model", "legs", "control", "direct"), ppo, 1, 2, eval, 1);
  }

  @Test
  void failuresBecomeTheNextExpertsClipsAndTheNextExpertStartsFromThePreviousOne(
      @TempDir Path dir) {
    List<String> names = new ArrayList<>(CLIPS.keySet());
    // an untrained policy cannot keep every body within 1 cm: every clip fails, so expert 1 trains
    // on both
    MineManifest m = Mining.run(dir, names, settings(0.01), ENVS, BY_NAME, QUIET);
    assertEquals(true, m.done());
    assertEquals("maximum number of experts reached", m.stoppedBecause());
    List<MineManifest.Stage> stages = m.stages();
    assertEquals(2, stages.size());
    assertEquals(names, stages.get(0).clips());
    assertEquals(stages.get(0).failed(), stages.get(1).clips());
    assertEquals(names, stages.get(0).failed());
    // expert 1 continued expert 0's counter: its checkpoint is iteration 2, and it kept iteration 1
    // (the copy)
    List<Path> cps = Checkpoint.list(dir.resolve("expert_1/checkpoints"));
    assertEquals(
        List.of(1L, 2L),
        cps.stream().map(p -> Long.parseLong(p.getFileName().toString())).toList());
    Checkpoint copy = Checkpoint.read(cps.get(0)),
        first = Checkpoint.read(dir.resolve("expert_0/checkpoints/0001"));
    assertArrayEquals(
        (float[]) first.file("weights.bin").values().iterator().next(),
        (float[]) copy.file("weights.bin").values().iterator().next(),
        "expert 1 starts from expert 0's weights");
    assertFalse(
        copy.file("state.bin").containsKey("env"), "the environments restart on the new clips");
    assertEquals("expert_1/checkpoints/0002", stages.get(1).checkpoint());
    // running again changes nothing; the file reads back as the same record
    assertEquals(m, Mining.run(dir, names, settings(0.01), ENVS, BY_NAME, QUIET));
    assertEquals(m, MineManifest.read(dir.resolve(Mining.MANIFEST)));
    assertEquals(2, Checkpoint.list(dir.resolve("expert_1/checkpoints")).size());
  }

  /**
   * A run trained on its own (set to train until stopped) is adopted as expert 0 and stops at the
   * stage's target.
   */
  @Test
  void anExistingRunIsAdoptedAsExpertZero(@TempDir Path dir) throws Exception {
    List<String> names = new ArrayList<>(CLIPS.keySet());
    Mining.Settings s = settings(0.01);
    Map<String, String> env = new LinkedHashMap<>(s.env());
    env.put("clips", String.join(",", names));
    try (var t =
        kinesis.rl.Trainer.start(
            new kinesis.rl.RunConfig(env, s.ppo().with(List.of("iterations=1"))),
            ENVS,
            dir.resolve("expert_0"),
            QUIET)) {
      t.run();
    }
    var own = kinesis.rl.RunConfig.load(dir.resolve("expert_0/config.yaml"));
    new kinesis.rl.RunConfig(own.env(), own.ppo().with(List.of("iterations=0")))
        .save(dir.resolve("expert_0/config.yaml"));
    Mining.Settings twoPerExpert = new Mining.Settings(s.env(), s.ppo(), 2, 1, s.evaluation(), 1);
    MineManifest m = Mining.run(dir, names, twoPerExpert, ENVS, BY_NAME, QUIET);
    assertEquals(
        "expert_0/checkpoints/0002",
        m.stages().get(0).checkpoint(),
        "resumed from iteration 1 to the target 2");
  }

  /** The next expert keeps an adopted expert 0's own recipe, not the mining command's defaults. */
  @Test
  void theNextExpertKeepsTheAdoptedExpertsSettings(@TempDir Path dir) {
    List<String> names = new ArrayList<>(CLIPS.keySet());
    Mining.Settings s = settings(0.01);
    Map<String, String> env = new LinkedHashMap<>(s.env());
    env.put("clips", String.join(",", names));
    env.put("clip_priority", "0.5");
    try (var t =
        kinesis.rl.Trainer.start(
            new kinesis.rl.RunConfig(
                env, s.ppo().with(List.of("iterations=1", "target_kl=0.05", "policy_lr=1e-4"))),
            ENVS,
            dir.resolve("expert_0"),
            QUIET)) {
      t.run();
    }
    MineManifest m = Mining.run(dir, names, s, ENVS, BY_NAME, QUIET);
    assertEquals(2, m.stages().size());
    var next = kinesis.rl.RunConfig.load(dir.resolve("expert_1/config.yaml"));
    assertEquals(0.05, next.ppo().targetKl());
    assertEquals(1e-4, next.ppo().policyLr());
    assertEquals("0.5", next.env().get("clip_priority"));
    assertEquals(String.join(",", m.stages().get(0).failed()), next.env().get("clips"));
    assertEquals(2, next.ppo().iterations());
  }

  /** With eval_every each expert logs the clip-set probe on its own clips, as a train run does. */
  @Test
  void everyExpertLogsTheProbeOnItsClips(@TempDir Path dir) {
    List<String> names = new ArrayList<>(CLIPS.keySet());
    Mining.Settings s = settings(0.01), probed;
    Map<String, String> env = new LinkedHashMap<>(s.env());
    env.put(ClipProbe.EVERY, "1");
    probed = new Mining.Settings(env, s.ppo(), 1, 2, s.evaluation(), 1);
    Mining.run(dir, names, probed, ENVS, BY_NAME, QUIET);
    for (String expert : List.of("expert_0", "expert_1")) {
      MetricsLog.Table t = MetricsLog.read(dir.resolve(expert + "/metrics.csv"));
      int col = t.columns().indexOf("eval/set_coverage_paper");
      assertTrue(col >= 0, expert + " logs the set probe: " + t.columns());
      double last = t.rows().get(t.rows().size() - 1)[col];
      assertTrue(last >= 0 && last <= 1, expert + " measured its clips: " + last);
    }
  }

  /** Mining that stopped at its maximum continues with a larger one: the next expert is added. */
  @Test
  void aLargerMaximumContinuesFinishedMining(@TempDir Path dir) {
    List<String> names = new ArrayList<>(CLIPS.keySet());
    Mining.Settings two = settings(0.01);
    assertEquals(2, Mining.run(dir, names, two, ENVS, BY_NAME, QUIET).stages().size());
    Mining.Settings three =
        new Mining.Settings(two.env(), two.ppo(), 1, 3, two.evaluation(), two.threads());
    MineManifest m = Mining.run(dir, names, three, ENVS, BY_NAME, QUIET);
    assertEquals(3, m.stages().size());
    assertEquals(3, m.maxExperts());
    assertEquals(m.stages().get(1).failed(), m.stages().get(2).clips());
    assertEquals("expert_2/checkpoints/0003", m.stages().get(2).checkpoint());
    assertTrue(m.done());
  }

  @Test
  void miningStopsWhenNoClipIsFailed(@TempDir Path dir) {
    MineManifest m =
        Mining.run(dir, new ArrayList<>(CLIPS.keySet()), settings(100), ENVS, BY_NAME, QUIET);
    assertEquals(1, m.stages().size());
    assertEquals(List.of(), m.stages().get(0).failed());
    assertEquals("no failed clips left", m.stoppedBecause());
  }

  /** A damaged or foreign mine.json is bad input naming the file and the problem. */
  @Test
  void damagedManifestsAreBadInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(Mining.MANIFEST);
    for (String[] c :
        new String[][] {
          {"{\"format\": \"something\"}", "not a mining manifest"},
          {"{\"format\": \"kinesis-mine\", \"version\": 1", "not a valid mining manifest"},
          {"[]", "not a valid mining manifest"}
        }) {
      java.nio.file.Files.writeString(f, c[0]);
      kinesis.io.BadInputException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              kinesis.io.BadInputException.class, () -> MineManifest.read(f));
      assertTrue(
          e.getMessage().contains(f.toString()) && e.getMessage().contains(c[1]), e.getMessage());
    }
  }
}
