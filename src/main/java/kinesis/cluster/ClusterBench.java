package kinesis.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.Machine;
import kinesis.rl.EnvFactory;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;

/**
 * {@code bench cluster}: the training loop in one JVM, then as a learner with 1..N workers on
 * loopback (each its own Pekko actor system in this JVM, so every segment and policy is serialised
 * and crosses TCP), all in the same invocation: samples/s and their ratio to one JVM, the learner's
 * own work per iteration (decoding segments, values, GAE), payload bytes per sample, and a model of
 * larger clusters from those measured costs.
 */
public final class ClusterBench {
  private ClusterBench() {}

  private record Timing(
      double samplesPerS,
      double rolloutS,
      double updateS,
      double overheadS,
      double bytesPerSample,
      double staleUsed,
      int policyBytes) {}

  public static Map<String, Object> run(
      RunConfig run, EnvFactory factory, int maxWorkers, int iterations, PrintStream log) {
    PpoConfig cfg =
        run.ppo().with(List.of("iterations=" + (iterations + 1), "checkpoint_every=1000000"));
    RunConfig r = new RunConfig(run.env(), cfg);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cpu_model", Machine.cpuModel());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("samples_per_iteration", cfg.batchSize());
    out.put("num_envs", cfg.numEnvs());
    out.put("hidden", cfg.hidden());
    out.put("iterations", iterations);
    Timing one = time(r, factory, factory, null, 0, log);
    out.put("one_jvm_samples_per_s", round(one.samplesPerS()));
    out.put("one_jvm_update_s", round(one.updateS()));
    out.put("policy_bytes_per_version", one.policyBytes());
    List<Map<String, Object>> rows = new ArrayList<>();
    Timing first = null;
    for (int w = 1; w <= maxWorkers; w++) {
      Secret secret = Secret.random();
      ClusterSettings cs = new ClusterSettings("127.0.0.1", 0, secret, 0, true, 1, w, 120, 3, null);
      Timing t = time(r, ClusterVecEnv.factory(cs, r, factory, log), factory, secret, w, log);
      if (first == null) first = t;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("workers", w);
      row.put("samples_per_s", round(t.samplesPerS()));
      row.put("ratio_vs_one_jvm", round(t.samplesPerS() / one.samplesPerS()));
      row.put("wait_for_segments_s", round(t.rolloutS()));
      row.put("update_s", round(t.updateS()));
      row.put("learner_overhead_s", round(t.overheadS()));
      row.put("bytes_per_sample", round(t.bytesPerSample()));
      row.put("stale_segments_used_per_iteration", round(t.staleUsed()));
      rows.add(row);
    }
    out.put("cluster", rows);
    out.put("scaling_model", model(cfg.batchSize(), one, first));
    return out;
  }

  /**
   * Iteration time with N nodes like this one: segments arrive N times as fast as one worker
   * delivers them, the update and the learner's overhead stay on the learner; with stale use the
   * workers step during the update, so the iteration takes the longer of the two.
   */
  private static Map<String, Object> model(int batch, Timing one, Timing w1) {
    Map<String, Object> m = new LinkedHashMap<>();
    double rolloutOneWorker =
        w1.rolloutS() + w1.updateS(); // a lone worker also steps during the update
    double learner = one.updateS() + w1.overheadS();
    m.put(
        "assumption",
        "N worker nodes like this one, the learner on its own node; iteration = max(rollout of one worker / N, update + learner overhead)");
    for (int n : new int[] {8, 16, 32, 64}) {
      double iter = Math.max(rolloutOneWorker / n, learner);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("samples_per_s", round(batch / iter));
      p.put("bound", rolloutOneWorker / n > learner ? "rollout" : "learner update");
      p.put("learner_inbound_MB_per_s", round(batch / iter * w1.bytesPerSample() / 1e6));
      p.put(
          "learner_outbound_MB_per_s",
          round(n * (double) w1.policyBytes() / iter / 1e6)); // each version to every worker
      m.put(n + "_nodes", p);
    }
    return m;
  }

  private static Timing time(
      RunConfig run,
      EnvFactory factory,
      EnvFactory workerEnvs,
      Secret secret,
      int workers,
      PrintStream log) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kinesis-bench-cluster");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<WorkerNode> nodes = new ArrayList<>();
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    double samples = 0, roll = 0, upd = 0, over = 0, bytes = 0, stale = 0;
    int n = 0, policyBytes;
    try (Trainer t = Trainer.start(run, factory, dir, quiet)) {
      if (t.env() instanceof ClusterVecEnv c) {
        for (int w = 0; w < workers; w++) {
          nodes.add(
              new WorkerNode(
                  "127.0.0.1",
                  c.address(),
                  secret,
                  workerEnvs,
                  Runtime.getRuntime().availableProcessors(),
                  3,
                  quiet));
        }
      }
      policyBytes = PolicyState.encode(t.ppo.policy).length;
      t.iterate(); // warm-up (and, for a cluster, the workers' start), not counted
      for (int i = 0; i < run.ppo().iterations() - 1; i++) {
        t.iterate();
        Map<String, Double> m = t.lastMetrics();
        roll += m.get("time/rollout_s");
        upd += m.get("time/update_s");
        samples += run.ppo().batchSize();
        if (m.containsKey("cluster/learner_overhead_s")) {
          over += m.get("cluster/learner_overhead_s");
          bytes += m.get("cluster/bytes_per_sample");
          stale += m.get("cluster/segments_stale_used");
        }
        n++;
      }
    } finally {
      for (WorkerNode w : nodes) w.close();
      deleteTree(dir);
    }
    log.printf(
        "  %s: %.0f samples/s%n",
        workers == 0 ? "one JVM" : workers + " worker(s)", samples / (roll + upd));
    return new Timing(
        samples / (roll + upd), roll / n, upd / n, over / n, bytes / n, stale / n, policyBytes);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
        Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // temporary files
    }
  }
}
