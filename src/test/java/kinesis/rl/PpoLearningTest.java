package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.nn.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PPO with each action distribution learns the point-mass reaching task well beyond a random policy
 * (random ≈ −15.6; optimal ≈ −4; both reach about −5 after 150 iterations of 1,280 samples, ~10 s
 * each).
 */
class PpoLearningTest {
  @TempDir Path tmp;

  static final int ITER = 150;

  static final List<String> SMALL =
      List.of(
          "hidden=[64,64]",
          "num_envs=16",
          "samples_per_iteration=1280",
          "minibatch_size=320",
          "policy_lr=1e-3",
          "value_lr=1e-3",
          "log_std_init=-0.5",
          "checkpoint_every=100");

  /** Mean return of uniform random actions in [−1, 1]² over 200 episodes. */
  static double randomReturn() {
    try (PointMassEnv env = new PointMassEnv(16)) {
      float[] obs = new float[16 * 4], act = new float[32], rew = new float[16];
      boolean[] done = new boolean[16], term = new boolean[16];
      env.reset(99, obs);
      Rng rng = new Rng(7);
      double total = 0;
      int episodes = 0;
      double[] acc = new double[16];
      while (episodes < 200) {
        for (int i = 0; i < 32; i++) act[i] = (float) rng.uniform(-1, 1);
        env.step(act, obs, rew, done, term);
        for (int e = 0; e < 16; e++) {
          acc[e] += rew[e];
          if (done[e]) {
            total += acc[e];
            acc[e] = 0;
            episodes++;
          }
        }
      }
      return total / episodes;
    }
  }

  static double train(String actor, Path dir, int iterations, String... settings) {
    PpoConfig cfg =
        PpoConfig.laptop()
            .with(SMALL)
            .with(List.of("actor=" + actor, "iterations=" + iterations))
            .with(List.of(settings));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (Trainer tr =
        Trainer.start(
            new RunConfig(Map.of("task", "pointmass"), cfg),
            (o, n, s) -> new PointMassEnv(n),
            dir,
            new PrintStream(buf, true))) {
      tr.run();
    } catch (RuntimeException e) {
      System.out.println(buf); // the training log, to see how it went wrong
      throw e;
    }
    return lastReturns(dir.resolve("metrics.csv"), 3);
  }

  /** The value of {@code column} in the last row of a metrics file. */
  static double lastColumn(Path csv, String column) {
    try {
      List<String> lines = Files.readAllLines(csv);
      int col = List.of(lines.get(0).split(",")).indexOf(column);
      return Double.parseDouble(lines.getLast().split(",", -1)[col]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Mean of charts/episodic_return over the last {@code k} rows of a metrics file. */
  static double lastReturns(Path csv, int k) {
    try {
      List<String> lines = Files.readAllLines(csv);
      int col = List.of(lines.get(0).split(",")).indexOf("charts/episodic_return");
      double s = 0;
      for (int i = lines.size() - k; i < lines.size(); i++)
        s += Double.parseDouble(lines.get(i).split(",", -1)[col]);
      return s / k;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void gaussianAndLatticeBothLearnToReachTheTarget() {
    double random = randomReturn();
    for (String actor : List.of("gaussian", "lattice")) {
      long t0 = System.nanoTime();
      double learned = train(actor, tmp.resolve(actor), ITER);
      System.out.printf(
          "%s: return %.2f after %d iterations (random policy %.2f), %.1f s%n",
          actor, learned, ITER, random, (System.nanoTime() - t0) / 1e9);
      assertTrue(
          learned > 0.5 * random,
          actor + " return " + learned + " not better than half the random return " + random);
    }
  }

  /**
   * The update-size controls of the laptop recipe (KL-adapted lr, normaliser once per iteration)
   * still learn.
   */
  @Test
  void klTargetAndPerIterationNormaliserLearn() {
    double random = randomReturn();
    double learned =
        train("gaussian", tmp.resolve("kl"), ITER, "target_kl=0.01", "norm_update=iteration");
    System.out.printf(
        "target_kl + norm_update=iteration: return %.2f (random %.2f)%n", learned, random);
    assertTrue(
        learned > 0.5 * random,
        "return " + learned + " not better than half the random return " + random);
  }

  /** With the mirror-symmetry loss the policy still learns, and becomes nearly symmetric. */
  @Test
  void mirrorLossLearnsASymmetricPolicy() {
    double random = randomReturn();
    double learned = train("gaussian", tmp.resolve("mirror"), ITER, "mirror_loss=1");
    double symmetry = lastColumn(tmp.resolve("mirror/metrics.csv"), "losses/mirror_loss");
    System.out.printf(
        "mirror_loss=1: return %.2f (random %.2f), final mirror loss %.4f%n",
        learned, random, symmetry);
    assertTrue(symmetry < 0.05, "mirror loss " + symmetry);
    assertTrue(
        learned > 0.5 * random,
        "return " + learned + " not better than half the random return " + random);
  }

  /**
   * The bounds loss keeps the mean actions near [−1, 1] (fewer noise samples fall outside the
   * bounds the environment clips to than without it), and the policy still learns.
   */
  @Test
  void boundLossKeepsMeansNearTheBoundsAndStillLearns() {
    double random = randomReturn();
    train("gaussian", tmp.resolve("plain"), ITER);
    double learned = train("gaussian", tmp.resolve("bound"), ITER, "bound_loss=1");
    String beyond = kinesis.nn.Policy.BEYOND_BOUNDS;
    double plain = lastColumn(tmp.resolve("plain/metrics.csv"), beyond);
    double bounded = lastColumn(tmp.resolve("bound/metrics.csv"), beyond);
    double loss = lastColumn(tmp.resolve("bound/metrics.csv"), "losses/bound_loss");
    System.out.printf(
        "bound_loss=1: return %.2f (random %.2f), actions beyond the bounds %.3f (without %.3f),"
            + " final bounds loss %.4f%n",
        learned, random, bounded, plain, loss);
    assertTrue(bounded < plain, bounded + " vs " + plain); // 0.150 vs 0.230, return -5.2
    assertTrue(
        learned > 0.5 * random,
        "return " + learned + " not better than half the random return " + random);
  }

  /**
   * Scoring the entries beyond the bounds by their probability mass (censored_actions) still
   * learns.
   */
  @Test
  void censoredActionsLearn() {
    double random = randomReturn();
    double learned = train("gaussian", tmp.resolve("censored"), ITER, "censored_actions=true");
    System.out.printf("censored_actions=true: return %.2f (random %.2f)%n", learned, random);
    assertTrue(
        learned > 0.5 * random,
        "return " + learned + " not better than half the random return " + random);
  }

  /**
   * A cap on the noise σ (action_std_max) holds every learned log_std at or below it from the first
   * rollout (here below the initial σ = 1), and the capped policy still learns.
   */
  @Test
  void actionStdCapHoldsTheNoiseAndStillLearns() {
    double random = randomReturn();
    double learned =
        train("lattice", tmp.resolve("cap"), ITER, "log_std_init=0", "action_std_max=0.6");
    float[] logStd =
        (float[])
            Checkpoint.read(tmp.resolve("cap/checkpoints").resolve(Checkpoint.dirName(ITER)))
                .file("weights.bin")
                .get("log_std");
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logStd) max = Math.max(max, v);
    System.out.printf(
        "action_std_max=0.6: return %.2f (random %.2f), largest σ %.3f%n",
        learned, random, Math.exp(max));
    assertTrue(max <= Math.log(0.6) + 1e-6, "largest σ " + Math.exp(max));
    assertTrue(
        learned > 0.5 * random,
        "return " + learned + " not better than half the random return " + random);
  }
}
