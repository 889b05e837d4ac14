package kinesis.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.nn.Adam;
import kinesis.nn.Param;
import kinesis.nn.Params;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.MixtureSpec;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;

/**
 * One policy learnt from another by DAgger (Ross et al. 2011), e.g. a mixture of experts distilled
 * into a single network. In round 0 the teacher plays every clip (from frame 0 and from random
 * stored poses; on half of the episodes its actions get Gaussian noise, so states off its own path
 * are seen too); in every later round the student plays them. Every visited state is labelled with
 * the teacher's action there (a mixture: its most likely expert's mean), clipped to the action
 * bounds, and after each round the student's mean is fitted to all labels so far by squared error.
 * With a lookahead the mixture's gate is set aside and the {@link LookaheadOracle} chooses the
 * labelling expert: every {@code every} steps each expert is tried {@code lookahead} steps ahead in
 * the simulator from the visited state, and the one that keeps tracking longest labels the states
 * until the next choice (the previous one whenever it lasts as long as any). In round 0 the oracle
 * also acts.
 */
public final class Distillation {
  private Distillation() {}

  /** Rows per Adam step of the fit; its learning rate falls linearly from LR to LR / 10. */
  static final int MINIBATCH = 512;

  static final double LR = 1e-3;

  /**
   * Rounds after the teacher's, episodes per clip and round (twice as many in the teacher's),
   * passes over all labels per fit, the action noise of the teacher's episodes, threads playing
   * clips, seed; the oracle's horizon in control steps (0: the teacher's own actions label) and
   * steps between its choices.
   */
  public record Settings(
      int rounds,
      int starts,
      int epochs,
      double noise,
      int threads,
      long seed,
      int lookahead,
      int every) {
    /** Labels from the teacher itself, no lookahead. */
    public Settings(int rounds, int starts, int epochs, double noise, int threads, long seed) {
      this(rounds, starts, epochs, noise, threads, seed, 0, 5);
    }

    public Settings {
      if (lookahead < 0 || every < 1 || (lookahead > 0 && every > lookahead))
        throw new BadInputException("distill: the lookahead needs 1 <= every <= horizon");
      if (rounds < 0) throw new BadInputException("distill: rounds must be 0 or more");
      if (starts < 1) throw new BadInputException("distill: starts must be at least 1");
      if (epochs < 1) throw new BadInputException("distill: epochs must be at least 1");
      if (!(noise >= 0) || !Double.isFinite(noise))
        throw new BadInputException("distill: noise must be 0 or positive");
      if (threads < 1) throw new BadInputException("distill: threads must be at least 1");
    }
  }

  /**
   * After a round: states it added, labels in all, the fit's mean squared error per action entry in
   * its last pass, and the student's frame coverage of the clips from frame 0.
   */
  public record Round(int round, int states, int total, double mse, double coverage) {}

  /** Observations and the teacher's clipped actions, row by row. */
  static final class Labels {
    final int obsDim, actDim;
    float[] obs = new float[0], act = new float[0];
    int rows;

    Labels(int obsDim, int actDim) {
      this.obsDim = obsDim;
      this.actDim = actDim;
    }

    void add(float[] o, float[] a) {
      reserve(rows + 1);
      System.arraycopy(o, 0, obs, rows * obsDim, obsDim);
      for (int i = 0; i < actDim; i++) act[rows * actDim + i] = Math.clamp(a[i], -1f, 1f);
      rows++;
    }

    void addAll(Labels l) {
      reserve(rows + l.rows);
      System.arraycopy(l.obs, 0, obs, rows * obsDim, l.rows * obsDim);
      System.arraycopy(l.act, 0, act, rows * actDim, l.rows * actDim);
      rows += l.rows;
    }

    private void reserve(int n) {
      if (n <= act.length / actDim) return;
      int cap = Math.max(Math.max(1024, n), 2 * rows);
      obs = Arrays.copyOf(obs, cap * obsDim);
      act = Arrays.copyOf(act, cap * actDim);
    }
  }

  /**
   * Runs round 0 and {@code s.rounds()} DAgger rounds on {@code clips}, fitting {@code student} in
   * place; {@code afterEach} sees each round's numbers (the student then holds that round's fit).
   */
  public static void run(
      BodyModel body,
      List<Clip> clips,
      ImitationConfig cfg,
      PolicySpec teacher,
      Policy student,
      Settings s,
      Consumer<Round> afterEach) {
    if (teacher.obsDim() != student.obsDim() || teacher.actionDim() != student.actDim())
      throw new BadInputException(
          "distill: the teacher has obs "
              + teacher.obsDim()
              + " / actions "
              + teacher.actionDim()
              + ", the student "
              + student.obsDim()
              + " / "
              + student.actDim());
    if (s.lookahead() > 0 && !(teacher instanceof MixtureSpec))
      throw new BadInputException(
          "distill: the lookahead chooses among a mixture's experts; the teacher is "
              + teacher.describe());
    Labels all = new Labels(student.obsDim(), student.actDim());
    for (int round = 0; round <= s.rounds(); round++) {
      int r = round, before = all.rows;
      Policy snapshot = round == 0 ? null : student;
      int episodes = round == 0 ? 2 * s.starts() : s.starts();
      List<Labels> byClip =
          Trials.run(
              clips.size(),
              s.threads(),
              () -> new Player(teacher, snapshot, s.lookahead() > 0),
              (p, i) ->
                  p.play(body, clips.get(i), cfg, s, episodes, new Rng(seedOf(s.seed(), r, i))));
      byClip.forEach(all::addAll);
      double mse = fit(student, all, before, s.epochs(), new Rng(seedOf(s.seed(), r, -1)));
      double coverage =
          Evaluator.run(body, clips, cfg, () -> copyOf(student), s.seed(), s.threads()).stream()
              .mapToDouble(ClipOutcome::coverage)
              .average()
              .orElse(0);
      afterEach.accept(new Round(round, all.rows - before, all.rows, mse, coverage));
    }
  }

  private static long seedOf(long seed, int round, int clip) {
    return seed * 0x9E3779B97F4A7C15L + 1_000_003L * round + clip;
  }

  /**
   * One thread's teacher, its experts when the oracle labels (else null), and copy of the student
   * (null in round 0: the teacher acts).
   */
  private static final class Player {
    final Controller teacher, student;
    final List<Controller> experts;

    Player(PolicySpec teacher, Policy student, boolean oracle) {
      this.teacher = teacher.controller(new VecGemm(1), true);
      this.experts =
          oracle
              ? ((MixtureSpec) teacher)
                  .experts().stream().map(e -> e.controller(new VecGemm(1), true)).toList()
              : null;
      this.student = student == null ? null : copyOf(student);
    }

    Labels play(BodyModel body, Clip clip, ImitationConfig cfg, Settings s, int episodes, Rng rng) {
      Labels out = new Labels(teacher.obsDim(), teacher.actionDim());
      try (ImitationEpisode ep = new ImitationEpisode(body, clip, cfg)) {
        float[] obs = new float[ep.obsDim()], label = new float[out.actDim];
        float[] act = new float[out.actDim], z = new float[out.actDim];
        for (int e = 0; e < episodes; e++) {
          teacher.reseed(rng.nextLong());
          if (e == 0) ep.start(obs);
          else if (ep.startFrom(rng.nextInt(clip.frames()), obs) < 0) continue;
          boolean noisy = student == null && rng.nextDouble() < 0.5;
          ImitationEpisode.Outcome o = ImitationEpisode.Outcome.CONTINUE;
          Controller labeller = teacher;
          for (int step = 0, chosen = -1; o == ImitationEpisode.Outcome.CONTINUE; step++) {
            if (experts != null && step % s.every() == 0) {
              chosen = LookaheadOracle.choose(ep, obs, experts, null, chosen, s.lookahead());
              labeller = experts.get(chosen);
            }
            labeller.act(obs, label);
            out.add(obs, label);
            if (student != null) {
              student.act(obs, act);
            } else {
              rng.fillGaussian(z, 0, z.length);
              for (int i = 0; i < act.length; i++)
                act[i] = label[i] + (noisy ? (float) s.noise() * z[i] : 0);
            }
            o = ep.step(act, obs);
          }
        }
      }
      return out;
    }
  }

  /**
   * Fits the student's mean to the labels: its normaliser first absorbs the rows from {@code from},
   * then {@code epochs} shuffled passes of Adam on the squared error of the clamped mean (the
   * gradient passes straight through the clamp); returns the last pass's mean squared error.
   */
  static double fit(Policy p, Labels data, int from, int epochs, Rng rng) {
    int d = data.obsDim, a = data.actDim, n = data.rows;
    if (n == 0) throw new BadInputException("distill: no states to learn from");
    p.norm.update(data.obs, from * d, n - from);
    p.invalidate();
    List<Param> params = p.params();
    Adam opt = new Adam(params, LR, 1e-8);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    float[] x = new float[MINIBATCH * d], grad = new float[MINIBATCH * a];
    long steps = (long) epochs * ((n + MINIBATCH - 1) / MINIBATCH), step = 0;
    double loss = 0;
    for (int e = 0; e < epochs; e++) {
      rng.shuffle(perm);
      loss = 0;
      for (int s = 0; s < n; s += MINIBATCH) {
        int rows = Math.min(MINIBATCH, n - s);
        for (int r = 0; r < rows; r++) System.arraycopy(data.obs, perm[s + r] * d, x, r * d, d);
        opt.setLr(LR * (1 - 0.9 * step++ / (double) steps));
        Params.zeroGrad(params);
        float[] mu = p.mean(x, 0, rows);
        for (int r = 0; r < rows; r++) {
          for (int i = 0; i < a; i++) {
            float err = Math.clamp(mu[r * a + i], -1f, 1f) - data.act[perm[s + r] * a + i];
            loss += (double) err * err;
            grad[r * a + i] = 2 * err / (rows * a);
          }
        }
        p.backwardMean(grad, rows);
        opt.step();
        p.invalidate();
      }
    }
    return loss / ((double) n * a);
  }

  /** A frozen copy of the student acting with its mean (one thread). */
  private static Controller copyOf(Policy student) {
    return ExpertSpec.of(student, Map.of(), "").controller();
  }
}
