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
}
