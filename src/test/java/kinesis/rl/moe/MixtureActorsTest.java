package kinesis.rl.moe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.nn.Gemm;
import kinesis.nn.Params;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.TensorFile;
import kinesis.nn.VecGemm;
import kinesis.rl.Checkpoint;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class MixtureActorsTest {
  @TempDir Path tmp;

  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  static final EnvFactory TWO_TYPES = (o, n, s) -> new TwoTypesEnv(n);

  /** A constant expert (zero weights, output bias {@code a}) written as a checkpoint directory. */
  public static String constant(Path dir, float a) {
    Policy p =
        new Policy(
            Policy.Kind.GAUSSIAN, 2, new int[] {4}, 1, 0f, new Rng(1), Gemm.fromProperties());
    java.util.Arrays.fill(p.mlp.head().weight.value, 0f);
    p.mlp.head().bias.value[0] = a;
    ExpertSpec.of(p, Map.of("model", "toy"), dir.getFileName().toString()).write(dir);
    return dir.toString();
  }

  RunConfig gateRun(long iterations) {
    List<String> experts = List.of(constant(tmp.resolve("A"), 1), constant(tmp.resolve("B"), -1));
    PpoConfig cfg =
        PpoConfig.laptop()
            .with(
                List.of(
                    "actor=gate",
                    "hidden=[16]",
                    "gate_hidden=[16,16]",
                    "num_envs=8",
                    "samples_per_iteration=256",
                    "epochs=5",
                    "minibatch_size=0",
                    "policy_lr=0.003",
                    "value_lr=0.003",
                    "iterations=" + iterations,
                    "checkpoint_every=10"));
    return new RunConfig(Map.of("model", "toy"), cfg, experts);
  }

  static void train(Trainer t) {
    try (t) {
      t.run();
    }
  }

  @Test
  void gateLearnsToPickTheExpertThatIsRightForTheObservedType() throws Exception {
    Path dir = tmp.resolve("moe");
    Trainer t = Trainer.start(gateRun(25), TWO_TYPES, new MixtureActors(), dir, QUIET, null, null);
    float[] before =
        ((GateActor) t.ppo.policy).gate.probabilities(new float[] {1, 0, 0, 1}, 0, 2).clone();
    assertEquals(0.5, before[0], 0.05, "the head starts near uniform");
    train(t);
    assertEquals(25, t.iteration());
    MixtureSpec trained = (MixtureSpec) Policies.load(dir);
    assertEquals(dir.resolve("checkpoints/0025"), Policies.resolve(dir));
    float[] w = trained.gate(new VecGemm(1)).probabilities(new float[] {1, 0, 0, 1}, 0, 2);
    assertTrue(w[0] > 0.9, "type 0 -> expert A: " + w[0]);
    assertTrue(w[3] > 0.9, "type 1 -> expert B: " + w[3]);
    // acting: only the chosen expert's mean comes out
    Controller c = trained.controller(new VecGemm(1), true);
    float[] a = new float[1];
    c.act(new float[] {0, 1}, a);
    assertEquals(1, c.lastExpert());
    assertEquals(-1f, a[0], 1e-6f);
    assertFalse(c.stochastic());
    assertTrue(trained.controller(new VecGemm(1), false).stochastic());
    // the run has what a training run has: config, CleanRL metrics, a plot
    assertTrue(Files.readString(dir.resolve("config.yaml")).contains("gate_hidden: [16, 16]"));
    String header = Files.readAllLines(dir.resolve("metrics.csv")).get(0);
    for (String m :
        List.of(
            "losses/approx_kl",
            "losses/clipfrac",
            "losses/entropy",
            "losses/explained_variance",
            "charts/episodic_return")) {
      assertTrue(header.contains(m), header);
    }
    assertTrue(Files.isRegularFile(dir.resolve("plots/training.png")));
    // resuming continues from the newest checkpoint instead of starting over
    RunConfig more = RunConfig.load(dir.resolve("config.yaml"));
    new RunConfig(more.env(), more.ppo().with(List.of("iterations=27")), more.experts())
        .save(dir.resolve("config.yaml"));
    Trainer r = Trainer.resume(dir, TWO_TYPES, new MixtureActors(), QUIET, null);
    assertEquals(25, r.iteration());
    train(r);
    assertEquals(27, r.iteration());
  }

  /**
   * 3 iterations straight and 2 + resume + 1 give byte-identical checkpoints (training state and
   * mixture) and metrics.
   */
  @Test
  void resumeContinuesBitExactly() throws Exception {
    Path straight = tmp.resolve("straight"), split = tmp.resolve("split");
    RunConfig three =
        new RunConfig(
            gateRun(3).env(),
            gateRun(3).ppo().with(List.of("checkpoint_every=1")),
            gateRun(3).experts());
    RunConfig two =
        new RunConfig(three.env(), three.ppo().with(List.of("iterations=2")), three.experts());
    train(Trainer.start(three, TWO_TYPES, new MixtureActors(), straight, QUIET, null, null));
    train(Trainer.start(two, TWO_TYPES, new MixtureActors(), split, QUIET, null, null));
    three.save(split.resolve("config.yaml"));
    Files.delete(
        tmp.resolve("A/weights.bin")); // a resumed run reads its experts from its own checkpoint
    Trainer resumed = Trainer.resume(split, TWO_TYPES, new MixtureActors(), QUIET, null);
    assertEquals(2, resumed.iteration());
    train(resumed);
    for (String cp : List.of("0002", "0003")) {
      for (String f :
          List.of(
              "weights.bin",
              "optimizer.bin",
              "normaliser.bin",
              "state.bin",
              "gate.bin",
              "moe.json",
              "experts/0/weights.bin",
              "experts/1/manifest.json")) {
        Path a = straight.resolve("checkpoints").resolve(cp).resolve(f),
            b = split.resolve("checkpoints").resolve(cp).resolve(f);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), cp + " " + f);
      }
    }
    List<String> ma = Files.readAllLines(straight.resolve("metrics.csv")),
        mb = Files.readAllLines(split.resolve("metrics.csv"));
    assertEquals(4, mb.size());
    String[] names = ma.get(0).split(",", 0);
    for (int i = 0; i < ma.size(); i++) {
      String[] x = ma.get(i).split(",", 0), y = mb.get(i).split(",", 0);
      for (int c = 0; c < x.length; c++) {
        if (names[c].equals("charts/SPS") || names[c].startsWith("time/"))
          continue; // timings differ between runs
        assertEquals(x[c], y[c], "metrics row " + i + " column " + names[c]);
      }
    }
  }

  /**
   * NaN rewards in the second iteration: the gate's update is rolled back, and no NaN reaches a
   * checkpoint.
   */
  @Test
  void nonFiniteGateUpdateIsRolledBack() throws Exception {
    RunConfig run = gateRun(3);
    run = new RunConfig(run.env(), run.ppo().with(List.of("checkpoint_every=1")), run.experts());
    int steps = run.ppo().stepsPerEnv();
    EnvFactory poisoned =
        (o, n, s) ->
            new TwoTypesEnv(n) {
              int calls;

              @Override
              public void step(float[] a, float[] obs, float[] r, boolean[] d, boolean[] term) {
                super.step(a, obs, r, d, term);
                if (calls++ / steps == 1) r[0] = Float.NaN;
              }
            };
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Path dir = tmp.resolve("nan");
    Trainer t =
        Trainer.start(
            run, poisoned, new MixtureActors(), dir, new PrintStream(buf, true), null, null);
    train(t);
    assertTrue(buf.toString(UTF_8).contains("iteration 2: non-finite"), buf.toString(UTF_8));
    assertTrue(Params.allFinite(t.ppo.allParams()));
    for (String it : List.of("0002", "0003")) {
      for (String f : List.of("weights.bin", "normaliser.bin", "gate.bin")) {
        for (Object v :
            TensorFile.read(dir.resolve("checkpoints").resolve(it).resolve(f)).values()) {
          if (v instanceof float[] x) assertTrue(Params.allFinite(x), it + " " + f);
        }
      }
    }
  }

  /**
   * A mixture written by the earlier gate trainer (training.bin, no config.yaml) still loads, but
   * is not continued.
   */
  @Test
  void earlierMixturesLoadButAreNotContinued() throws Exception {
    Path old = tmp.resolve("old");
    List<ExpertSpec> experts =
        MixtureActors.read(List.of(constant(tmp.resolve("A"), 1), constant(tmp.resolve("B"), -1)));
    MixtureSpec.fresh(new int[] {8}, experts, 5).write(old.resolve("checkpoints/0004"));
    TensorFile.write(
        old.resolve("checkpoints/0004/training.bin"), Map.of("iteration", new long[] {4}));
    assertEquals(old.resolve("checkpoints/0004"), Policies.resolve(old));
    assertEquals(2, ((MixtureSpec) Policies.load(old)).experts().size());
    BadInputException e =
        assertThrows(BadInputException.class, () -> MixtureActors.refuseLegacy(old));
    assertTrue(e.getMessage().contains("earlier version"), e.getMessage());
    assertTrue(Checkpoint.list(old.resolve("checkpoints")).isEmpty());
  }

  /** actor: gate needs experts, and a mixture cannot serve as an expert. */
  @Test
  void refusesAGateWithoutExpertsAndAMixtureAsExpert() {
    PpoConfig gate = PpoConfig.laptop().with(List.of("actor=gate"));
    assertThrows(BadInputException.class, () -> new RunConfig(Map.of(), gate));
    assertThrows(
        BadInputException.class, () -> new RunConfig(Map.of(), PpoConfig.laptop(), List.of("x")));
    Path mix = tmp.resolve("mix");
    MixtureSpec.fresh(new int[] {8}, MixtureActors.read(List.of(constant(tmp.resolve("A"), 1))), 5)
        .write(mix);
    assertThrows(BadInputException.class, () -> MixtureActors.read(List.of(mix.toString())));
  }
}
