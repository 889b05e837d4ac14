package kinesis.rl;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.AtomicFiles;
import kinesis.nn.Gemm;
import kinesis.nn.Rng;
import kinesis.task.VecEnv;

/**
 * Whole-loop training speed (rollouts with the policy, GAE, PPO update) against the same
 * environments stepped with random actions in the same run: how much learning costs on top of
 * simulation. The reference is measured in slices interleaved with the timed iterations (a slice of
 * random stepping, then one iteration, and so on), so that a shared machine's changing load falls
 * on both sides of the ratio alike.
 */
public final class LearnBench {
  private LearnBench() {}

  /**
   * Iterations run before timing: the JIT compiles the rarely called but long update methods (Adam)
   * only after a few.
   */
  static final int WARMUP_ITERATIONS = 2;

  public static Map<String, Object> run(
      RunConfig run, EnvFactory factory, int iterations, double envSeconds) {
    PpoConfig cfg =
        run.ppo()
            .with(
                List.of(
                    "iterations=" + (iterations + WARMUP_ITERATIONS), "checkpoint_every=1000000"));
    Map<String, Object> out = new LinkedHashMap<>();
    Gemm gemm = Gemm.fromProperties(); // the back end the trainer below chooses the same way
    out.put("gemm", gemm.name());
    out.put("threads", gemm.threads());
    out.put("num_envs", cfg.numEnvs());
    out.put("hidden", cfg.hidden());
    out.put("samples_per_iteration", cfg.batchSize());

    Path dir;
    try {
      dir = Files.createTempDirectory("kinesis-bench-learn");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double samples = 0, roll = 0, upd = 0, envSteps = 0, envTime = 0;
    List<Double> rounds = new ArrayList<>();
    // reference: the same environments with random actions, no policy
    try (VecEnv env = factory.create(run.env(), cfg.numEnvs(), cfg.seed());
        Trainer t =
            Trainer.start(
                new RunConfig(run.env(), cfg),
                factory,
                dir,
                new PrintStream(PrintStream.nullOutputStream()))) {
      RandomStepper reference = new RandomStepper(env);
      reference.stepFor(Math.min(1, envSeconds)); // JIT warm-up, not counted
      for (int i = 0; i < WARMUP_ITERATIONS; i++) t.iterate();
      for (int i = 0; i < iterations; i++) {
        double[] ref = reference.stepFor(envSeconds / iterations);
        t.iterate();
        Map<String, Double> m = t.lastMetrics();
        double r = m.get("time/rollout_s"), u = m.get("time/update_s");
        roll += r;
        upd += u;
        samples += cfg.batchSize();
        envSteps += ref[0];
        envTime += ref[1];
        rounds.add(Math.round(cfg.batchSize() / (r + u) / (ref[0] / ref[1]) * 1000) / 1000.0);
      }
    } finally {
      AtomicFiles.deleteTreeUnchecked(dir);
    }
    double envRate = envSteps / envTime;
    out.put("iterations", iterations);
    out.put("warmup_iterations", WARMUP_ITERATIONS);
    out.put("training_samples_per_s", round(samples / (roll + upd)));
    out.put("rollout_samples_per_s", round(samples / roll));
    out.put("update_samples_per_s", round(samples / upd));
    out.put("env_random_steps_per_s", round(envRate));
    out.put("ratio_vs_env", Math.round(samples / (roll + upd) / envRate * 1000) / 1000.0);
    out.put("ratio_vs_env_by_iteration", rounds);
    out.put(
        "rollout_vs_env",
        Math.round(samples / roll / envRate * 1000) / 1000.0); // the ratio if the update were free
    out.put("update_share", Math.round(upd / (roll + upd) * 1000) / 1000.0);
    return out;
  }

  /** Steps a vector environment with random actions, continuing where the last slice stopped. */
  private static final class RandomStepper {
    private static final int BATCHES = 64;
    private final VecEnv env;
    private final float[] obs, rew;
    private final boolean[] done, term;
    private final float[][] actions;
    private long calls;

    RandomStepper(VecEnv env) {
      this.env = env;
      int n = env.numEnvs();
      obs = new float[n * env.obsDim()];
      rew = new float[n];
      done = new boolean[n];
      term = new boolean[n];
      actions = randomActions(n * env.actionDim(), BATCHES);
      env.reset(1, obs);
    }

    /** Steps for about {@code seconds}; returns {environment steps, seconds}. */
    double[] stepFor(double seconds) {
      long steps = 0, t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
      do {
        env.step(actions[(int) (calls++ % BATCHES)], obs, rew, done, term);
        steps += env.numEnvs();
      } while (System.nanoTime() < end);
      return new double[] {steps, (System.nanoTime() - t0) * 1e-9};
    }
  }

  /**
   * {@code batches} action vectors of {@code length} entries, uniform in [−1, 1], from a fixed
   * seed.
   */
  private static float[][] randomActions(int length, int batches) {
    float[][] actions = new float[batches][length];
    Rng rng = new Rng(12345);
    for (float[] a : actions) for (int i = 0; i < a.length; i++) a[i] = (float) rng.uniform(-1, 1);
    return actions;
  }

  /**
   * Environment steps per second (summed over the environments) with uniform random actions in [−1,
   * 1], drawn beforehand so that only stepping is timed; reset first, then 20 steps of warm-up.
   */
  public static double randomStepsPerSecond(VecEnv env, double seconds) {
    int n = env.numEnvs(), batches = 64;
    float[] obs = new float[n * env.obsDim()], rew = new float[n];
    boolean[] done = new boolean[n], term = new boolean[n];
    float[][] actions = randomActions(n * env.actionDim(), batches);
    env.reset(1, obs);
    for (int i = 0; i < 20; i++) env.step(actions[i % batches], obs, rew, done, term);
    long steps = 0, t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      env.step(actions[(int) (steps / n) % batches], obs, rew, done, term);
      steps += n;
    }
    return steps / ((System.nanoTime() - t0) * 1e-9);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
