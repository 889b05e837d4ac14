package kinesis.rl;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.AtomicFiles;
import kinesis.nn.Gemm;
import kinesis.nn.Rng;
import kinesis.task.VecEnv;

/**
 * Whole-loop training speed (rollouts with the policy, GAE, PPO update) against the same
 * environments stepped with random actions in the same run: how much learning costs on top of simulation.
 */
public final class LearnBench {
  private LearnBench() {}

  public static Map<String, Object> run(RunConfig run, EnvFactory factory, int iterations, double envSeconds) {
    PpoConfig cfg = run.ppo().with(List.of("iterations=" + (iterations + 1), "checkpoint_every=1000000"));
    Map<String, Object> out = new LinkedHashMap<>();
    Gemm gemm = Gemm.fromProperties(); // the back end the trainer below chooses the same way
    out.put("gemm", gemm.name());
    out.put("threads", gemm.threads());
    out.put("num_envs", cfg.numEnvs());
    out.put("hidden", cfg.hidden());
    out.put("samples_per_iteration", cfg.batchSize());

    // reference: the same environments with random actions, no policy
    double envRate;
    try (VecEnv env = factory.create(run.env(), cfg.numEnvs(), cfg.seed())) {
      envRate = randomStepsPerSecond(env, envSeconds);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("kinesis-bench-learn");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double samples = 0, roll = 0, upd = 0;
    try (Trainer t = Trainer.start(new RunConfig(run.env(), cfg), factory, dir, new PrintStream(PrintStream.nullOutputStream()))) {
      t.iterate(); // JIT warm-up, not counted
      for (int i = 0; i < iterations; i++) {
        t.iterate();
        Map<String, Double> m = t.lastMetrics();
        roll += m.get("time/rollout_s");
        upd += m.get("time/update_s");
        samples += cfg.batchSize();
      }
    } finally {
      AtomicFiles.deleteTreeUnchecked(dir);
    }
    out.put("iterations", iterations);
    out.put("training_samples_per_s", round(samples / (roll + upd)));
    out.put("rollout_samples_per_s", round(samples / roll));
    out.put("update_samples_per_s", round(samples / upd));
    out.put("env_random_steps_per_s", round(envRate));
    out.put("ratio_vs_env", Math.round(samples / (roll + upd) / envRate * 1000) / 1000.0);
    out.put("update_share", Math.round(upd / (roll + upd) * 1000) / 1000.0);
    return out;
  }

  /**
   * Environment steps per second (summed over the environments) with uniform random actions in
   * [−1, 1], drawn beforehand so that only stepping is timed; reset first, then 20 steps of warm-up.
   */
  public static double randomStepsPerSecond(VecEnv env, double seconds) {
    int n = env.numEnvs(), batches = 64;
    float[] obs = new float[n * env.obsDim()], rew = new float[n];
    boolean[] done = new boolean[n], term = new boolean[n];
    float[][] actions = new float[batches][n * env.actionDim()];
    Rng rng = new Rng(12345);
    for (float[] a : actions) for (int i = 0; i < a.length; i++) a[i] = (float) rng.uniform(-1, 1);
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
