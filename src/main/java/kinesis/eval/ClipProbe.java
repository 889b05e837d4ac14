package kinesis.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
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
 * protocol: Table I's frame coverage, success and MPJPE, and the coverage per skill, as curves;
 * and, when the clip set has a test split, the same three numbers on its test clips.
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

  /**
   * Logged names for the held-out clips (the clip set's test split, paper protocol): coverage,
   * success, MPJPE. A validation curve: the policy never trains on these clips.
   */
  public static final List<String> HELD_OUT_NAMES =
      List.of("eval/test_coverage_paper", "eval/test_success_paper", "eval/test_mpjpe_paper_mm");

  /** A set larger than this is not played whole at every probe (it would cost like a full eval). */
  public static final int MAX_SET = 64;

  /** The run setting that switches the probe on: every K iterations (0 or absent = off). */
  public static final String EVERY = "eval_every";

  /**
   * The probe a run with settings {@code env} logs (its {@link #EVERY}, model, control and
   * observation conventions) on its training clips (read only when the probe is on) and on the
   * held-out clips of its clip set ({@link #heldOut}), or null when the setting is off.
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
        env.getOrDefault("model", "legs"), clips.get(0), clips, heldOut(env, clips), env, every);
  }

  /**
   * The test split of the run's clip set ({@code motions}) less any clip the run trains on; empty
   * when the set has no test split or it is larger than {@link #MAX_SET}.
   */
  static List<Clip> heldOut(Map<String, String> env, List<Clip> training) {
    List<Clip> test =
        ClipSet.open(
                env.getOrDefault("motions", "public-locomotion"), env.getOrDefault("model", "legs"))
            .split("test");
    Set<String> trained = new HashSet<>();
    for (Clip c : training) trained.add(c.name());
    List<Clip> out = test.stream().filter(c -> !trained.contains(c.name())).toList();
    return out.size() > MAX_SET ? List.of() : out;
  }

  private final BodyModel body;
  private final Clip clip;
  private final List<Clip> set, heldOut;
  private final List<String> skills, names;
  private final Map<String, String> settings; // control and conventions of the run
  private final int every;

  /** A probe without held-out clips. */
  public ClipProbe(String model, Clip clip, List<Clip> set, ControlMode control, int every) {
    this(model, clip, set, List.of(), Map.of("control", control.label()), every);
  }

  /**
   * Loads its own copy of {@code model} (closed by {@link #close}); {@code set}: the clips to play
   * whole at each probe (repeated names count once), none when it has fewer than 2 or more than
   * {@link #MAX_SET} clips; {@code heldOut}: clips the run never trains on, played whole too.
   */
  public ClipProbe(
      String model,
      Clip clip,
      List<Clip> set,
      List<Clip> heldOut,
      Map<String, String> settings,
      int every) {
    if (every < 1) throw new IllegalArgumentException("every must be at least 1");
    Map<String, Clip> distinct = new LinkedHashMap<>();
    for (Clip c : set) distinct.putIfAbsent(c.name(), c);
    this.set =
        distinct.size() < 2 || distinct.size() > MAX_SET
            ? List.of()
            : List.copyOf(distinct.values());
    this.heldOut = List.copyOf(heldOut);
    this.skills = this.set.stream().map(Clip::skill).distinct().sorted().toList();
    List<String> all = new ArrayList<>(NAMES);
    if (!this.set.isEmpty()) {
      all.addAll(SET_NAMES);
      for (String k : skills) all.add(skillName(k));
    }
    if (!this.heldOut.isEmpty()) all.addAll(HELD_OUT_NAMES);
    this.names = List.copyOf(all);
    this.body = BodyModel.load(model);
    this.clip = clip;
    this.settings = Map.copyOf(settings);
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
    ClipOutcome train = Evaluator.episode(body, clip, Protocol.TRAIN.config(settings), c);
    ClipOutcome paper = Evaluator.episode(body, clip, Protocol.PAPER.config(settings), c);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(NAMES.get(0), train.coverage());
    m.put(NAMES.get(1), (double) train.steps());
    m.put(NAMES.get(2), paper.coverage());
    m.put(NAMES.get(3), paper.mpjpeMm());
    m.put(NAMES.get(4), paper.success() ? 1.0 : 0.0);
    if (!set.isEmpty()) {
      Map<String, Double> bySkill = new LinkedHashMap<>();
      double[] means = playAll(c, set, bySkill);
      for (int i = 0; i < 3; i++) m.put(SET_NAMES.get(i), means[i]);
      for (String k : skills) m.put(skillName(k), bySkill.get(k));
    }
    if (!heldOut.isEmpty()) {
      double[] means = playAll(c, heldOut, new LinkedHashMap<>());
      for (int i = 0; i < 3; i++) m.put(HELD_OUT_NAMES.get(i), means[i]);
    }
    return m;
  }

  /** The logged name of one skill's coverage. */
  static String skillName(String skill) {
    return "eval/skill_coverage_" + skill;
  }

  /**
   * Every clip once under the paper's protocol: mean coverage, success and MPJPE over the clips;
   * the mean coverage per skill goes into {@code bySkill}.
   */
  private double[] playAll(Controller c, List<Clip> clips, Map<String, Double> bySkill) {
    ImitationConfig cfg = Protocol.PAPER.config(settings);
    double cov = 0, success = 0, mpjpe = 0;
    Map<String, double[]> sums = new LinkedHashMap<>(); // skill -> {coverage sum, clips}
    for (Clip k : clips) {
      ClipOutcome o = Evaluator.episode(body, k, cfg, c);
      cov += o.coverage();
      success += o.success() ? 1 : 0;
      mpjpe += o.mpjpeMm();
      double[] s = sums.computeIfAbsent(k.skill(), x -> new double[2]);
      s[0] += o.coverage();
      s[1]++;
    }
    sums.forEach((k, s) -> bySkill.put(k, s[0] / s[1]));
    int n = clips.size();
    return new double[] {cov / n, success / n, mpjpe / n};
  }

  public Clip clip() {
    return clip;
  }

  @Override
  public void close() {
    body.close();
  }
}
