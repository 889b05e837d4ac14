package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kinesis.rl.EnvFactory;
import kinesis.rl.PointMassEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path tmp;

  static final EnvFactory POINT_MASS = (o, n, s) -> new PointMassEnv(n);

  @Test
  void trainsResumesAndRejectsBadInput() throws Exception {
    Path run = tmp.resolve("run");
    assertEquals(
        0,
        Main.run(
            POINT_MASS,
            "train",
            "--motions",
            tmp.toString(),
            "--preset",
            "laptop",
            "hidden=[16]",
            "num_envs=4",
            "samples_per_iteration=64",
            "minibatch_size=32",
            "iterations=2",
            "--out",
            run.toString()));
    assertTrue(Files.isRegularFile(run.resolve("config.yaml")));
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/0002/manifest.json")));
    assertTrue(Files.isRegularFile(run.resolve("plots/training.png")));
    assertEquals(0, Main.run(POINT_MASS, "train", "--resume", run.toString(), "iterations=3"));
    assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size());
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/0003/manifest.json")));
    // bad input: exit code 3
    assertEquals(3, Main.run(POINT_MASS, "train", "--resume", run.toString(), "hidden=[8]"));
    assertEquals(
        3,
        Main.run(
            POINT_MASS,
            "train",
            "--motions",
            tmp.resolve("nope").toString(),
            "--out",
            tmp.resolve("r2").toString()));
    assertEquals(
        3,
        Main.run(
            POINT_MASS,
            "train",
            "--motions",
            tmp.toString(),
            "k_pos=soft",
            "--out",
            tmp.resolve("r4").toString()));
    assertEquals(
        3,
        Main.run(
            POINT_MASS,
            "train",
            "--motions",
            tmp.toString(),
            "gamma=2",
            "--out",
            tmp.resolve("r3").toString()));
    assertEquals(
        3, Main.run(POINT_MASS, "train", "--motions", tmp.toString(), "--out", run.toString()));
    // impossible sizes are refused before anything is allocated or written; a missing --out is a
    // usage error
    assertEquals(
        3,
        Main.run(
            POINT_MASS,
            "train",
            "--motions",
            tmp.toString(),
            "hidden=[100000000]",
            "--out",
            tmp.resolve("big").toString()));
    assertTrue(!Files.exists(tmp.resolve("big")));
    assertEquals(2, Main.run(POINT_MASS, "train", "--motions", tmp.toString()));
  }

  @Test
  void environmentSettingsGoToTheEnvSectionOfTheRun() throws Exception {
    EnvFactory checking =
        (o, n, s) -> {
          assertEquals(150, Double.parseDouble(o.get("k_pos")));
          assertEquals("pd", o.get("control"));
          assertEquals(
              "0.15",
              o.get("termination_distance"),
              "settings not given are saved with their resolved values");
          return new PointMassEnv(n);
        };
    Path run = tmp.resolve("env");
    assertEquals(
        0,
        Main.run(
            checking,
            "train",
            "--motions",
            tmp.toString(),
            "--control",
            "pd",
            "k_pos=150",
            "hidden=[8]",
            "num_envs=2",
            "samples_per_iteration=16",
            "minibatch_size=8",
            "iterations=1",
            "--out",
            run.toString()));
    String yaml = Files.readString(run.resolve("config.yaml"));
    assertTrue(
        yaml.contains("k_pos: \"150.0\"")
            && yaml.contains("w_energy: \"0.1\"")
            && yaml.contains("root_tilt: \"head\""),
        yaml);
  }

  /**
   * --init-from starts a new run from another run's weights; a different network or a missing run
   * is bad input.
   */
  @Test
  void initFromAnotherRun() throws Exception {
    Path a = tmp.resolve("a"), b = tmp.resolve("b");
    String[] small = {"hidden=[16]", "num_envs=4", "samples_per_iteration=64", "minibatch_size=32"};
    assertEquals(
        0,
        Main.run(
            POINT_MASS,
            cat(
                new String[] {
                  "train", "--motions", tmp.toString(), "iterations=2", "--out", a.toString()
                },
                small)));
    assertEquals(
        0,
        Main.run(
            POINT_MASS,
            cat(
                new String[] {
                  "train",
                  "--motions",
                  tmp.toString(),
                  "iterations=1",
                  "--init-from",
                  a.toString(),
                  "target_kl=0.01",
                  "--out",
                  b.toString()
                },
                small)));
    String config = Files.readString(b.resolve("config.yaml"));
    assertTrue(config.contains("init_from:") && config.contains("(iteration 2)"), config);
    assertEquals(
        String.valueOf(
            kinesis.rl.Checkpoint.read(a.resolve("checkpoints/0002"))
                .manifest()
                .get("global_step")),
        kinesis.rl.RunConfig.load(b.resolve("config.yaml")).env().get("init_samples"),
        "the parent's samples are recorded for compare");
    assertEquals(
        3,
        Main.run(
            POINT_MASS,
            "train",
            "--motions",
            tmp.toString(),
            "hidden=[8]",
            "num_envs=4",
            "samples_per_iteration=64",
            "--init-from",
            a.toString(),
            "--out",
            tmp.resolve("c").toString()));
    assertTrue(!Files.exists(tmp.resolve("c")), "a refused start leaves no run behind");
    assertEquals(
        3,
        Main.run(
            POINT_MASS,
            "train",
            "--motions",
            tmp.toString(),
            "--init-from",
            tmp.resolve("none").toString(),
            "--out",
            tmp.resolve("d").toString()));
  }

  /**
   * A mixture's copy of an expert (policy and normaliser only) starts a run: its policy weights are
   * taken, the value network starts new.
   */
  @Test
  void initFromAnExpertCopy() throws Exception {
    Path a = tmp.resolve("a"), copy = tmp.resolve("copy"), b = tmp.resolve("b");
    String[] small = {"hidden=[16]", "num_envs=4", "samples_per_iteration=64", "minibatch_size=32"};
    String[] train = {"train", "--motions", tmp.toString(), "iterations=1", "--out"};
    assertEquals(0, Main.run(POINT_MASS, cat(cat(train, new String[] {a.toString()}), small)));
    kinesis.rl.moe.ExpertSpec.read(a.resolve("checkpoints/0001")).write(copy);
    assertTrue(!Files.exists(copy.resolve("state.bin")), "a copy holds no training state");
    assertEquals(
        0,
        Main.run(
            POINT_MASS,
            cat(cat(train, new String[] {b.toString(), "--init-from", copy.toString()}), small)));
    String config = Files.readString(b.resolve("config.yaml"));
    assertTrue(config.contains("(an expert's policy; the value network starts new)"), config);
    Path mixture = Files.createDirectories(tmp.resolve("mixture")); // name one of its experts
    Files.writeString(mixture.resolve("moe.json"), "{}");
    assertEquals(
        3,
        Main.run(
            POINT_MASS,
            cat(
                cat(
                    train,
                    new String[] {tmp.resolve("e").toString(), "--init-from", mixture.toString()}),
                small)));
  }

  private static String[] cat(String[] x, String[] y) {
    String[] r = java.util.Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, r, x.length, y.length);
    return r;
  }

  /**
   * --eval-every logs the mean action from frame 0 under both protocols; it can be changed on
   * resume.
   */
  @Test
  void evalEveryLogsFrameZeroEvaluations() throws Exception {
    Path run = tmp.resolve("probe");
    assertEquals(
        0,
        Main.run(
            "train",
            "--model",
            "legs",
            "--clips",
            "dataset-1_walk_normal_001",
            "--eval-every",
            "1",
            "hidden=[16]",
            "num_envs=2",
            "samples_per_iteration=32",
            "minibatch_size=16",
            "epochs=1",
            "iterations=2",
            "--out",
            run.toString()));
    var table = kinesis.rl.MetricsLog.read(run.resolve("metrics.csv"));
    int cov = table.columns().indexOf("eval/coverage_paper"),
        mpjpe = table.columns().indexOf("eval/mpjpe_paper_mm");
    assertTrue(cov > 0 && mpjpe > 0, table.columns().toString());
    for (double[] row : table.rows())
      assertTrue(row[cov] > 0 && row[cov] < 0.5 && row[mpjpe] > 0, "a 16-unit policy falls early");
    assertEquals(
        0, Main.run("train", "--resume", run.toString(), "--eval-every", "0", "iterations=3"));
    assertTrue(Files.readString(run.resolve("config.yaml")).contains("eval_every: \"0\""));
    table = kinesis.rl.MetricsLog.read(run.resolve("metrics.csv"));
    assertTrue(Double.isNaN(table.rows().get(2)[cov]), "no evaluation after it was turned off");
  }

  /** On two clips the probe adds the set's curves; --json ends with the last metrics and probe. */
  @Test
  void aClipSetGetsSetCurvesAndTheJsonSummaryTheLastProbe() throws Exception {
    Path run = tmp.resolve("set");
    String out =
        EnvCommandTest.capture(
            "train",
            "--clips",
            "dataset-1_walk_normal_001,humanoid3d_run",
            "--eval-every",
            "2",
            "--json",
            "hidden=[16]",
            "num_envs=2",
            "samples_per_iteration=32",
            "minibatch_size=16",
            "epochs=1",
            "iterations=3",
            "--out",
            run.toString());
    var table = kinesis.rl.MetricsLog.read(run.resolve("metrics.csv"));
    for (String c :
        List.of("eval/set_coverage_paper", "eval/skill_coverage_run", "eval/skill_coverage_walk"))
      assertTrue(table.columns().contains(c), c);
    var summary = kinesis.io.Json.MAPPER.readTree(out);
    assertEquals(3, summary.get("last_iteration").get("iteration").asInt());
    assertEquals(2, summary.get("last_probe").get("iteration").asInt());
    double set = summary.get("last_probe").get("eval/set_coverage_paper").asDouble();
    assertTrue(set > 0 && set < 1, "set coverage " + set);
  }

  /**
   * With a probe the run keeps RUN/best/NNNN: the checkpoint of the first probe with the highest
   * set coverage, also across a resume; eval reads it as a policy.
   */
  @Test
  void theBestProbedCheckpointIsKeptAcrossAResume() throws Exception {
    Path run = tmp.resolve("best");
    String[] tiny = {
      "hidden=[16]", "num_envs=2", "samples_per_iteration=32", "minibatch_size=16", "epochs=1"
    };
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--clips",
                "dataset-1_walk_normal_001,humanoid3d_run",
                "--eval-every",
                "1",
                "iterations=3",
                "--out",
                run.toString()));
    args.addAll(List.of(tiny));
    assertEquals(0, Main.run(args.toArray(String[]::new)));
    assertEquals(firstBest(run), keptBest(run));
    assertEquals(0, Main.run("train", "--resume", run.toString(), "iterations=6"));
    assertEquals(firstBest(run), keptBest(run), "a resume remembers the score to beat");
    assertEquals(
        0,
        Main.run("eval", "--policy", run.resolve("best").toString(), "--clips", "humanoid3d_run"));
  }

  /** The iteration of the first row with the highest logged set coverage. */
  private static long firstBest(Path run) {
    var table = kinesis.rl.MetricsLog.read(run.resolve("metrics.csv"));
    int it = table.columns().indexOf("iteration"),
        set = table.columns().indexOf("eval/set_coverage_paper");
    double[] best = null;
    for (double[] row : table.rows()) if (best == null || row[set] > best[set]) best = row;
    return (long) best[it];
  }

  private static long keptBest(Path run) {
    List<Path> kept = kinesis.rl.Checkpoint.list(run.resolve("best"));
    assertEquals(1, kept.size(), "one best checkpoint: " + kept);
    return Long.parseLong(kept.get(0).getFileName().toString());
  }

  /** The noise cap may be set on --resume: the resumed run's σ is capped from its first rollout. */
  @Test
  void theNoiseCapCanBeLoweredOnResume() {
    Path run = smallRun("cap");
    assertTrue(largestStd(run, 1) > 0.9, "uncapped σ starts at 1");
    assertEquals(
        0,
        Main.run(
            POINT_MASS, "train", "--resume", run.toString(), "action_std_max=0.5", "iterations=2"));
    assertTrue(largestStd(run, 2) <= 0.5 + 1e-6, "capped σ " + largestStd(run, 2));
    assertEquals(3, Main.run(POINT_MASS, "train", "--resume", run.toString(), "action_std_max=-1"));
  }

  /** Censored scoring of clipped actions may be switched on when a run is resumed. */
  @Test
  void censoredActionsCanBeSwitchedOnAtResume() {
    Path run = smallRun("censored");
    assertEquals(
        0,
        Main.run(
            POINT_MASS,
            "train",
            "--resume",
            run.toString(),
            "censored_actions=true",
            "iterations=2"));
    assertTrue(kinesis.rl.RunConfig.load(run.resolve("config.yaml")).ppo().censoredActions());
    assertEquals(
        3, Main.run(POINT_MASS, "train", "--resume", run.toString(), "censored_actions=maybe"));
  }

  @Test
  void mirroredClipsCanBeAddedOnResume() {
    Path run = smallRun("mirror");
    assertEquals(3, Main.run(POINT_MASS, "train", "--resume", run.toString(), "mirror_clips=yes"));
    assertEquals(
        3, Main.run(POINT_MASS, "train", "--resume", run.toString(), "random_start=false"));
    assertEquals(
        0,
        Main.run(
            POINT_MASS, "train", "--resume", run.toString(), "mirror_clips=true", "iterations=2"));
    assertEquals(
        "true", kinesis.rl.RunConfig.load(run.resolve("config.yaml")).env().get("mirror_clips"));
  }

  /**
   * With value_warmup=2 the first two iterations log no policy update (KL empty), the third one.
   */
  @Test
  void valueWarmupLeavesThePolicyAloneForItsIterations() {
    Path run = smallRun("warmup", "value_warmup=2", "iterations=3");
    var table = kinesis.rl.MetricsLog.read(run.resolve("metrics.csv"));
    int kl = table.columns().indexOf("losses/approx_kl"),
        v = table.columns().indexOf("losses/value_loss");
    for (int i = 0; i < 3; i++) {
      assertEquals(i < 2, Double.isNaN(table.rows().get(i)[kl]), "iteration " + (i + 1));
      assertTrue(table.rows().get(i)[v] > 0, "the value network learns from the first iteration");
    }
  }

  /**
   * Clips added on resume shift the indices of the clips added before them (speeds come before
   * stops), so the saved episodes are dropped and every environment starts afresh; the same clip
   * list resumes them.
   */
  @Test
  void aChangedClipListRestartsTheEpisodesOnResume() {
    Path run = tmp.resolve("clips-change");
    String[] small = {
      "hidden=[16]", "num_envs=4", "samples_per_iteration=64", "minibatch_size=32", "epochs=1"
    };
    List<String> first =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--clips",
                "dataset-1_walk_normal_001,humanoid3d_walk",
                "--out",
                run.toString(),
                "clip_stops=true",
                "iterations=2"));
    first.addAll(List.of(small));
    EnvCommandTest.capture(first.toArray(String[]::new));
    String same =
        EnvCommandTest.capture(
            "train", "--resume", run.toString(), "iterations=3", "clip_stops=true");
    assertFalse(same.contains("starts a new episode"), same);
    String changed =
        EnvCommandTest.capture(
            "train", "--resume", run.toString(), "iterations=4", "clip_speeds=0.8");
    assertTrue(
        changed.contains("clip_speeds changed since checkpoint 3, so every environment starts"),
        changed);
    assertEquals(
        "0.8", kinesis.rl.RunConfig.load(run.resolve("config.yaml")).env().get("clip_speeds"));
  }

  /**
   * Pushes and reward settings may change when resuming; a bad value is refused and changes
   * nothing.
   */
  @Test
  void pushesAndRewardWeightsCanChangeOnResume() {
    Path run = smallRun("push");
    assertEquals(3, Main.run(POINT_MASS, "train", "--resume", run.toString(), "push=-1"));
    assertEquals(3, Main.run(POINT_MASS, "train", "--resume", run.toString(), "w_energy=x"));
    var saved = kinesis.rl.RunConfig.load(run.resolve("config.yaml")).env();
    assertEquals("0.0", saved.get("push"));
    assertEquals("0.1", saved.get("w_energy"));
    assertEquals(
        0,
        Main.run(
            POINT_MASS,
            "train",
            "--resume",
            run.toString(),
            "push=0.3",
            "push_every=1",
            "w_energy=0",
            "iterations=2"));
    var env = kinesis.rl.RunConfig.load(run.resolve("config.yaml")).env();
    assertEquals("0.3", env.get("push"));
    assertEquals("1", env.get("push_every"));
    assertEquals("0", env.get("w_energy"));
  }

  /** A point-mass run of one iteration (or as {@code extra} settings say, given last). */
  private Path smallRun(String name, String... extra) {
    Path run = tmp.resolve(name);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--motions",
                tmp.toString(),
                "--preset",
                "laptop",
                "hidden=[16]",
                "num_envs=4",
                "samples_per_iteration=64",
                "minibatch_size=32",
                "log_std_init=0",
                "iterations=1",
                "--out",
                run.toString()));
    args.addAll(List.of(extra));
    assertEquals(0, Main.run(POINT_MASS, args.toArray(String[]::new)));
    return run;
  }

  private static double largestStd(Path run, long iteration) {
    float[] logStd =
        (float[])
            kinesis.rl.Checkpoint.read(
                    run.resolve("checkpoints").resolve(kinesis.rl.Checkpoint.dirName(iteration)))
                .file("weights.bin")
                .get("log_std");
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logStd) max = Math.max(max, v);
    return Math.exp(max);
  }
}
