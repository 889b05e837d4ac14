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
import kinesis.body.BodyModel;
import kinesis.nn.Rng;
import kinesis.task.Clips;
import kinesis.task.ClosingVecEnv;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationVecEnv;
import kinesis.task.VecEnv;

/**
 * The standing-balance learning benchmark: imitate a clip whose tracked bodies stay at the standing
 * pose for {@code seconds}, from frame 0, with direct control, and train until the mean-action
 * policy holds the whole clip in 4 of 4 evaluation episodes (or a sample / time budget runs out).
 */
public final class StandBench {
  private StandBench() {}

  /** Evaluation episodes that must all hold the full clip. */
  public static final int EVAL_EPISODES = 4;

  /** Environments imitating the standing clip (training termination: any body > 0.15 m). */
  public static EnvFactory factory(double seconds) {
    return (options, numEnvs, seed) -> {
      BodyModel body = BodyModel.load(options.getOrDefault("model", "legs"));
      try {
        var env =
            new ImitationVecEnv(
                body,
                List.of(Clips.standing(body, seconds)),
                ImitationConfig.training(ControlMode.DIRECT),
                numEnvs,
                Runtime.getRuntime().availableProcessors());
        return new ClosingVecEnv(env, body);
      } catch (RuntimeException e) {
        body.close();
        throw e;
      }
    };
  }

  /**
   * Trains with {@code cfg}, evaluating every {@code evalEvery} iterations; stops when solved or
   * past {@code maxSamples} or {@code maxSeconds}. Returns the JSON-ready result with the curve.
   */
  public static Map<String, Object> run(
      String model,
      PpoConfig cfg,
      double clipSeconds,
      int evalEvery,
      long maxSamples,
      double maxSeconds,
      PrintStream log) {
    EnvFactory factory = factory(clipSeconds);
    Map<String, String> env = Map.of("model", model, "task", "stand");
    PpoConfig c = cfg.with(List.of("iterations=0", "checkpoint_every=1000000"));
    Path dir = tempDir();
    List<Map<String, Object>> curve = new ArrayList<>();
    boolean solved = false;
    long samples = 0;
    double trainSeconds = 0;
    int maxSteps = (int) Math.round(clipSeconds * Clips.FPS) + 5;
    long evalNanos = 0;
    try (Trainer t =
            Trainer.start(
                new RunConfig(env, c),
                factory,
                dir,
                new PrintStream(PrintStream.nullOutputStream()));
        VecEnv evalEnv = factory.create(env, EVAL_EPISODES, 12345)) {
      long start = System.nanoTime();
      while (!solved && samples < maxSamples && trainSeconds < maxSeconds) {
        t.iterate();
        samples = t.globalStep();
        trainSeconds = (System.nanoTime() - start - evalNanos) / 1e9;
        if (t.iteration() % evalEvery != 0) continue;
        long e0 = System.nanoTime();
        int held = holding(t.ppo, evalEnv, maxSteps);
        evalNanos += System.nanoTime() - e0;
        solved = held == EVAL_EPISODES;
        Map<String, Double> m = t.lastMetrics();
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("samples", samples);
        point.put("seconds", Math.round(trainSeconds * 10) / 10.0);
        point.put("episodic_length", m.get("charts/episodic_length"));
        point.put("eval_episodes_held", held);
        curve.add(point);
        log.printf(
            "iter %4d  samples %,9d  %6.1f s  train ep_len %6.1f  mean-action episodes holding %d s: %d/%d%n",
            t.iteration(),
            samples,
            trainSeconds,
            m.get("charts/episodic_length"),
            (int) clipSeconds,
            held,
            EVAL_EPISODES);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("task", "stand");
      r.put("model", model);
      r.put("clip_seconds", clipSeconds);
      r.put("solved", solved);
      r.put("samples_to_solve", solved ? samples : null);
      r.put("seconds_to_solve", solved ? Math.round(trainSeconds * 10) / 10.0 : null);
      r.put("samples", samples);
      r.put("seconds", Math.round(trainSeconds * 10) / 10.0);
      r.put(
          "samples_per_s",
          Math.round(samples / trainSeconds)); // training time only, evaluation excluded
      r.put("evaluation_seconds", Math.round(evalNanos / 1e8) / 10.0);
      r.put("hidden", c.hidden());
      r.put("samples_per_iteration", c.batchSize());
      r.put("curve", curve);
      return r;
    } finally {
      kinesis.io.AtomicFiles.deleteTreeUnchecked(dir);
    }
  }

  /**
   * Runs one mean-action episode per environment; counts those that reach the clip end without
   * terminating.
   */
  static int holding(Ppo ppo, VecEnv env, int maxSteps) {
    int n = env.numEnvs();
    float[] obs = new float[n * env.obsDim()],
        act = new float[n * env.actionDim()],
        rew = new float[n];
    boolean[] done = new boolean[n],
        term = new boolean[n],
        ended = new boolean[n],
        failed = new boolean[n];
    env.reset(777, obs);
    Rng rng = new Rng(1);
    for (int s = 0; s < maxSteps; s++) {
      ppo.policy.act(obs, n, rng, true, act, act);
      env.step(act, obs, rew, done, term);
      for (int i = 0; i < n; i++) {
        if (!ended[i] && done[i]) {
          ended[i] = true;
          failed[i] = term[i];
        }
      }
    }
    int held = 0;
    for (int i = 0; i < n; i++) if (ended[i] && !failed[i]) held++;
    return held;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kinesis-bench-stand");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
