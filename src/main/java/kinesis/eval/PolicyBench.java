package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.nn.Policy;
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
 * then only the chosen expert, batch-1 matrix-vector path) → 5 physics substeps, on a standing
 * clip whose episode is never terminated. Simulated seconds per wall-clock second.
 */
public final class PolicyBench {
  private PolicyBench() {}

  /** The paper's mixture shape with random weights: 3 Lattice experts [2048, 1536, 1024, 1024, 512, 512], gate [1024, 512, 256]. */
  public static MixtureSpec paperSizeMixture(int obsDim, int actions) {
    int[] trunk = {2048, 1536, 1024, 1024, 512, 512};
    List<ExpertSpec> experts = new ArrayList<>();
    for (int k = 0; k < 3; k++) experts.add(ExpertSpec.random(Policy.Kind.LATTICE, obsDim, trunk, actions, 1 + k));
    return MixtureSpec.fresh(new int[] {1024, 512, 256}, experts, 7);
  }

  /** Runs {@code seconds} of wall-clock time after a warm-up; returns the measurements. */
  public static Map<String, Object> run(BodyModel body, PolicySpec spec, ControlMode control, double seconds) {
    Clip clip = Clips.standing(body, 60);
    ImitationConfig cfg = ImitationConfig.evaluation(control).with("termination_distance", "1000");
    Controller c = spec.controller(new VecGemm(1), false);
    c.reseed(1);
    try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
      if (ep.obsDim() != c.obsDim() || body.sim.nu != c.actionDim()) {
        throw new kinesis.io.BadInputException("policy has obs " + c.obsDim() + " / actions " + c.actionDim() + ", model "
            + body.variant.name() + " has " + ep.obsDim() + " / " + body.sim.nu);
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
      return r;
    }
  }

  private static long loop(ImitationEpisode ep, Controller c, float[] obs, float[] act, double budgetNanos, long[] nanos) {
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
