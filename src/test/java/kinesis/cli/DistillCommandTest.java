package kinesis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.io.Json;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.Policies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillCommandTest {
  @TempDir Path tmp;

  private static final String WALK =
      Path.of(System.getProperty("kinesis.repo", ".")).resolve("policies/legs-walk").toString();

  /**
   * distill writes every round's student and the last one as a policy folder that eval and train
   * --init-from read, with distill.json; --json prints the same summary.
   */
  @Test
  void writesEveryRoundAndAPolicyFolder() throws Exception {
    Path out = tmp.resolve("student");
    String json =
        EnvCommandTest.capture(
            "distill",
            "--teacher",
            WALK,
            "--clips",
            "dataset-1_walk_normal_001",
            "--rounds",
            "1",
            "--starts",
            "1",
            "--epochs",
            "2",
            "--hidden",
            "16",
            "--threads",
            "1",
            "--json",
            "--out",
            out.toString());
    var summary = Json.MAPPER.readTree(json);
    assertEquals(2, summary.get("rounds").size());
    assertTrue(summary.get("rounds").get(1).get("total_states").asInt() > 0);
    assertEquals(summary, Json.MAPPER.readTree(out.resolve("distill.json").toFile()));
    for (String r : new String[] {"0", "1"})
      assertTrue(Files.isRegularFile(out.resolve("rounds").resolve(r).resolve("weights.bin")));
    ExpertSpec student = (ExpertSpec) Policies.load(out);
    assertEquals(309, student.obsDim());
    assertEquals("dataset-1_walk_normal_001", student.env().get("clips"));
    assertTrue(student.env().get("distilled_from").endsWith("legs-walk"));
    assertFalse(
        student.env().containsKey("eval_every"), "the teacher's probes are not the student's");
  }

  /**
   * Bad input: no teacher, unknown variant, negative rounds, zero width, unknown clip, a lookahead
   * over a single policy or with choices further apart than its horizon; nothing is written.
   */
  @Test
  void badInputIsRefusedBeforeAnythingIsWritten() {
    Path out = tmp.resolve("none");
    String[][] bad = {
      {"--teacher", tmp.resolve("missing").toString()},
      {"--teacher", WALK, "--variants", "sideways"},
      {"--teacher", WALK, "--rounds", "-1"},
      {"--teacher", WALK, "--hidden", "0"},
      {"--teacher", WALK, "--clips", "no_such_clip"},
      {"--teacher", WALK, "--lookahead", "30", "--clips", "dataset-1_walk_normal_001"},
      {"--teacher", WALK, "--lookahead", "4", "--lookahead-every", "5"},
      {"--teacher", WALK, "--lookahead", "-1"}
    };
    for (String[] args : bad) {
      String[] all = new String[args.length + 3];
      all[0] = "distill";
      System.arraycopy(args, 0, all, 1, args.length);
      all[args.length + 1] = "--out";
      all[args.length + 2] = out.toString();
      assertEquals(3, Main.run(all), String.join(" ", args));
      assertFalse(Files.exists(out), String.join(" ", args));
    }
  }
}
