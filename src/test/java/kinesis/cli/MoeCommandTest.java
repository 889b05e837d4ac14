package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.rl.EnvFactory;
import kinesis.rl.moe.MixtureActorsTest;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.TwoTypesEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoeCommandTest {
  @TempDir Path tmp;

  static final EnvFactory TWO_TYPES = (o, n, s) -> new TwoTypesEnv(n);

  /** Settings of a one-iteration run on two environments. */
  private static final String[] TINY = {
    "num_envs=2", "samples_per_iteration=16", "minibatch_size=8", "epochs=1", "iterations=1"
  };

  /** Two tiny legs experts, A trained on {@code clipsA} and B on {@code clipsB}: "A,B". */
  private String tinyExperts(String clipsA, String clipsB) {
    for (String e : java.util.List.of("A", "B")) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "train",
                  "--clips",
                  e.equals("A") ? clipsA : clipsB,
                  "hidden=[8]",
                  "--out",
                  tmp.resolve(e).toString()));
      args.addAll(java.util.List.of(TINY));
      assertEquals(0, Main.run(args.toArray(String[]::new)));
    }
    return tmp.resolve("A") + "," + tmp.resolve("B");
  }

  /**
   * moe writes a run (config, metrics, checkpoints that are mixtures); moe again and train --resume
   * continue it.
   */
  @Test
  void trainsAMixtureAsARunAndContinuesIt() throws Exception {
    String experts =
        MixtureActorsTest.constant(tmp.resolve("A"), 1)
            + ","
            + MixtureActorsTest.constant(tmp.resolve("B"), -1);
    Path moe = tmp.resolve("moe");
    assertEquals(
        0,
        Main.run(
            TWO_TYPES,
            "moe",
            "--experts",
            experts,
            "--out",
            moe.toString(),
            "hidden=[8]",
            "gate_hidden=[8]",
            "num_envs=4",
            "samples_per_iteration=32",
            "minibatch_size=16",
            "iterations=2"));
    String config = Files.readString(moe.resolve("config.yaml"));
    assertTrue(
        config.contains("actor: gate")
            && config.contains("gate_hidden: [8]")
            && config.contains("experts:"),
        config);
    assertTrue(
        config.contains("k_pos: ") && config.contains("termination_distance: "),
        "imitation settings saved whole: " + config);
    Path cp = moe.resolve("checkpoints/0002");
    assertTrue(Files.isRegularFile(cp.resolve("manifest.json")) && MixtureSpec.isMixture(cp));
    assertEquals(2, ((MixtureSpec) Policies.load(moe)).experts().size());
    assertTrue(Files.isRegularFile(moe.resolve("plots/training.png")));
    // which expert the gate chose, as shares of the rollout's steps
    var table = kinesis.rl.MetricsLog.read(moe.resolve("metrics.csv"));
    int e0 = table.columns().indexOf("gate/expert_0_share"),
        e1 = table.columns().indexOf("gate/expert_1_share");
    assertTrue(e0 >= 0 && e1 >= 0, "shares logged: " + table.columns());
    for (double[] row : table.rows()) assertEquals(1.0, row[e0] + row[e1], 1e-9);
    // the same command continues; so does train --resume
    assertEquals(
        0,
        Main.run(TWO_TYPES, "moe", "--experts", experts, "--out", moe.toString(), "iterations=3"));
    assertTrue(MixtureSpec.isMixture(moe.resolve("checkpoints/0003")));
    assertEquals(0, Main.run(TWO_TYPES, "train", "--resume", moe.toString(), "iterations=4"));
    assertTrue(MixtureSpec.isMixture(moe.resolve("checkpoints/0004")));
    assertEquals(5, Files.readAllLines(moe.resolve("metrics.csv")).size());
    assertTrue(
        Files.readString(moe.resolve("config.yaml")).contains("experts:"),
        "the experts survive a changed config");
    // bad input: a changed network on continuing, a mixture as an expert, a gate without experts
    assertEquals(3, Main.run(TWO_TYPES, "moe", "--out", moe.toString(), "gate_hidden=[4]"));
    assertEquals(
        3,
        Main.run(
            TWO_TYPES, "moe", "--experts", moe.toString(), "--out", tmp.resolve("m2").toString()));
    assertFalse(Files.exists(tmp.resolve("m2/config.yaml")));
    assertEquals(
        3,
        Main.run(
            TWO_TYPES,
            "train",
            "--motions",
            tmp.toString(),
            "actor=gate",
            "--out",
            tmp.resolve("t").toString()));
  }

  /**
   * With --eval-every the gate run logs the probe as a train run does: Table I of the mixture (its
   * most likely expert at each step) on the training split, as curves; task settings such as
   * clip_priority reach its environment, the experts' control mode cannot change.
   */
  @Test
  void theGateRunLogsTheProbe() {
    String experts =
        tinyExperts(
            "dataset-1_walk_normal_001,humanoid3d_run", "dataset-1_walk_normal_001,humanoid3d_run");
    Path moe = tmp.resolve("moe-probe");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "moe",
                "--experts",
                experts,
                "--eval-every",
                "1",
                "--out",
                moe.toString(),
                "gate_hidden=[8]",
                "clip_priority=0.5"));
    args.addAll(java.util.List.of(TINY));
    // what the experts observe or command cannot change under them
    java.util.List<String> pd = new java.util.ArrayList<>(args);
    pd.set(pd.indexOf(moe.toString()), tmp.resolve("moe-pd").toString());
    pd.add("control=pd");
    assertEquals(3, Main.run(pd.toArray(String[]::new)));
    assertFalse(Files.exists(tmp.resolve("moe-pd/config.yaml")));
    assertEquals(0, Main.run(args.toArray(String[]::new)));
    assertEquals(
        "0.5",
        kinesis.rl.RunConfig.load(moe.resolve("config.yaml")).env().get("clip_priority"),
        "a task setting reaches the gate's environment");
    // the same command again continues (its task setting unchanged); a changed one is refused
    args.set(args.indexOf("iterations=1"), "iterations=2");
    assertEquals(0, Main.run(args.toArray(String[]::new)));
    args.set(args.indexOf("clip_priority=0.5"), "clip_priority=0.25");
    assertEquals(3, Main.run(args.toArray(String[]::new)));
    var table = kinesis.rl.MetricsLog.read(moe.resolve("metrics.csv"));
    int col = table.columns().indexOf("eval/set_coverage_paper");
    assertFalse(Files.exists(moe.resolve("gate-teachers.json")), "no cloning unless asked");
    assertTrue(col >= 0, "set probe logged: " + table.columns());
    double v = table.rows().get(0)[col];
    assertTrue(v >= 0 && v <= 1, "set coverage " + v);
  }

  /**
   * --clone-epochs teaches a new gate each training clip's best expert before PPO: the teachers
   * (the expert covering most of each clip) are written to gate-teachers.json and the setting to
   * config.yaml; a negative count is refused; a --specialists expert teaches only its run's clips
   * (an unknown index, or --specialists without cloning, is refused).
   */
  @Test
  void aClonedGateLearnsEachClipsBestExpert() throws Exception {
    String experts = tinyExperts("humanoid3d_walk", "humanoid3d_run");
    Path moe = tmp.resolve("moe-clone");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "moe",
                "--experts",
                experts,
                "--clone-epochs",
                "20",
                "--out",
                moe.toString(),
                "gate_hidden=[8]"));
    args.addAll(java.util.List.of(TINY));
    java.util.List<String> negative = new java.util.ArrayList<>(args);
    negative.set(negative.indexOf("20"), "-1");
    assertEquals(3, Main.run(negative.toArray(String[]::new)));
    assertEquals(0, Main.run(args.toArray(String[]::new)));
    var report = kinesis.io.Json.MAPPER.readTree(moe.resolve("gate-teachers.json").toFile());
    assertEquals(26, report.get("clips").size(), "every training clip has a teacher");
    int elsewhere = 0; // clips other than its own that expert 1 teaches
    for (var clip : report.get("clips")) {
      double a = clip.get("coverage").get(0).asDouble(), b = clip.get("coverage").get(1).asDouble();
      int teacher = clip.get("teacher").asInt();
      if (a != b) assertEquals(a > b ? 0 : 1, teacher, clip.toString());
      if (teacher == 1 && !clip.get("clip").asText().equals("humanoid3d_run")) elsewhere++;
    }
    assertTrue(elsewhere > 0, "expert 1 is the best on some other clip");
    double accuracy = report.get("accuracy").asDouble();
    assertTrue(accuracy > 0 && accuracy <= 1, "accuracy " + accuracy);
    assertEquals(
        "20", kinesis.rl.RunConfig.load(moe.resolve("config.yaml")).env().get("gate_clone_epochs"));

    // expert 1, trained on humanoid3d_run alone, as a specialist: it teaches that clip only
    Path special = tmp.resolve("moe-special");
    args.set(args.indexOf(moe.toString()), special.toString());
    java.util.List<String> unknown = new java.util.ArrayList<>(args);
    unknown.addAll(1, java.util.List.of("--specialists", "2"));
    assertEquals(3, Main.run(unknown.toArray(String[]::new)));
    java.util.List<String> noCloning = new java.util.ArrayList<>(args);
    noCloning.removeAll(java.util.List.of("--clone-epochs", "20"));
    noCloning.addAll(1, java.util.List.of("--specialists", "1"));
    assertEquals(3, Main.run(noCloning.toArray(String[]::new)), "--specialists needs cloning");
    args.addAll(1, java.util.List.of("--specialists", "1"));
    assertEquals(0, Main.run(args.toArray(String[]::new)));
    var teachers = kinesis.io.Json.MAPPER.readTree(special.resolve("gate-teachers.json").toFile());
    assertEquals("[1]", teachers.get("specialists").toString());
    for (var clip : teachers.get("clips")) {
      if (!clip.get("clip").asText().equals("humanoid3d_run"))
        assertEquals(0, clip.get("teacher").asInt(), clip.toString());
    }

    // then a lookahead round: its summary in gate-teachers.json, its settings in config.yaml
    Path rounds = tmp.resolve("moe-rounds");
    args.set(args.indexOf(special.toString()), rounds.toString());
    java.util.List<String> badEvery = new java.util.ArrayList<>(args);
    badEvery.addAll(1, java.util.List.of("--lookahead-rounds", "1", "--lookahead-every", "40"));
    assertEquals(3, Main.run(badEvery.toArray(String[]::new)), "every beyond the horizon");
    java.util.List<String> roundsOnly = new java.util.ArrayList<>(args);
    roundsOnly.subList(1, 3).clear(); // --specialists 1
    roundsOnly.removeAll(java.util.List.of("--clone-epochs", "20"));
    roundsOnly.addAll(1, java.util.List.of("--lookahead-rounds", "1"));
    assertEquals(3, Main.run(roundsOnly.toArray(String[]::new)), "rounds need cloning");
    java.util.List<String> variantsOnly = new java.util.ArrayList<>(args);
    variantsOnly.addAll(1, java.util.List.of("--lookahead-variants", "mirror"));
    assertEquals(3, Main.run(variantsOnly.toArray(String[]::new)), "variants need rounds");
    java.util.List<String> allOnly = new java.util.ArrayList<>(args);
    allOnly.addAll(1, java.util.List.of("--lookahead-all-experts"));
    assertEquals(3, Main.run(allOnly.toArray(String[]::new)), "all experts in rounds need rounds");
    args.addAll(1, java.util.List.of("--lookahead-rounds", "1", "--lookahead", "5"));
    java.util.List<String> badKind = new java.util.ArrayList<>(args);
    badKind.addAll(1, java.util.List.of("--lookahead-variants", "sideways"));
    assertEquals(3, Main.run(badKind.toArray(String[]::new)), "an unknown kind of variant");
    java.util.List<String> noSentences = new java.util.ArrayList<>(args);
    noSentences.addAll(
        1, java.util.List.of("--lookahead-compose", tmp.resolve("none.txt").toString()));
    assertEquals(3, Main.run(noSentences.toArray(String[]::new)), "a missing sentence file");
    java.util.List<String> badMargin = new java.util.ArrayList<>(args);
    badMargin.addAll(1, java.util.List.of("--switch-margin", "1.5"));
    assertEquals(3, Main.run(badMargin.toArray(String[]::new)), "a margin beyond [0, 1)");
    // the round also plays each training clip 1.5 times as fast: 52 episodes, a label at least each
    args.addAll(
        1,
        java.util.List.of(
            "--lookahead-variants",
            "speed=1.5",
            "--switch-margin",
            "0.3",
            "--lookahead-all-experts"));
    assertEquals(0, Main.run(args.toArray(String[]::new)));
    var after = kinesis.io.Json.MAPPER.readTree(rounds.resolve("gate-teachers.json").toFile());
    assertEquals(1, after.get("lookahead_rounds").size());
    assertTrue(after.get("lookahead_rounds").get(0).get("states").asInt() >= 52, after.toString());
    var env = kinesis.rl.RunConfig.load(rounds.resolve("config.yaml")).env();
    assertTrue(env.get("gate_lookahead").startsWith("rounds=1 horizon=5 every=5"));
    assertEquals("speed=1.5", env.get("gate_lookahead_variants"));
    assertEquals("true", env.get("gate_lookahead_all_experts"));
    assertEquals(
        0.3, ((kinesis.rl.moe.MixtureSpec) kinesis.rl.moe.Policies.load(rounds)).switchMargin());
  }
}
