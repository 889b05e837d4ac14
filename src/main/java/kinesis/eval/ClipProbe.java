package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.nn.Actor;
import kinesis.nn.Policy;
import kinesis.nn.VecGemm;
import kinesis.rl.Probe;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.GateActor;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;

/**
 * The mean action played on one clip from its first frame under both protocols (training: any
 * tracked body beyond 0.15 m ends the episode; paper: mean beyond 0.5 m), every few iterations of a
 * training run: the number users watch, logged beside the training metrics. With a clip set (a run
 * on several clips) it also plays every clip of the set once from its first frame under the paper's
 * protocol: Table I's frame coverage, success and MPJPE, and the coverage per skill, as curves.
 */
public final class ClipProbe implements Probe {
  /**
   * Logged names: coverage and steps under the training protocol, coverage, MPJPE and success under
   * the paper's.
   */
  public static final List<String> NAMES =
      List.of(
          "eval/coverage_train",
          "eval/steps_train",
          "eval/coverage_paper",
          "eval/mpjpe_paper_mm",
          "eval/success_paper");

  /** Logged names for the whole set (paper protocol): coverage, success, MPJPE. */
  public static final List<String> SET_NAMES =
      List.of("eval/set_coverage_paper", "eval/set_success_paper", "eval/set_mpjpe_paper_mm");

  /** A set larger than this is not played whole at every probe (it would cost like a full eval). */
  public static final int MAX_SET = 64;

  /** The run setting that switches the probe on: every K iterations (0 or absent = off). */
  public static final String EVERY = "eval_every";

  /**
   * The probe a run with settings {@code env} logs (its {@link #EVERY}, model and control) on its
   * training clips (read only when the probe is on), or null when the setting is off.
   */
  public static ClipProbe forRun(Map<String, String> env, Supplier<List<Clip>> trainingClips) {
    int every;
    try {
      every = Integer.parseInt(env.getOrDefault(EVERY, "0").trim());
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "run setting " + EVERY + " must be a whole number, not '" + env.get(EVERY) + "'");
    }
    if (every <= 0) return null;
    List<Clip> clips = trainingClips.get();
    return new ClipProbe(
        env.getOrDefault("model", "legs"),
        clips.get(0),
        clips,
        ControlMode.parse(env.getOrDefault("control", "direct")),
        every);
  }

  private final BodyModel body;
  private final Clip clip;
  private final List<Clip> set;
  private final List<String> skills, names;
  private final ControlMode control;
  private final int every;

  /**
   * Loads its own copy of {@code model} (closed by {@link #close}); {@code set}: the clips to play
   * whole at each probe (repeated names count once), none when it has fewer than 2 or more than
   * {@link #MAX_SET} clips.
   */
  public ClipProbe(String model, Clip clip, List<Clip> set, ControlMode control, int every) {
    if (every < 1) throw new IllegalArgumentException("every must be at least 1");
    Map<String, Clip> distinct = new LinkedHashMap<>();
    for (Clip c : set) distinct.putIfAbsent(c.name(), c);
    this.set =
        distinct.size() < 2 || distinct.size() > MAX_SET
            ? List.of()
            : List.copyOf(distinct.values());
    this.skills = this.set.stream().map(Clip::skill).distinct().sorted().toList();
    List<String> all = new ArrayList<>(NAMES);
    if (!this.set.isEmpty()) {
      all.addAll(SET_NAMES);
      for (String k : skills) all.add(skillName(k));
    }
    this.names = List.copyOf(all);
    this.body = BodyModel.load(model);
    this.clip = clip;
    this.control = control;
    this.every = every;
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public int every() {
    return every;
  }

  @Override
  public Map<String, Double> measure(Actor actor) {
    // deterministic: a policy's mean action; a mixture's most likely expert at each step
    PolicySpec spec =
        switch (actor) {
          case Policy p -> ExpertSpec.of(p, Map.of(), "probe");
          case GateActor g -> g.spec(Map.of(), "probe");
          default -> throw new IllegalArgumentException("no probe for a " + actor.describe());
        };
    Controller c = spec.controller(new VecGemm(1), true);
    ClipOutcome train = Evaluator.episode(body, clip, Protocol.TRAIN.config(control), c);
    ClipOutcome paper = Evaluator.episode(body, clip, Protocol.PAPER.config(control), c);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(NAMES.get(0), train.coverage());
    m.put(NAMES.get(1), (double) train.steps());
    m.put(NAMES.get(2), paper.coverage());
    m.put(NAMES.get(3), paper.mpjpeMm());
    m.put(NAMES.get(4), paper.success() ? 1.0 : 0.0);
    if (!set.isEmpty()) measureSet(c, m);
    return m;
  }

  /** The logged name of one skill's coverage. */
  static String skillName(String skill) {
    return "eval/skill_coverage_" + skill;
  }

  /** Every clip of the set once under the paper's protocol: means over clips, and per skill. */
  private void measureSet(Controller c, Map<String, Double> m) {
    ImitationConfig cfg = Protocol.PAPER.config(control);
    double cov = 0, success = 0, mpjpe = 0;
    Map<String, double[]> bySkill = new LinkedHashMap<>(); // skill -> {coverage sum, clips}
    for (Clip k : set) {
      ClipOutcome o = Evaluator.episode(body, k, cfg, c);
      cov += o.coverage();
      success += o.success() ? 1 : 0;
      mpjpe += o.mpjpeMm();
      double[] s = bySkill.computeIfAbsent(k.skill(), x -> new double[2]);
      s[0] += o.coverage();
      s[1]++;
    }
    m.put(SET_NAMES.get(0), cov / set.size());
    m.put(SET_NAMES.get(1), success / set.size());
    m.put(SET_NAMES.get(2), mpjpe / set.size());
    for (String k : skills) m.put(skillName(k), bySkill.get(k)[0] / bySkill.get(k)[1]);
  }

  public Clip clip() {
    return clip;
  }

  @Override
  public void close() {
    body.close();
  }
}
