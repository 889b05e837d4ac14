package kinesis.rl.moe;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import kinesis.io.AtomicFiles;
import kinesis.nn.Adam;
import kinesis.nn.Gemm;
import kinesis.nn.Mlp;
import kinesis.nn.Param;
import kinesis.nn.Params;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.TensorFile;
import kinesis.rl.Checkpoint;
import kinesis.rl.Gae;
import kinesis.rl.MetricsLog;
import kinesis.rl.PpoConfig;
import kinesis.task.VecEnv;

/**
 * PPO on the gate of a mixture of frozen experts (reference §4.6): the gate samples an expert k per
 * environment and step, the action is μ_k(s), and the policy loss uses log π = log w_k(s) (the
 * chosen index is stored, which is what the reference recovers by nearest expert output). A new
 * value network is trained as usual. Experts and their normalisers stay frozen (the reference
 * lets the experts' normalisers drift; we do not). Checkpoints are self-contained mixtures under
 * {@code DIR/checkpoints/NNNN/} with the optimiser state in {@code training.bin}; {@link #open}
 * continues the newest one.
 */
public final class GateTrainer implements AutoCloseable {
  private final PpoConfig cfg;
  private final VecEnv env;
  private final Path dir;
  private final PrintStream out;
  private final MixtureSpec spec;
  public final Gate gate;
  private final Mlp value;
  private final Adam gateOpt, valueOpt;
  private final List<Param> gateParams, valueParams;
  private final Policy[] experts;
  private final Rng rng;
  private final MetricsLog log;
  private final int numEnvs, steps, obsDim, actDim, batch, k;
  private final float[] nextObs, stepAct, stepRew, obs, rew, values, bootstrap, adv, ret, rowObs;
  private final int[] choice, stepChoice;
  private final boolean[] stepDone, stepTerm, done;
  private final double[] epReturn;
  private long iteration;
  private float[] logp = new float[0], oldLogp = new float[0], dLogp = new float[0], dV = new float[0];

  private GateTrainer(MixtureSpec spec, PpoConfig cfg, VecEnv env, Path dir, PrintStream out) {
    this.spec = spec;
    this.cfg = cfg;
    this.env = env;
    this.dir = dir;
    this.out = out;
    numEnvs = env.numEnvs();
    obsDim = env.obsDim();
    actDim = env.actionDim();
    if (obsDim != spec.obsDim() || actDim != spec.actionDim()) {
      throw new kinesis.io.BadInputException("experts have obs " + spec.obsDim() + " / actions " + spec.actionDim()
          + ", the environment " + obsDim + " / " + actDim);
    }
    k = spec.experts().size();
    steps = cfg.stepsPerEnv();
    batch = steps * numEnvs;
    Gemm gemm = Gemm.standard();
    gate = spec.gate(gemm);
    value = new Mlp("value", obsDim, cfg.hiddenArray(), 1, new Rng(cfg.seed()), gemm);
    gateParams = gate.params();
    valueParams = value.params();
    gateOpt = new Adam(gateParams, cfg.policyLr(), cfg.adamEps());
    valueOpt = new Adam(valueParams, cfg.valueLr(), cfg.adamEps());
    experts = new Policy[k];
    for (int e = 0; e < k; e++) experts[e] = spec.experts().get(e).policy(gemm);
    rng = new Rng(cfg.seed() ^ 0x6A09E667F3BCC909L);
    nextObs = new float[numEnvs * obsDim];
    stepAct = new float[numEnvs * actDim];
    stepRew = new float[numEnvs];
    stepDone = new boolean[numEnvs];
    stepTerm = new boolean[numEnvs];
    stepChoice = new int[numEnvs];
    rowObs = new float[numEnvs * obsDim];
    obs = new float[batch * obsDim];
    choice = new int[batch];
    rew = new float[batch];
    done = new boolean[batch];
    values = new float[batch];
    bootstrap = new float[numEnvs];
    adv = new float[batch];
    ret = new float[batch];
    epReturn = new double[numEnvs];
    try {
      Files.createDirectories(dir.resolve("checkpoints"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> columns = List.of("iteration", "global_step", "charts/episodic_return", "charts/episodes", "losses/policy_loss",
        "losses/value_loss", "losses/approx_kl", "losses/entropy");
    List<Path> cps = checkpoints(dir);
    if (cps.isEmpty()) {
      log = MetricsLog.create(dir.resolve("metrics.csv"), columns);
    } else {
      restore(cps.get(cps.size() - 1));
      log = MetricsLog.resume(dir.resolve("metrics.csv"), columns, iteration);
    }
    env.reset(cfg.seed() + iteration, nextObs);
  }

  /** A new gate over {@code spec}'s experts in {@code dir}, or the newest checkpoint there when one exists. */
  public static GateTrainer open(MixtureSpec spec, PpoConfig cfg, VecEnv env, Path dir, PrintStream out) {
    return new GateTrainer(spec, cfg, env, dir, out);
  }

  public long iteration() {
    return iteration;
  }

  /** Trains until {@code cfg.iterations()} iterations are done, checkpointing as configured. */
  public Path run() {
    out.printf(Locale.ROOT, "training the gate %s over %d experts on %d envs: %,d samples/iteration%n",
        java.util.Arrays.toString(spec.gateHidden()), k, numEnvs, batch);
    Path last = null;
    while (iteration < cfg.iterations()) {
      iterate();
      if (iteration % cfg.checkpointEvery() == 0 || iteration >= cfg.iterations()) last = save();
    }
    List<Path> cps = checkpoints(dir);
    return last != null ? last : cps.isEmpty() ? save() : cps.get(cps.size() - 1);
  }

  /** One PPO iteration: rollout with sampled experts, GAE, value and gate updates. */
  public Map<String, Double> iterate() {
    List<Double> returns = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      System.arraycopy(nextObs, 0, obs, t * numEnvs * obsDim, numEnvs * obsDim);
      float[] w = gate.probabilities(nextObs, 0, numEnvs);
      for (int e = 0; e < numEnvs; e++) stepChoice[e] = Gate.choose(w, e, k, rng, false);
      expertActions();
      System.arraycopy(stepChoice, 0, choice, t * numEnvs, numEnvs);
      env.step(stepAct, nextObs, stepRew, stepDone, stepTerm);
      for (int e = 0; e < numEnvs; e++) {
        int i = t * numEnvs + e;
        rew[i] = stepRew[e];
        done[i] = stepDone[e];
        epReturn[e] += stepRew[e];
        if (stepDone[e]) {
          returns.add(epReturn[e]);
          epReturn[e] = 0;
        }
      }
    }
    values(obs, batch, values);
    values(nextObs, numEnvs, bootstrap);
    Gae.compute(rew, done, values, bootstrap, steps, numEnvs, cfg.gamma(), cfg.gaeLambda(), adv, ret);
    double[] st = update();
    iteration++;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("iteration", (double) iteration);
    m.put("global_step", (double) iteration * batch);
    m.put("charts/episodic_return", returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
    m.put("charts/episodes", (double) returns.size());
    m.put("losses/policy_loss", st[0]);
    m.put("losses/value_loss", st[1]);
    m.put("losses/approx_kl", st[2]);
    m.put("losses/entropy", gate.entropy(obs, Math.min(batch, 4096)));
    log.append(m);
    out.printf(Locale.ROOT, "gate iter %4d  return %9.3f  episodes %4d  kl %.4f  vloss %.3e  entropy %.3f%n", iteration,
        m.get("charts/episodic_return"), returns.size(), st[2], st[1], m.get("losses/entropy"));
    return m;
  }

  /** μ_k(s) for each environment's chosen expert, evaluating each expert only on its rows. */
  private void expertActions() {
    for (int e = 0; e < k; e++) {
      int rows = 0;
      for (int i = 0; i < numEnvs; i++) {
        if (stepChoice[i] == e) System.arraycopy(nextObs, i * obsDim, rowObs, rows++ * obsDim, obsDim);
      }
      if (rows == 0) continue;
      float[] mu = experts[e].mean(rowObs, rows);
      int r = 0;
      for (int i = 0; i < numEnvs; i++) {
        if (stepChoice[i] == e) System.arraycopy(mu, r++ * actDim, stepAct, i * actDim, actDim);
      }
    }
  }

  private void values(float[] x, int rows, float[] into) {
    for (int c = 0; c < rows; c += cfg.chunkSize()) {
      int n = Math.min(cfg.chunkSize(), rows - c);
      System.arraycopy(value.forward(x, c * obsDim, n), 0, into, c, n);
    }
  }

  /** Full-batch epochs: one value step (MSE) then one clipped-surrogate gate step each; returns mean losses and KL. */
  private double[] update() {
    int n = batch;
    oldLogp = grow(oldLogp, n);
    logp = grow(logp, n);
    dLogp = grow(dLogp, n);
    dV = grow(dV, n);
    gate.logProb(obs, choice, 0, n, oldLogp);
    if (cfg.normalizeAdvantages()) Gae.normalise(adv, n);
    double pl = 0, vl = 0, kl = 0;
    float lo = (float) (1 - cfg.clipCoef()), hi = (float) (1 + cfg.clipCoef());
    for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
      Params.zeroGrad(valueParams);
      float[] v = value.forward(obs, 0, n);
      double loss = 0;
      for (int i = 0; i < n; i++) {
        float err = v[i] - ret[i];
        loss += (double) err * err;
        dV[i] = 2f * err / n;
      }
      value.backward(dV, n);
      if (cfg.valueMaxGradNorm() > 0) Params.clipGradNorm(valueParams, cfg.valueMaxGradNorm());
      valueOpt.step();
      vl += loss / n;

      gate.norm.update(obs, 0, n);
      Params.zeroGrad(gateParams);
      gate.logProb(obs, choice, 0, n, logp);
      double ploss = 0, pkl = 0;
      for (int i = 0; i < n; i++) {
        double logRatio = logp[i] - oldLogp[i], ratio = Math.exp(logRatio), a = adv[i];
        double s1 = ratio * a, s2 = Math.min(hi, Math.max(lo, ratio)) * a;
        ploss -= Math.min(s1, s2);
        dLogp[i] = s1 <= s2 ? (float) (-s1 / n) : 0f;
        pkl += (ratio - 1) - logRatio;
      }
      gate.backward(dLogp, n);
      if (cfg.policyMaxGradNorm() > 0) Params.clipGradNorm(gateParams, cfg.policyMaxGradNorm());
      gateOpt.step();
      pl += ploss / n;
      kl += pkl / n;
    }
    int e = cfg.epochs();
    return new double[] {pl / e, vl / e, kl / e};
  }

  private static float[] grow(float[] a, int n) {
    return a.length >= n ? a : new float[n];
  }

  /** The mixture with the gate as trained so far. */
  public MixtureSpec mixture() {
    Map<String, Object> w = new LinkedHashMap<>();
    gate.save(w);
    return new MixtureSpec(spec.gateHidden(), w, spec.experts(), spec.env(), dir.toString());
  }

  /** Writes {@code checkpoints/NNNN/} (a self-contained mixture plus training.bin) atomically. */
  public Path save() {
    try {
      Path cps = dir.resolve("checkpoints");
      Path tmp = cps.resolve(".tmp-" + Checkpoint.dirName(iteration)), dst = cps.resolve(Checkpoint.dirName(iteration));
      AtomicFiles.deleteTree(tmp);
      mixture().write(tmp);
      Map<String, Object> s = new LinkedHashMap<>();
      for (Param p : valueParams) s.put(p.name, p.value.clone());
      s.putAll(gateOpt.state("gate_adam."));
      s.putAll(valueOpt.state("value_adam."));
      s.put("iteration", new long[] {iteration});
      s.put("rng", rng.state());
      TensorFile.write(tmp.resolve("training.bin"), s);
      AtomicFiles.deleteTree(dst);
      AtomicFiles.move(tmp, dst);
      return dst;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the gate checkpoint in " + dir, e);
    }
  }

  private void restore(Path cp) {
    MixtureSpec saved = MixtureSpec.read(cp);
    gate.load(saved.gateWeights());
    Map<String, Object> s = TensorFile.read(cp.resolve("training.bin"));
    for (Param p : valueParams) System.arraycopy(TensorFile.floats(s, p.name, p.size()), 0, p.value, 0, p.size());
    gateOpt.load(s, "gate_adam.");
    valueOpt.load(s, "value_adam.");
    iteration = TensorFile.longs(s, "iteration", 1)[0];
    rng.setState(TensorFile.longs(s, "rng", 4));
    out.println("continuing the gate from " + cp + " (iteration " + iteration + ")");
  }

  /** Complete gate checkpoints, oldest first. */
  public static List<Path> checkpoints(Path dir) {
    return listMixtures(dir.resolve("checkpoints"));
  }

  private static List<Path> listMixtures(Path cps) {
    if (!Files.isDirectory(cps)) return List.of();
    try (Stream<Path> s = Files.list(cps)) {
      List<Path> l = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("\\d{4,}"))
          .filter(p -> MixtureSpec.isMixture(p) && Files.isRegularFile(p.resolve("training.bin"))).toList());
      l.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    log.close();
    env.close();
  }
}
