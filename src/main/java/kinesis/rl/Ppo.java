package kinesis.rl;

import java.util.ArrayList;
import java.util.List;
import kinesis.io.BadInputException;
import kinesis.nn.Actor;
import kinesis.nn.Adam;
import kinesis.nn.Gemm;
import kinesis.nn.Mlp;
import kinesis.nn.Param;
import kinesis.nn.Params;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.task.Symmetry;

/**
 * The PPO update of KINESIS (reference §4.2): old log-probs once with the normaliser frozen; then
 * per epoch and minibatch one value step (MSE to the returns, Adam 3e-4) followed by one policy
 * step (clipped surrogate, no entropy bonus, gradient-norm clip 25, Adam 5e-5) during which the
 * policy's RunningNorm is updated with the step's observations first ({@code norm_update:
 * iteration} instead updates it once with the whole batch before the old log-probs). With {@code
 * target_kl} the policy learning rate follows the approximate KL of each update ({@link
 * #adaptLearningRate}). Forward/backward passes run over chunks of rows whose gradients are summed,
 * so memory is bounded without changing the maths. The actor is any {@link Actor}: a Gaussian or
 * Lattice {@link Policy}, or the gate of a mixture of experts.
 */
public final class Ppo {
  /** Averages over all optimiser steps of one update. */
  public record Stats(
      double policyLoss,
      double valueLoss,
      double approxKl,
      double clipFrac,
      double entropy,
      double policyGradNorm,
      double mirrorLoss,
      double boundLoss,
      int optimiserSteps,
      boolean finite) {}

  /**
   * One batch of transitions: rows of obs and the actor's choices with their advantages and
   * returns; {@code behaviourLogp} (may be null) holds the log-probabilities of the policy that
   * chose rows collected under an older policy (NaN elsewhere: those rows are scored with the
   * current policy).
   */
  public record Batch(
      float[] obs,
      float[] actions,
      float[] advantages,
      float[] returns,
      int size,
      float[] behaviourLogp) {
    public Batch(float[] obs, float[] actions, float[] advantages, float[] returns, int size) {
      this(obs, actions, advantages, returns, size, null);
    }
  }

  private final PpoConfig cfg;
  public final Actor policy;
  public final Mlp value;
  public final Adam policyOpt, valueOpt;
  private final List<Param> policyParams, valueParams;
  private final int obsDim, choiceDim;
  private final boolean normEveryStep, normOncePerIteration;
  private Symmetry mirror;
  private Policy mirrored;
  private final Policy bounded; // the policy when the bounds loss is on
  private float[] mirObs = new float[0], mirTarget = new float[0], dMu = new float[0];
  // minibatch and chunk scratch
  private float[] oldLogp = new float[0],
      mbObs = new float[0],
      mbAct = new float[0],
      mbAdv = new float[0],
      mbRet = new float[0],
      mbOld = new float[0],
      logp = new float[0],
      dLogp = new float[0],
      dV = new float[0];
  private int[] perm = new int[0];

  /**
   * PPO on the config's Gaussian or Lattice policy; {@code init} draws the policy's weights, then
   * the value network's.
   */
  public Ppo(PpoConfig cfg, int obsDim, int actDim, Rng init, Gemm gemm) {
    this(cfg, Actors.policy(cfg, obsDim, actDim, init, gemm), init, gemm);
  }

  /**
   * PPO on {@code actor} (already initialised) with a new value network drawn from {@code init}.
   */
  public Ppo(PpoConfig cfg, Actor actor, Rng init, Gemm gemm) {
    this.cfg = cfg;
    this.obsDim = actor.obsDim();
    this.choiceDim = actor.choiceDim();
    normEveryStep = cfg.normUpdate().equals("step");
    normOncePerIteration = cfg.normUpdate().equals("iteration");
    policy = actor;
    value = new Mlp("value", obsDim, cfg.hiddenArray(), 1, init, gemm);
    policyParams = policy.params();
    valueParams = value.params();
    policyOpt = new Adam(policyParams, cfg.policyLr(), cfg.adamEps());
    valueOpt = new Adam(valueParams, cfg.valueLr(), cfg.adamEps());
    if (cfg.boundLoss() > 0 && !(actor instanceof Policy))
      throw new BadInputException(
          "bound_loss needs a Gaussian or Lattice policy, not a " + actor.describe());
    bounded = cfg.boundLoss() > 0 ? (Policy) actor : null;
  }

  /**
   * Holds every learned noise σ of a Gaussian or Lattice policy at or below {@code action_std_max}
   * (a projection of log_std; nothing when the cap is off or the actor is a gate).
   */
  public void capActionStd() {
    if (cfg.actionStdMax() <= 0 || !(policy instanceof Policy p)) return;
    float max = (float) StrictMath.log(cfg.actionStdMax());
    for (Param ls : p.dist.params())
      for (int i = 0; i < ls.value.length; i++) ls.value[i] = Math.min(ls.value[i], max);
    p.invalidate();
  }

  /**
   * Value estimates V(s) for {@code rows} observations (raw, no normaliser), written to {@code
   * out}.
   */
  public void values(float[] obs, int rows, float[] out) {
    for (int c = 0; c < rows; c += cfg.chunkSize()) {
      int n = Math.min(cfg.chunkSize(), rows - c);
      float[] v = value.forward(obs, c * obsDim, n);
      System.arraycopy(v, 0, out, c, n);
    }
  }

  /** Runs the whole update on a batch (advantages are normalised in place when configured). */
  public Stats update(Batch b, Rng rng) {
    return update(b, rng, false);
  }

  /**
   * {@link #update(Batch, Rng)}; with {@code valueOnly} only the value network learns (the policy
   * and its normaliser are left as they are, and the policy statistics are NaN).
   */
  public Stats update(Batch b, Rng rng, boolean valueOnly) {
    int n = b.size();
    if (normOncePerIteration && !valueOnly) policy.norm().update(b.obs(), 0, n);
    oldLogp = grow(oldLogp, n);
    for (int c = 0; c < n; c += cfg.chunkSize()) {
      int rows = Math.min(cfg.chunkSize(), n - c);
      logp = grow(logp, rows);
      policy.logProb(b.obs(), b.actions(), c, rows, logp);
      System.arraycopy(logp, 0, oldLogp, c, rows);
    }
    float[] given =
        b.behaviourLogp(); // rows from an older policy keep the probabilities they were chosen with
    if (given != null)
      for (int i = 0; i < n; i++) if (!Float.isNaN(given[i])) oldLogp[i] = given[i];
    if (cfg.normalizeAdvantages()) Gae.normalise(b.advantages(), n);

    int mb = cfg.minibatchSize() == 0 ? n : Math.min(cfg.minibatchSize(), n);
    if (perm.length != n) perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i; // every update shuffles from the identity: resumable
    Acc acc = new Acc();
    for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
      if (mb < n) rng.shuffle(perm);
      for (int start = 0; start < n; start += mb) {
        int rows = Math.min(mb, n - start);
        Batch step;
        float[] old;
        if (mb == n) {
          step = b;
          old = oldLogp;
        } else {
          gather(b, start, rows);
          step = new Batch(mbObs, mbAct, mbAdv, mbRet, rows);
          old = mbOld;
        }
        valueStep(step, acc);
        if (!valueOnly) policyStep(step, old, acc);
      }
    }
    boolean finite =
        Params.allFinite(policyParams)
            && Params.allFinite(valueParams)
            && Double.isFinite(acc.policyLoss)
            && Double.isFinite(acc.valueLoss);
    acc.entropy = finite ? policy.entropy(b.obs(), n) : Double.NaN;
    int s = Math.max(1, acc.steps);
    double none = valueOnly ? Double.NaN : 1; // no policy step: no policy statistics
    return new Stats(
        none * acc.policyLoss / s,
        acc.valueLoss / Math.max(1, acc.valueSteps),
        none * acc.kl / s,
        none * acc.clip / s,
        acc.entropy,
        none * acc.gradNorm / s,
        mirror == null ? Double.NaN : acc.mirror / s,
        bounded == null ? Double.NaN : acc.bound / s,
        acc.steps,
        finite);
  }

  private static final class Acc {
    double policyLoss, valueLoss, kl, clip, entropy, gradNorm, mirror, bound;
    int steps, valueSteps;
  }

  private void gather(Batch b, int start, int rows) {
    mbObs = grow(mbObs, rows * obsDim);
    mbAct = grow(mbAct, rows * choiceDim);
    mbAdv = grow(mbAdv, rows);
    mbRet = grow(mbRet, rows);
    mbOld = grow(mbOld, rows);
    for (int r = 0; r < rows; r++) {
      int i = perm[start + r];
      System.arraycopy(b.obs(), i * obsDim, mbObs, r * obsDim, obsDim);
      System.arraycopy(b.actions(), i * choiceDim, mbAct, r * choiceDim, choiceDim);
      mbAdv[r] = b.advantages()[i];
      mbRet[r] = b.returns()[i];
      mbOld[r] = oldLogp[i];
    }
  }

  /** One Adam step on mean((V − return)²). */
  private void valueStep(Batch b, Acc acc) {
    int n = b.size();
    Params.zeroGrad(valueParams);
    double loss = 0;
    for (int c = 0; c < n; c += cfg.chunkSize()) {
      int rows = Math.min(cfg.chunkSize(), n - c);
      float[] v = value.forward(b.obs(), c * obsDim, rows);
      dV = grow(dV, rows);
      for (int i = 0; i < rows; i++) {
        float err = v[i] - b.returns()[c + i];
        loss += (double) err * err;
        dV[i] = 2f * err / n;
      }
      value.backward(dV, rows);
    }
    if (cfg.valueMaxGradNorm() > 0) Params.clipGradNorm(valueParams, cfg.valueMaxGradNorm());
    valueOpt.step();
    acc.valueLoss += loss / n;
    acc.valueSteps++;
  }

  /** One policy step alone (benchmarks): returns the policy loss. */
  double policyStepOnly(Batch b, float[] old) {
    Acc acc = new Acc();
    policyStep(b, old, acc);
    return acc.policyLoss;
  }

  /**
   * One Adam step on −mean(min(ρA, clip(ρ, 1±ε)A)); the normaliser first absorbs these
   * observations.
   */
  private void policyStep(Batch b, float[] old, Acc acc) {
    int n = b.size();
    if (normEveryStep) policy.norm().update(b.obs(), 0, n);
    Params.zeroGrad(policyParams);
    double loss = 0, kl = 0, clipped = 0;
    float lo = (float) (1 - cfg.clipCoef()), hi = (float) (1 + cfg.clipCoef());
    for (int c = 0; c < n; c += cfg.chunkSize()) {
      int rows = Math.min(cfg.chunkSize(), n - c);
      logp = grow(logp, rows);
      dLogp = grow(dLogp, rows);
      policy.logProb(b.obs(), b.actions(), c, rows, logp);
      for (int i = 0; i < rows; i++) {
        double logRatio = logp[i] - old[c + i];
        double ratio = StrictMath.exp(logRatio);
        double adv = b.advantages()[c + i];
        double surr1 = ratio * adv, surr2 = Math.min(hi, Math.max(lo, ratio)) * adv;
        loss -= Math.min(surr1, surr2);
        dLogp[i] =
            surr1 <= surr2 ? (float) (-surr1 / n) : Double.isNaN(surr1 + surr2) ? Float.NaN : 0f;
        kl += (ratio - 1) - logRatio;
        if (Math.abs(ratio - 1) > cfg.clipCoef()) clipped++;
      }
      policy.backward(dLogp, rows);
    }
    policy.finishBackward();
    if (mirror != null) acc.mirror += mirrorLossStep(b);
    if (bounded != null) acc.bound += boundLossStep(b);
    double norm =
        cfg.policyMaxGradNorm() > 0
            ? Params.clipGradNorm(policyParams, cfg.policyMaxGradNorm())
            : Params.gradNorm(policyParams);
    policyOpt.step();
    capActionStd();
    policy.invalidate();
    acc.policyLoss += loss / n;
    acc.kl += kl / n;
    acc.clip += clipped / n;
    acc.gradNorm += norm;
    acc.steps++;
  }

  /**
   * Turns on the mirror-symmetry loss ({@code mirror_loss} weight) with this task mirror (a
   * Gaussian or Lattice policy only).
   */
  public void setMirror(Symmetry m) {
    if (!(policy instanceof Policy p))
      throw new BadInputException(
          "mirror_loss needs a Gaussian or Lattice policy, not a " + policy.describe());
    mirror = m;
    mirrored = p;
  }

  /**
   * Mirror-symmetry loss (Yu, Turk and Liu 2018) on the rows of one policy step: w · mean over rows
   * of |μ(M_o s) − M_a μ(s)|², the mirrored mean action μ(s) held fixed; accumulates its gradient
   * into the policy's and returns the loss. A policy that treats left and right alike scores 0.
   */
  private double mirrorLossStep(Batch b) {
    int n = b.size();
    double w = cfg.mirrorLoss(), loss = 0;
    int actDim = mirrored.actDim();
    for (int c = 0; c < n; c += cfg.chunkSize()) {
      int rows = Math.min(cfg.chunkSize(), n - c);
      mirObs = grow(mirObs, rows * obsDim);
      mirTarget = grow(mirTarget, rows * actDim);
      dMu = grow(dMu, rows * actDim);
      float[] mu = mirrored.mean(b.obs(), c, rows);
      mirror.mirrorActions(mu, 0, mirTarget, rows);
      mirror.mirrorObservations(b.obs(), c, mirObs, rows);
      float[] muMirrored = mirrored.mean(mirObs, 0, rows);
      for (int i = 0; i < rows * actDim; i++) {
        float e = muMirrored[i] - mirTarget[i];
        loss += (double) e * e;
        dMu[i] = (float) (2 * w * e / n);
      }
      mirrored.backwardMean(dMu, rows);
    }
    return w * loss / n;
  }

  /**
   * Bounds loss on the rows of one policy step: w · mean over rows of Σ_d max(0, |μ_d| − 1)², the
   * mean action's squared excess over the action bounds; accumulates its gradient into the policy's
   * and returns the loss. The environment clips actions to [−1, 1], so a mean far outside acts like
   * one at the bound while no noise sample reaches inside: that muscle has stopped exploring. The
   * loss holds the means near the bounds (rl_games' bounds loss, here with the bound at 1).
   */
  private double boundLossStep(Batch b) {
    int n = b.size(), actDim = bounded.actDim();
    double w = cfg.boundLoss(), loss = 0;
    for (int c = 0; c < n; c += cfg.chunkSize()) {
      int rows = Math.min(cfg.chunkSize(), n - c);
      dMu = grow(dMu, rows * actDim);
      float[] mu = bounded.mean(b.obs(), c, rows);
      for (int i = 0; i < rows * actDim; i++) {
        double e = Math.max(0, Math.abs(mu[i]) - 1);
        loss += e * e;
        dMu[i] = (float) (2 * w * e * Math.signum(mu[i]) / n);
      }
      bounded.backwardMean(dMu, rows);
    }
    return w * loss / n;
  }

  /**
   * After an update with mean approximate KL {@code kl}: divides the policy lr by 1.5 when kl is
   * above twice the target, multiplies it by 1.5 when below half, within [lr/100, 10·lr] of the
   * configured lr. Returns the new lr (unchanged when {@code target_kl} is 0).
   */
  public double adaptLearningRate(double kl) {
    double lr = policyOpt.lr(), target = cfg.targetKl();
    if (target == 0 || !Double.isFinite(kl)) return lr;
    if (kl > 2 * target) lr /= 1.5;
    else if (kl < 0.5 * target) lr *= 1.5;
    lr = Math.max(cfg.policyLr() / 100, Math.min(10 * cfg.policyLr(), lr));
    policyOpt.setLr(lr);
    return lr;
  }

  private static float[] grow(float[] a, int n) {
    return a.length >= n ? a : new float[n];
  }

  /** All trainable parameters (policy then value), e.g. for NaN checks. */
  public List<Param> allParams() {
    List<Param> all = new ArrayList<>(policyParams);
    all.addAll(valueParams);
    return all;
  }
}
