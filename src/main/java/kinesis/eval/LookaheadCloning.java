package kinesis.eval;

import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.GateActor;
import kinesis.rl.moe.MixtureSpec;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;
import kinesis.task.ImitationEpisode.Outcome;

/**
 * Teaches a gate when to switch experts (ours): DAgger (Ross et al. 2011) with the {@link
 * LookaheadOracle} as the teacher. Each round the mixture, its gate taking the most likely expert,
 * plays every training clip from frame 0 under the paper's protocol; every {@code every} control
 * steps the oracle's choice is recorded as the label of that state (the gate's own expert whenever
 * it lasts as long as any other, so that labels change the gate only where its expert would fail
 * sooner), and with probability {@code noise} an expert drawn at random acts for the next {@code
 * every} steps instead of the gate's (so the rounds also visit states off the gate's own path, from
 * which it must recover). The gate is then fitted by cross-entropy on every label so far together
 * with the cloning's.
 */
public final class LookaheadCloning {
  private LookaheadCloning() {}

  /**
   * Rounds, oracle horizon and spacing (control steps), exploration share, fit passes per round;
   * with {@code restart}, an episode that falls goes on from the clip's next start frame after the
   * fall, so that the rest of the clip is labelled too.
   */
  public record Settings(
      int rounds, int horizon, int every, double noise, int epochs, boolean restart) {
    public Settings {
      if (rounds < 1 || horizon < 1 || every < 1 || every > horizon || epochs < 1)
        throw new IllegalArgumentException("rounds, epochs >= 1 and 1 <= every <= horizon");
      if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("noise in [0, 1]");
    }

    @Override
    public String toString() {
      return "rounds=%d horizon=%d every=%d noise=%s epochs=%d%s"
          .formatted(rounds, horizon, every, noise, epochs, restart ? " restart" : "");
    }
  }

  /**
   * One round: new labelled states, the share on which the gate (before this round's fit) already
   * chose the oracle's expert, the episodes' mean frame coverage, and the fit's last cross-entropy.
   */
  public record Round(int states, double agreement, double coverage, double crossEntropy) {}

  private record Labelled(List<float[]> states, int[] labels, int agreed, double coverage) {}

  /**
   * Runs the rounds on {@code actor}'s gate; {@code may.get(i)}: the experts that may be chosen on
   * clip i (null entries: all); {@code obs}, {@code labels}: the cloning's states, kept in every
   * fit.
   */
  public static List<Round> train(
      GateActor actor,
      BodyModel body,
      List<Clip> clips,
      List<boolean[]> may,
      ControlMode control,
      Settings s,
      float[] obs,
      float[] labels,
      long seed,
      int threads) {
    ImitationConfig cfg = Protocol.PAPER.config(control);
    List<ExpertSpec> experts = actor.experts();
    int d = actor.obsDim();
    List<float[]> allStates = new ArrayList<>();
    List<Integer> allLabels = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      float[] row = new float[d];
      System.arraycopy(obs, i * d, row, 0, d);
      allStates.add(row);
      allLabels.add((int) labels[i]);
    }
    Rng fitRng = new Rng(seed);
    List<Round> rounds = new ArrayList<>();
    for (int r = 0; r < s.rounds(); r++) {
      MixtureSpec current = actor.spec(experts.get(0).env(), "round " + r);
      long roundSeed = seed * 0x9E3779B97F4A7C15L + r;
      List<Labelled> played =
          Trials.run(
              clips.size(),
              threads,
              () -> new Worker(current, experts),
              (w, i) -> w.play(body, clips.get(i), may.get(i), cfg, s, roundSeed + i));
      int added = 0, agreed = 0;
      double coverage = 0;
      for (Labelled l : played) {
        allStates.addAll(l.states());
        for (int y : l.labels()) allLabels.add(y);
        added += l.labels().length;
        agreed += l.agreed();
        coverage += l.coverage();
      }
      float[] x = new float[allStates.size() * d], y = new float[allStates.size()];
      for (int i = 0; i < y.length; i++) {
        System.arraycopy(allStates.get(i), 0, x, i * d, d);
        y[i] = allLabels.get(i);
      }
      double ce = GateCloning.fit(actor.gate, x, y, s.epochs(), fitRng);
      rounds.add(
          new Round(
              added,
              added == 0 ? Double.NaN : agreed / (double) added,
              coverage / clips.size(),
              ce));
    }
    return rounds;
  }

  /** One thread's copies of the mixture (the round's gate) and of each expert. */
  private static final class Worker {
    final Controller mixture;
    final List<Controller> experts;

    Worker(MixtureSpec mixture, List<ExpertSpec> experts) {
      this.mixture = mixture.controller(new VecGemm(1), true);
      this.experts = experts.stream().map(e -> e.controller(new VecGemm(1), true)).toList();
    }

    Labelled play(
        BodyModel body, Clip clip, boolean[] may, ImitationConfig cfg, Settings s, long seed) {
      Rng rng = new Rng(seed);
      List<float[]> states = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      int agreed = 0;
      try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
        float[] obs = new float[ep.obsDim()], act = new float[mixture.actionDim()];
        double coverage = -1; // of the episode from frame 0
        mixture.reseed(seed);
        for (int from = ep.startFrom(0, obs); from >= 0; ) {
          Outcome o = Outcome.CONTINUE;
          int explore = -1;
          for (int t = 0; o == Outcome.CONTINUE; t++) {
            mixture.act(obs, act);
            if (t % s.every() == 0) {
              int gate = mixture.lastExpert();
              int label = LookaheadOracle.choose(ep, obs, experts, may, gate, s.horizon());
              states.add(obs.clone());
              labels.add(label);
              if (label == gate) agreed++;
              explore =
                  rng.nextDouble() < s.noise() ? (int) (rng.nextDouble() * experts.size()) : -1;
            }
            if (explore >= 0) experts.get(explore).act(obs, act);
            o = ep.step(act, obs);
          }
          if (coverage < 0)
            coverage =
                o == Outcome.TRUNCATED ? 1 : Math.min(1, ep.steps() / (double) (clip.frames() - 1));
          if (!s.restart() || o == Outcome.TRUNCATED) break;
          from = ep.startFrom(from + Math.max(1, ep.steps()), obs);
        }
        return new Labelled(
            states, labels.stream().mapToInt(Integer::intValue).toArray(), agreed, coverage);
      }
    }
  }
}
