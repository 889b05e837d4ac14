package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.nn.Policy;
import kinesis.nn.Precision;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;

/**
 * Real-time factor of closed-loop inference on one thread: observation → policy (a mixture: gate,
 * then only the chosen expert, batch-1 matrix-vector path) → 5 physics substeps, on a standing clip
 * whose episode is never terminated. Simulated seconds per wall-clock second.
 */
public final class PolicyBench {
  private PolicyBench() {}

  /**
   * The paper's mixture shape with random weights: 3 Lattice experts [2048, 1536, 1024, 1024, 512,
   * 512], gate [1024, 512, 256].
   */
  public static MixtureSpec paperSizeMixture(int obsDim, int actions) {
    int[] trunk = {2048, 1536, 1024, 1024, 512, 512};
    List<ExpertSpec> experts = new ArrayList<>();
    for (int k = 0; k < 3; k++)
      experts.add(ExpertSpec.random(Policy.Kind.LATTICE, obsDim, trunk, actions, 1 + k));
    return MixtureSpec.fresh(new int[] {1024, 512, 256}, experts, 7);
  }

  /**
   * Runs {@code seconds} of wall-clock time after a warm-up with weights in {@code precision};
   * returns the measurements, the same-run memory reference (a streaming read of the bytes of
   * weights one action reads) and, for quantised weights, how far their actions are from float32's.
   */
  public static Map<String, Object> run(
      BodyModel body, PolicySpec spec, ControlMode control, double seconds, Precision precision) {
    Clip clip = Clips.standing(body, 60);
    ImitationConfig cfg = ImitationConfig.evaluation(control).with("termination_distance", "1000");
    Controller c = spec.controller(new VecGemm(1), false, precision);
    c.reseed(1);
    try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
      if (ep.obsDim() != c.obsDim() || body.sim.nu != c.actionDim()) {
        throw new kinesis.io.BadInputException(
            "policy has obs "
                + c.obsDim()
                + " / actions "
                + c.actionDim()
                + ", model "
                + body.variant.name()
                + " has "
                + ep.obsDim()
                + " / "
                + body.sim.nu);
      }
      float[] obs = new float[ep.obsDim()], act = new float[c.actionDim()];
      ep.start(obs);
      long[] nanos = new long[2];
      loop(ep, c, obs, act, 2e9 * Math.min(1, seconds / 3), nanos); // warm-up (JIT)
      nanos[0] = nanos[1] = 0;
      long steps = loop(ep, c, obs, act, seconds * 1e9, nanos);
      double wall = (nanos[0] + nanos[1]) * 1e-9, simulated = steps / ep.controlRate();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("policy", spec.describe());
      r.put("model", body.variant.name());
      r.put("control", control.label());
      r.put("threads", 1);
      r.put("actions", steps);
      r.put("realtime_factor_1thread", simulated / wall);
      r.put("ms_per_action", 1e3 * wall / steps);
      r.put("inference_ms_per_action", 1e-6 * nanos[0] / steps);
      r.put("physics_ms_per_action", 1e-6 * nanos[1] / steps);
      r.put("weights", precision.label());
      long bytes =
          spec.weightsPerAction()
              * switch (precision) {
                case FLOAT32 -> 4;
                case INT16 -> 2;
                case INT8 -> 1;
              };
      double probe = MemoryProbe.secondsToRead(bytes, 20);
      r.put("weight_bytes_per_action", bytes);
      r.put("memory_probe_ms", 1e3 * probe);
      r.put("inference_fraction_of_memory_limit", probe / (1e-9 * nanos[0] / steps));
      if (precision != Precision.FLOAT32) r.putAll(deviation(body, spec, clip, cfg, precision));
      return r;
    }
  }

  /**
   * Largest and mean |action difference| between quantised and float32 weights, on the observations
   * of a float32 episode (200 steps from the start of {@code clip}).
   */
  static Map<String, Object> deviation(
      BodyModel body, PolicySpec spec, Clip clip, ImitationConfig cfg, Precision precision) {
    Controller f = spec.controller(new VecGemm(1), true),
        q = spec.controller(new VecGemm(1), true, precision);
    double max = 0, sum = 0;
    long n = 0;
    try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
      float[] obs = new float[ep.obsDim()],
          a = new float[f.actionDim()],
          b = new float[f.actionDim()];
      ep.start(obs);
      for (int t = 0; t < 200; t++) {
        q.act(obs, b);
        f.act(obs, a);
        for (int i = 0; i < a.length; i++) {
          double d = Math.abs(a[i] - b[i]);
          max = Math.max(max, d);
          sum += d;
          n++;
        }
        if (ep.step(a, obs) != ImitationEpisode.Outcome.CONTINUE) ep.start(obs);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_abs_action_difference", max);
    m.put("mean_abs_action_difference", sum / n);
    return m;
  }

  private static long loop(
      ImitationEpisode ep,
      Controller c,
      float[] obs,
      float[] act,
      double budgetNanos,
      long[] nanos) {
    long start = System.nanoTime(), steps = 0;
    while (System.nanoTime() - start < budgetNanos) {
      long t0 = System.nanoTime();
      c.act(obs, act);
      long t1 = System.nanoTime();
      if (ep.step(act, obs) != ImitationEpisode.Outcome.CONTINUE) ep.start(obs);
      long t2 = System.nanoTime();
      nanos[0] += t1 - t0;
      nanos[1] += t2 - t1;
      steps++;
    }
    return steps;
  }
}
