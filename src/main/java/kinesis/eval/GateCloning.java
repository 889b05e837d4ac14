package kinesis.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.nn.Adam;
import kinesis.nn.Params;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.Gate;
import kinesis.rl.moe.GateActor;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;

/**
 * A warm start for the gate of a mixture (ours; the reference starts its gate at random): every
 * expert alone plays each training clip once from frame 0 under the paper's protocol, the clip's
 * teacher is the expert that covers most of it (then the lowest MPJPE; a specialist, only on its
 * own clips), and the gate learns by cross-entropy to choose the teacher on the observations of the
 * teacher's own episode. Choosing its most likely expert, the mixture then replays each teacher's
 * episode wherever the gate agrees with it; PPO continues from there as from a random gate.
 */
public final class GateCloning {
  private GateCloning() {}

  /** Minibatch rows and learning rate of the cross-entropy fit. */
  static final int MINIBATCH = 256;

  static final double LR = 1e-3;

  /** A clip's teacher and every expert's outcome on it, in expert order. */
  public record Teacher(String clip, int expert, List<ClipOutcome> outcomes) {}

  /**
   * What cloning did: the teachers, the states learnt from with their labels (rows of {@code obs}),
   * and the fit at its end.
   */
  public record Result(
      List<Teacher> teachers, float[] obs, float[] labels, double accuracy, double crossEntropy) {
    public int states() {
      return labels.length;
    }
  }

  /**
   * The index of the best outcome among the experts that may teach (all when {@code mayTeach} is
   * null): the highest coverage, then the lowest MPJPE, then the first; -1 when none may.
   */
  static int best(List<ClipOutcome> byExpert, boolean[] mayTeach) {
    int b = -1;
    for (int e = 0; e < byExpert.size(); e++) {
      if (mayTeach != null && !mayTeach[e]) continue;
      ClipOutcome o = byExpert.get(e), t = b < 0 ? null : byExpert.get(b);
      if (t == null
          || o.coverage() > t.coverage()
          || (o.coverage() == t.coverage() && o.mpjpeMm() < t.mpjpeMm())) b = e;
    }
    return b;
  }

  /**
   * Which experts may teach {@code clip}: all but the specialists (indices) whose own run did not
   * train on it (its {@code clips} setting, names trimmed as {@code ClipSet.select} reads them; one
   * without that setting trained on every clip).
   */
  public static boolean[] mayTeach(
      List<ExpertSpec> experts, Set<Integer> specialists, String clip) {
    boolean[] may = new boolean[experts.size()];
    for (int e = 0; e < may.length; e++) {
      String own = experts.get(e).env().get("clips");
      may[e] =
          !specialists.contains(e)
              || own == null
              || Arrays.stream(own.split(",", 0)).map(String::trim).anyMatch(clip::equals);
    }
    return may;
  }

  /**
   * Finds each clip's teacher and fits {@code actor}'s gate to it for {@code epochs} passes over
   * the teachers' states (clips on {@code threads} threads; the result does not depend on their
   * count). {@code specialists}: experts that teach only the clips their own run trained on.
   */
  public static Result clone(
      GateActor actor,
      BodyModel body,
      List<Clip> clips,
      Set<Integer> specialists,
      ControlMode control,
      int epochs,
      long seed,
      int threads) {
    List<ExpertSpec> experts = actor.experts();
    int n = clips.size(), k = experts.size(), d = actor.obsDim();
    ImitationConfig cfg = Protocol.PAPER.config(control);
    // trial i: expert i / n alone on clip i % n, its observations recorded
    List<Episode> played =
        Trials.run(
            n * k,
            threads,
            () -> experts.stream().map(e -> e.controller(new VecGemm(1), true)).toList(),
            (cs, i) -> {
              List<float[]> seen = new ArrayList<>();
              Controller c = cs.get(i / n).observed((o, a) -> seen.add(o.clone()));
              ClipOutcome o = Evaluator.episode(body, clips.get(i % n), cfg, c);
              return new Episode(o, seen);
            });
    List<Teacher> teachers = new ArrayList<>();
    List<float[]> states = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      List<ClipOutcome> outcomes = new ArrayList<>();
      for (int e = 0; e < k; e++) outcomes.add(played.get(e * n + c).outcome());
      int t = best(outcomes, mayTeach(experts, specialists, clips.get(c).name()));
      if (t < 0)
        throw new BadInputException(
            "no expert may teach clip " + clips.get(c).name() + ": all are specialists of others");
      teachers.add(new Teacher(clips.get(c).name(), t, List.copyOf(outcomes)));
      for (float[] s : played.get(t * n + c).states()) {
        states.add(s);
        labels.add(t);
      }
    }
    float[] obs = new float[states.size() * d], y = new float[states.size()];
    for (int i = 0; i < y.length; i++) {
      System.arraycopy(states.get(i), 0, obs, i * d, d);
      y[i] = labels.get(i);
    }
    double ce = fit(actor.gate, obs, y, epochs, new Rng(seed));
    return new Result(teachers, obs, y, accuracy(actor.gate, obs, y), ce);
  }

  /**
   * Minimises −log w_y(s) over the rows of {@code obs} with Adam, shuffled minibatches; returns the
   * mean cross-entropy of the last epoch (NaN for no epochs). The gate's normaliser stays as it is.
   */
  static double fit(Gate gate, float[] obs, float[] labels, int epochs, Rng rng) {
    int rows = labels.length, d = gate.norm.dim;
    Adam opt = new Adam(gate.params(), LR, 1e-8);
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) order[i] = i;
    float[] bObs = new float[MINIBATCH * d], bY = new float[MINIBATCH];
    float[] logp = new float[MINIBATCH], dLogp = new float[MINIBATCH];
    double last = Double.NaN;
    for (int ep = 0; ep < epochs; ep++) {
      for (int i = rows - 1; i > 0; i--) { // Fisher–Yates
        int j = (int) (rng.nextDouble() * (i + 1));
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double sum = 0;
      for (int start = 0; start < rows; start += MINIBATCH) {
        int m = Math.min(MINIBATCH, rows - start);
        for (int r = 0; r < m; r++) {
          System.arraycopy(obs, order[start + r] * d, bObs, r * d, d);
          bY[r] = labels[order[start + r]];
        }
        Params.zeroGrad(gate.params());
        gate.logProb(bObs, bY, 0, m, logp);
        for (int r = 0; r < m; r++) {
          sum -= logp[r];
          dLogp[r] = -1f / m;
        }
        gate.backward(dLogp, m);
        opt.step();
      }
      last = sum / rows;
    }
    return last;
  }

  /** The share of rows whose most likely expert is their label. */
  static double accuracy(Gate gate, float[] obs, float[] labels) {
    int rows = labels.length, k = gate.experts, right = 0;
    float[] w = gate.probabilities(obs, 0, rows);
    for (int r = 0; r < rows; r++) if (Gate.choose(w, r, k, null, true) == labels[r]) right++;
    return rows == 0 ? Double.NaN : right / (double) rows;
  }

  private record Episode(ClipOutcome outcome, List<float[]> states) {}
}
