package kinesis.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.Json;
import kinesis.motion.ClipSet;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.rl.moe.ExpertSpec;
import kinesis.task.Clips;
import kinesis.task.RolloutFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @SuppressWarnings("unchecked")
  @Test
  void evalPrintsConsistentJsonAndPlaySavesARollout(@TempDir Path tmp) throws Exception {
    Path motions = tmp.resolve("motions"), policy = tmp.resolve("policy");
    int obs;
    try (BodyModel legs = BodyModel.load("legs")) {
      new ClipSet(
              "toy",
              "legs",
              List.of(
                  new ClipSet.Entry(Clips.standing(legs, 0.5), "train", null),
                  new ClipSet.Entry(Clips.sliding(legs, 0.5, 0.8), "test", null)))
          .save(motions, Map.of());
      try (var ep =
          new kinesis.task.ImitationEpisode(
              legs,
              Clips.standing(legs, 0.5),
              kinesis.task.ImitationConfig.evaluation(kinesis.task.ControlMode.DIRECT))) {
        obs = ep.obsDim();
      }
      Policy p =
          new Policy(
              Policy.Kind.LATTICE,
              obs,
              new int[] {8},
              legs.sim.nu,
              0f,
              new Rng(1),
              Gemm.fromProperties());
      ExpertSpec.of(
              p,
              Map.of("model", "legs", "control", "direct", "motions", motions.toString()),
              "test")
          .write(policy);
    }
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      assertEquals(
          0,
          Main.run(
              "eval",
              "--policy",
              policy.toString(),
              "--split",
              "all",
              "--runs",
              "2",
              "--json",
              "--out",
              tmp.resolve("out").toString()));
    } finally {
      System.setOut(saved);
    }
    Map<String, Object> j = Json.MAPPER.readValue(buf.toString(UTF_8), Map.class);
    assertEquals("paper", j.get("protocol"));
    assertEquals(2, ((List<?>) j.get("clips")).size() / 2);
    Map<String, Object> success = (Map<String, Object>) j.get("success_rate");
    long succeeded =
        ((List<Map<String, Object>>) j.get("clips"))
            .stream().filter(c -> (Boolean) c.get("success")).count();
    assertEquals(100.0 * succeeded / 4, ((Number) success.get("mean")).doubleValue(), 1e-9);
    assertEquals(
        0.0, ((Number) success.get("sem")).doubleValue(), "a deterministic expert repeats exactly");
    assertEquals(
        Json.MAPPER
            .readValue(tmp.resolve("out/results.json").toFile(), Map.class)
            .get("success_rate"),
        success);
    assertTrue(Files.readString(tmp.resolve("out/table.md")).contains("| KINESIS (ours) |"));
    assertEquals(5, Files.readAllLines(tmp.resolve("out/clips.csv")).size());
    Path rollout = tmp.resolve("a" + RolloutFile.SUFFIX);
    assertEquals(
        0,
        Main.run(
            "play",
            "--policy",
            policy.toString(),
            "--clip",
            "standing",
            "--out",
            rollout.toString()));
    var r = RolloutFile.read(rollout);
    assertEquals("standing", r.meta().clip());
    assertTrue(r.steps() >= 2, "initial state and at least one step");
    // --rollouts all: each clip's first-run episode is saved, the same episode the table scored
    Path out2 = tmp.resolve("out2");
    assertEquals(
        0,
        Main.run(
            "eval",
            "--policy",
            policy.toString(),
            "--split",
            "all",
            "--out",
            out2.toString(),
            "--rollouts",
            "all"));
    Map<String, Object> again =
        Json.MAPPER.readValue(out2.resolve("results.json").toFile(), Map.class);
    for (Map<String, Object> c : (List<Map<String, Object>>) again.get("clips")) {
      var episode =
          RolloutFile.read(out2.resolve("rollouts/" + c.get("clip") + RolloutFile.SUFFIX));
      assertEquals(c.get("clip"), episode.meta().clip());
      assertEquals(
          ((Number) c.get("steps")).intValue() + 1, episode.steps(), "initial state + every step");
    }
    // bad input: exit code 3
    assertEquals(
        3,
        Main.run(
            "eval", "--policy", policy.toString(), "--out", out2.toString(), "--rollouts", "x"));
    assertEquals(3, Main.run("eval", "--policy", policy.toString(), "--rollouts", "failed"));
    assertEquals(3, Main.run("eval", "--policy", tmp.resolve("missing").toString()));
    assertEquals(3, Main.run("eval", "--policy", policy.toString(), "--protocol", "lenient"));
    assertEquals(
        3,
        Main.run(
            "play",
            "--policy",
            policy.toString(),
            "--clip",
            "standing",
            "--out",
            tmp.resolve("x.npz").toString()));
  }

  /**
   * --variants evaluates clips made from the chosen ones (here the mirror image and a faster copy
   * of the walking clip); --lookahead plays a mixture's experts chosen by trying them ahead.
   * Unknown variants, and the oracle on a single policy, are bad input.
   */
  @SuppressWarnings("unchecked")
  @Test
  void variantsAndTheLookaheadOracle() throws Exception {
    Path repo = Path.of(System.getProperty("kinesis.repo", "."));
    String walk = repo.resolve("policies/legs-walk").toString();
    String mixture = repo.resolve("policies/legs-locomotion").toString();
    String clip = "dataset-1_walk_normal_001";
    Map<String, Object> v =
        json("eval", "--policy", walk, "--clips", clip, "--variants", "mirror,speed=1.2", "--json");
    List<Map<String, Object>> clips = (List<Map<String, Object>>) v.get("clips");
    assertEquals(2, clips.size());
    for (Map<String, Object> c : clips) assertNotEquals(clip, c.get("clip"));
    assertEquals(3, Main.run("eval", "--policy", walk, "--clips", clip, "--variants", "upside"));
    assertEquals(
        3, Main.run("eval", "--policy", walk, "--clips", clip, "--variants", "speed=fast"));
    assertEquals(3, Main.run("eval", "--policy", walk, "--clips", clip, "--variants", "speed=1"));
    assertEquals(3, Main.run("eval", "--policy", walk, "--clips", clip, "--lookahead", "5"));
    assertEquals(
        3,
        Main.run(
            "eval",
            "--policy",
            mixture,
            "--clips",
            clip,
            "--lookahead",
            "5",
            "--lookahead-every",
            "6"));
    Map<String, Object> o =
        json("eval", "--policy", mixture, "--clips", clip, "--lookahead", "5", "--json");
    assertTrue(
        String.valueOf(o.get("policy")).contains("lookahead oracle over 12 experts"), o.toString());
    assertEquals(1, ((List<?>) o.get("clips")).size());

    // a switch margin: on mixtures only, within [0, 1), named in the report
    assertEquals(3, Main.run("eval", "--policy", walk, "--clips", clip, "--switch-margin", "0.5"));
    assertEquals(3, Main.run("eval", "--policy", mixture, "--clips", clip, "--switch-margin", "1"));
    Map<String, Object> m =
        json("eval", "--policy", mixture, "--clips", clip, "--switch-margin", "0.5", "--json");
    assertTrue(String.valueOf(m.get("policy")).contains("switch margin 0.5"), m.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      assertEquals(0, Main.run(args));
    } finally {
      System.setOut(saved);
    }
    return Json.MAPPER.readValue(buf.toString(UTF_8), Map.class);
  }
}
