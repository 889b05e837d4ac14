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
    out.put("gemm", Gemm.standard().name());
    out.put("threads", Gemm.standard().threads());
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
      deleteTree(dir);
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

  static double randomStepsPerSecond(VecEnv env, double seconds) {
    int n = env.numEnvs();
    float[] obs = new float[n * env.obsDim()], act = new float[n * env.actionDim()], rew = new float[n];
    boolean[] done = new boolean[n], term = new boolean[n];
    env.reset(1, obs);
    Rng rng = new Rng(3);
    for (int i = 0; i < 20; i++) step(env, rng, obs, act, rew, done, term); // warm-up
    long steps = 0, t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      step(env, rng, obs, act, rew, done, term);
      steps += n;
    }
    return steps / ((System.nanoTime() - t0) / 1e9);
  }

  private static void step(VecEnv env, Rng rng, float[] obs, float[] act, float[] rew, boolean[] done, boolean[] term) {
    for (int i = 0; i < act.length; i++) act[i] = (float) rng.uniform(-1, 1);
    env.step(act, obs, rew, done, term);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Deletes a temporary run directory. */
  public static void deleteTree(Path p) {
    try {
      AtomicFiles.deleteTree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
