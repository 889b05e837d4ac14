package kinesis.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import kinesis.io.Json;
import kinesis.motion.ClipSet;
import kinesis.task.Clips;
import kinesis.task.RolloutFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class T2mCommandTest {
  static final String POLICY = Assets.repository().resolve("policies/legs-walk").toString();
  static Path fixture;

  @BeforeAll
  static void locate() throws Exception {
    fixture =
        Path.of(
            T2mCommandTest.class.getResource("/kinesis/motion/text/mdm_results_small.npy").toURI());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> runJson(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    try {
      assertEquals(0, Main.run(args), Arrays.toString(args));
    } finally {
      System.setOut(saved);
    }
    return Json.MAPPER.readValue(buf.toString(UTF_8), Map.class);
  }

  @SuppressWarnings("unchecked")
  @Test
  void generatedMotionFileToRolloutTableAndGif(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Map<String, Object> r =
        runJson(
            "t2m",
            "the person walked forward to a toolbox",
            "--policy",
            POLICY,
            "--input",
            fixture.toString(),
            "--out",
            out.toString(),
            "--width",
            "32",
            "--height",
            "24",
            "--json");
    assertEquals("files", r.get("route"));
    Map<String, Object> m = (Map<String, Object>) r.get("material");
    assertEquals(1, m.get("sample"), "the toolbox sample matches the prompt");
    assertEquals("text match", m.get("chosen_by"));
    assertEquals(2, ((List<?>) r.get("candidates")).size());
    // the reference is an ordinary one-clip set for the policy's model
    ClipSet ref = ClipSet.load(out.resolve("reference"));
    assertEquals(1, ref.entries().size());
    assertEquals("legs", ref.model());
    assertEquals("mdm_results_small-1", ref.clips().get(0).name());
    assertEquals(89, ref.clips().get(0).frames(), "60 frames at 20 fps → 3 s at 30 fps");
    var rollout = RolloutFile.read(Path.of((String) r.get("rollout")));
    assertEquals((int) r.get("steps") + 1, rollout.steps(), "initial state plus every step");
    // Table I of that very episode
    Map<String, Object> table =
        Json.MAPPER.readValue(out.resolve("eval/results.json").toFile(), Map.class);
    double success =
        ((Number) ((Map<String, Object>) table.get("success_rate")).get("mean")).doubleValue();
    assertEquals(Boolean.TRUE.equals(r.get("success")) ? 100.0 : 0.0, success);
    assertEquals(
        ((Number) r.get("frame_coverage")).doubleValue() * 100,
        ((Number) ((Map<String, Object>) table.get("frame_coverage")).get("mean")).doubleValue(),
        1e-9);
    assertTrue(Files.size(Path.of((String) r.get("gif"))) > 0);
    assertEquals(
        r.get("rollout"),
        Json.MAPPER.readValue(out.resolve("t2m.json").toFile(), Map.class).get("rollout"));
    // by index instead of text
    Map<String, Object> byIndex =
        runJson(
            "t2m",
            "anything",
            "--policy",
            POLICY,
            "--input",
            fixture.toString(),
            "--index",
            "0",
            "--out",
            tmp.resolve("i").toString(),
            "--no-gif",
            "--json");
    assertEquals(0, ((Map<String, Object>) byIndex.get("material")).get("sample"));
    assertEquals(
        40 * 3 / 2 - 1,
        ((Map<String, Object>) byIndex.get("reference")).get("frames"),
        "40 frames at 20 fps");
  }

  @SuppressWarnings("unchecked")
  @Test
  void retrievalPlaysTheBestClipOfTheLibrary(@TempDir Path tmp) throws Exception {
    Path lib = tmp.resolve("lib");
    try (BodyModel legs = BodyModel.load("legs")) {
      new ClipSet(
              "mine",
              "legs",
              List.of(
                  new ClipSet.Entry(Clips.standing(legs, 0.5), "all", null),
                  new ClipSet.Entry(Clips.sliding(legs, 0.5, 0.8), "all", null)))
          .save(lib);
    }
    Map<String, Object> r =
        runJson(
            "t2m",
            "a person is standing still",
            "--policy",
            POLICY,
            "--motions",
            lib.toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--no-gif",
            "--json");
    assertEquals("retrieve", r.get("route"));
    Map<String, Object> m = (Map<String, Object>) r.get("material");
    assertEquals("mine", m.get("set"));
    assertEquals("standing", m.get("clip"));
    assertTrue(((Number) m.get("score")).doubleValue() > 0);
    assertTrue(
        ((Number) m.get("matches_outside_library")).intValue() > 0,
        "KIT-ML texts about standing match too");
    assertEquals("standing", ClipSet.load(tmp.resolve("out/reference")).clips().get(0).name());
  }

  @Test
  void badInputsExitThreeWithOneLine(@TempDir Path tmp) throws Exception {
    byte[] good = Files.readAllBytes(fixture);
    Path truncated = Files.write(tmp.resolve("cut.npy"), Arrays.copyOf(good, 3000));
    Path empty = Files.createDirectory(tmp.resolve("nothing"));
    String out = tmp.resolve("o").toString();
    List<List<String>> bad =
        List.of(
            List.of(
                "t2m", "walk", "--policy", POLICY, "--input", truncated.toString(), "--out", out),
            List.of("t2m", "walk", "--policy", POLICY, "--input", empty.toString(), "--out", out),
            List.of(
                "t2m",
                "walk",
                "--policy",
                POLICY,
                "--input",
                tmp.resolve("missing.npy").toString(),
                "--out",
                out),
            List.of(
                "t2m",
                "juggling flaming torches",
                "--policy",
                POLICY,
                "--input",
                fixture.toString(),
                "--out",
                out),
            List.of(
                "t2m",
                "walk",
                "--policy",
                POLICY,
                "--input",
                fixture.toString(),
                "--index",
                "7",
                "--out",
                out),
            List.of("t2m", "xyzzy plugh", "--policy", POLICY, "--out", out),
            List.of("t2m", "walk", "--policy", POLICY, "--source", "files", "--out", out),
            List.of("t2m", "walk", "--policy", POLICY, "--source", "dream", "--out", out),
            List.of("t2m", "walk", "--policy", POLICY, "--model", "legs-back", "--out", out));
    PrintStream saved = System.err;
    for (List<String> args : bad) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true));
      int code;
      try {
        code = Main.run(args.toArray(String[]::new));
      } finally {
        System.setErr(saved);
      }
      assertEquals(3, code, args.toString());
      String msg = err.toString(UTF_8).strip();
      assertEquals(
          1, msg.lines().filter(l -> l.startsWith("kinesis: ")).count(), args + " → " + msg);
      if (args.contains(truncated.toString())) assertTrue(msg.contains("cut.npy"), msg);
      if (args.contains(empty.toString())) assertTrue(msg.contains("nothing"), msg);
    }
    assertFalse(Files.exists(tmp.resolve("o/reference")), "nothing written for bad input");
  }

  @SuppressWarnings("unchecked")
  @Test
  void compositionStitchesLibraryClipsIntoOneReferenceThatInspectAgreesWith(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("c");
    Map<String, Object> r =
        runJson(
            "t2m",
            "walk forward 3 m, then turn left 90 degrees, then walk backwards for 2 seconds",
            "--source",
            "compose",
            "--policy",
            POLICY,
            "--out",
            out.toString(),
            "--no-gif",
            "--json");
    assertEquals("compose", r.get("route"));
    Map<String, Object> m = (Map<String, Object>) r.get("material");
    List<Map<String, Object>> plan = (List<Map<String, Object>>) m.get("plan");
    assertEquals(3, plan.size());
    assertEquals("public-locomotion/dataset-1_walk_normal_001", plan.get(0).get("clip"));
    assertEquals("backwards", plan.get(2).get("clip_skill"));
    assertEquals(3.0, ((Number) plan.get(0).get("path_m")).doubleValue(), 0.06);
    assertEquals(90, ((Number) plan.get(1).get("heading_change_deg")).doubleValue(), 1);
    assertEquals(2.0, ((Number) plan.get(2).get("duration_s")).doubleValue(), 1e-9);
    assertTrue(((Map<String, Object>) plan.get(1).get("seam")).containsKey("heading_step_deg"));
    // an ordinary clip set: motion inspect reads it and its numbers agree with the commands
    ClipSet ref = ClipSet.load(out.resolve("reference"));
    assertEquals("composed", ref.clips().get(0).name());
    assertEquals(
        ref.clips().get(0).frames(),
        ref.clips().get(0).poses().length,
        "a solved pose for every frame");
    Map<String, Object> inspect =
        runJson("motion", "inspect", out.resolve("reference/composed").toString(), "--json");
    assertEquals(90, ((Number) inspect.get("heading_change_deg")).doubleValue(), 2);
    int frames = plan.stream().mapToInt(p -> ((Number) p.get("frames")).intValue()).sum();
    assertEquals((frames - 1) / 30.0, ((Number) inspect.get("duration_s")).doubleValue(), 1e-9);
    assertTrue(
        ((Number) inspect.get("ik_residual_mean_mm")).doubleValue() < 20,
        "the body fits the composed keypoints");
    assertEquals(
        r.get("steps"),
        ((Map<String, Object>) Json.MAPPER.readValue(out.resolve("t2m.json").toFile(), Map.class))
            .get("steps"));
    // a word outside the grammar: exit 3, one line naming it and the grammar
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    int code;
    try {
      code =
          Main.run(
              new String[] {
                "t2m",
                "walk forward then moonwalk",
                "--source",
                "compose",
                "--policy",
                POLICY,
                "--out",
                tmp.resolve("x").toString()
              });
    } finally {
      System.setErr(saved);
    }
    assertEquals(3, code);
    String msg = err.toString(UTF_8).strip();
    assertEquals(1, msg.lines().count(), msg);
    assertTrue(msg.contains("'moonwalk'") && msg.contains("the grammar"), msg);
    assertFalse(Files.exists(tmp.resolve("x/reference")));
  }
}
