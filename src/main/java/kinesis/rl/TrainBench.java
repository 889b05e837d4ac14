package kinesis.rl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.nn.Gemm;
import kinesis.nn.Mlp;
import kinesis.nn.Policy;
import kinesis.nn.Rng;

/**
 * Speed of the PPO update at the paper's size (309 observations, 80 actions, trunk [2048, 1536,
 * 1024, 1024, 512, 512], Lattice), with a plain large SGEMM measured in the same run as the
 * reference, and one Lattice policy step on a 2,048-sample minibatch (the Python reference takes
 * about 700 ms for it on 2 cores).
 */
public final class TrainBench {
  private TrainBench() {}

  public static final int OBS = 309, ACT = 80;

  /** Best GFLOP/s of an n×n×n SGEMM over {@code reps} runs after one warm-up. */
  public static double gemmPeak(Gemm g, int n, int reps) {
    Rng r = new Rng(1);
    float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
    r.fillGaussian(a, 0, a.length);
    r.fillGaussian(b, 0, b.length);
    g.gemm(false, false, n, n, n, a, b, 0f, c);
    double best = 0;
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      g.gemm(false, false, n, n, n, a, b, 0f, c);
      best = Math.max(best, 2.0 * n * n * n / (System.nanoTime() - t0));
    }
    return best;
  }

  /**
   * Multiply-adds of one PPO update (old log-probs + epochs × (value step + policy step)), for the
   * flop count.
   */
  static double updateFlops(Ppo ppo, int batch, int epochs) {
    Mlp policy = ((Policy) ppo.policy).mlp;
    long mp = policy.macsPerRow(), mv = ppo.value.macsPerRow();
    long firstDx = (long) OBS * policy.layer(0).out; // no input gradient for the first layer
    double perSample = 2.0 * mp + epochs * (2.0 * (3 * mp - firstDx) + 2.0 * (3 * mv - firstDx));
    return perSample * batch;
  }

  /**
   * Runs the three measurements; the SGEMM peak is the best of runs before, between and after the
   * others.
   */
  public static Map<String, Object> run(int batch, int epochs, int chunk, int latticeReps) {
    Gemm g = Gemm.fromProperties();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gemm", g.name());
    out.put("threads", g.threads());
    double peak =
        gemmPeak(g, 2048, 3); // measured again after each part; the best is kept (shared machines)

    PpoConfig cfg = PpoConfig.paper().with(List.of("epochs=" + epochs, "chunk_size=" + chunk));
    Ppo ppo = new Ppo(cfg, OBS, ACT, new Rng(0), g);
    Rng r = new Rng(2);

    // one Lattice policy step on a 2,048-sample minibatch (forward, log-prob, backward, clip, Adam)
    Ppo.Batch mb = randomBatch(r, 2048);
    float[] old = new float[2048];
    ppo.policy.logProb(mb.obs(), mb.actions(), 0, 2048, old);
    for (int i = 0; i < 3; i++) ppo.policyStepOnly(mb, old); // warm-up (JIT)
    double[] ms = new double[latticeReps];
    for (int i = 0; i < latticeReps; i++) {
      long t0 = System.nanoTime();
      ppo.policyStepOnly(mb, old);
      ms[i] = (System.nanoTime() - t0) / 1e6;
      if (Boolean.getBoolean("kinesis.bench.verbose"))
        System.err.printf("lattice step %d: %.1f ms%n", i, ms[i]);
    }
    java.util.Arrays.sort(ms);
    double stepMs = ms[latticeReps / 2];
    Mlp policy = ((Policy) ppo.policy).mlp;
    double stepFlops = 2048 * 2.0 * (3 * policy.macsPerRow() - (long) OBS * policy.layer(0).out);
    out.put("lattice_step_ms_2048", round(stepMs, 1));
    out.put("lattice_step_gflops", round(stepFlops / stepMs / 1e6, 1));
    peak = Math.max(peak, gemmPeak(g, 2048, 2));

    // the full update on the paper's batch
    Ppo.Batch b = randomBatch(r, batch);
    long t0 = System.nanoTime();
    Ppo.Stats st = ppo.update(b, r);
    double s = (System.nanoTime() - t0) / 1e9;
    double flops = updateFlops(ppo, batch, epochs);
    peak = Math.max(peak, gemmPeak(g, 2048, 2));
    out.put("gemm_peak_gflops", round(peak, 1));
    // the other back end's peak, for information
    Gemm other =
        g instanceof kinesis.nn.VecGemm
            ? (kinesis.nn.BlasGemm.available() ? kinesis.nn.BlasGemm.open(g.threads()) : null)
            : new kinesis.nn.VecGemm(g.threads());
    if (other != null) out.put(other.name() + "_peak_gflops", round(gemmPeak(other, 2048, 3), 1));
    out.put("batch", batch);
    out.put("epochs", epochs);
    out.put("chunk_size", chunk);
    out.put("update_s", round(s, 2));
    out.put("samples_per_s", round(batch / s, 1));
    out.put("gflops", round(flops / s / 1e9, 1));
    out.put("ratio_vs_gemm_peak", round(flops / s / 1e9 / peak, 3));
    out.put("finite", st.finite());
    return out;
  }

  private static Ppo.Batch randomBatch(Rng r, int n) {
    float[] obs = new float[n * OBS],
        act = new float[n * ACT],
        adv = new float[n],
        ret = new float[n];
    r.fillGaussian(obs, 0, obs.length);
    r.fillGaussian(act, 0, act.length);
    r.fillGaussian(adv, 0, n);
    r.fillGaussian(ret, 0, n);
    return new Ppo.Batch(obs, act, adv, ret, n);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
