package kinesis.task;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipLoops;
import kinesis.motion.ClipMirror;
import kinesis.motion.ClipRetime;
import kinesis.motion.ClipSet;
import kinesis.motion.ClipStops;

/**
 * N imitation environments ({@link ImitationEnv}) on the shared {@link TaskVecEnv} machinery, plus
 * what only imitation has: the training curriculum, the left/right mirror and end-of-clip counts.
 */
public final class ImitationVecEnv extends TaskVecEnv {
  private static final int STATE_MAGIC = 0x4B494D31; // "KIM1"
  private final ImitationConfig cfg;
  private final ClipPriority priority;

  public ImitationVecEnv(
      BodyModel body, List<Clip> clips, ImitationConfig cfg, int numEnvs, int threads) {
    this(body, clips, cfg, numEnvs, threads, new ClipPriority(clips.size(), clipPriority(cfg)));
  }

  private ImitationVecEnv(
      BodyModel body,
      List<Clip> clips,
      ImitationConfig cfg,
      int numEnvs,
      int threads,
      ClipPriority priority) {
    super(
        "imitation",
        STATE_MAGIC,
        body,
        environments(body, clips, cfg, numEnvs, priority),
        ObsLayout.imitation(
            body.robotBodyCount(), body.trackedBodies.length, cfg.conventions().preview()),
        RewardConfig.TERMS,
        threads);
    this.cfg = cfg;
    this.priority = priority;
  }

  /** λ of the clip draw; only random starts draw clips. */
  private static double clipPriority(ImitationConfig cfg) {
    return cfg.randomStart() ? cfg.curriculum().clipPriority() : 0;
  }

  private static TaskEnv[] environments(
      BodyModel body, List<Clip> clips, ImitationConfig cfg, int numEnvs, ClipPriority priority) {
    TrackedClips tc = new TrackedClips(body, clips);
    MuscleControl muscles = new MuscleControl(body.sim);
    return make(numEnvs, i -> new ImitationEnv(body, tc, priority, muscles, cfg, i, numEnvs));
  }

  /**
   * The environments of a training run from its saved options: variant {@code model}, the training
   * split of the clip set {@code motions} (or the clips named in {@code clips}), KINESIS training
   * settings with the run's environment settings ({@link ImitationConfig#KEYS}), stepped on all
   * cores. The returned environment owns (and closes) its body model.
   */
  public static VecEnv forTraining(Map<String, String> options, int numEnvs) {
    String model = options.getOrDefault("model", "legs");
    ImitationConfig cfg =
        ImitationConfig.training(ControlMode.parse(options.getOrDefault("control", "direct")));
    for (var e : options.entrySet()) {
      if (ImitationConfig.KEYS.contains(e.getKey()) && !e.getKey().equals("control"))
        cfg = cfg.with(e.getKey(), e.getValue());
    }
    BodyModel body = BodyModel.load(model);
    try {
      return new ClosingVecEnv(
          new ImitationVecEnv(
              body,
              trainingClips(options, body),
              cfg,
              numEnvs,
              Runtime.getRuntime().availableProcessors()),
          body);
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
  }

  /** Run option: also train on the left/right mirror image of every clip ({@link ClipMirror}). */
  public static final String MIRROR_CLIPS = "mirror_clips";

  /**
   * Run option: also train on every clip played at these speeds ({@link ClipRetime}), e.g. {@code
   * 0.8,1.3}.
   */
  public static final String CLIP_SPEEDS = "clip_speeds";

  /**
   * Run option: also train on a stop and a start made from every walking clip ({@link ClipStops}).
   */
  public static final String CLIP_STOPS = "clip_stops";

  /**
   * Run option: also train on every cyclic clip played for this many cycles ({@link ClipLoops}; 0
   * or absent = off).
   */
  public static final String CLIP_LOOPS = "clip_loops";

  /** The run options that add training clips (a resume may change them). */
  public static final List<String> CLIP_OPTIONS =
      List.of(MIRROR_CLIPS, CLIP_SPEEDS, CLIP_STOPS, CLIP_LOOPS);

  /**
   * The clips a run trains on: the training split of {@code motions}, or the clips named in {@code
   * clips}; then each cyclic clip for {@code clip_loops} cycles; then each clip at every speed of
   * {@code clip_speeds}; then, with {@code clip_stops=true}, a stop and a start made from each
   * walking clip of those; then, with {@code mirror_clips=true}, the mirror image of all of those.
   * Added clips are posed for {@code body}.
   */
  public static List<Clip> trainingClips(Map<String, String> options, BodyModel body) {
    String names = options.get("clips");
    List<Double> speeds = clipSpeeds(options);
    boolean mirror = mirrorClips(options), stops = flag(options, CLIP_STOPS);
    int loops = clipLoops(options);
    List<Clip> clips =
        new ArrayList<>(
            ClipSet.open(
                    options.getOrDefault("motions", "public-locomotion"),
                    options.getOrDefault("model", "legs"))
                .select(names == null ? "train" : "all", names));
    if (loops > 0) clips.addAll(ClipLoops.withPoses(List.copyOf(clips), loops, body));
    if (!speeds.isEmpty()) clips.addAll(ClipRetime.withPoses(List.copyOf(clips), speeds, body));
    if (stops) clips.addAll(ClipStops.withPoses(List.copyOf(clips), body));
    if (mirror) clips.addAll(ClipMirror.withPoses(List.copyOf(clips), body));
    return clips;
  }

  /** Checks the {@link #CLIP_OPTIONS} of {@code options} now; bad values are bad input. */
  public static void validateClipOptions(Map<String, String> options) {
    mirrorClips(options);
    clipSpeeds(options);
    flag(options, CLIP_STOPS);
    clipLoops(options);
  }

  /**
   * The {@link #CLIP_LOOPS} option: a whole number of cycles within [{@link ClipLoops#MIN_CYCLES},
   * {@link ClipLoops#MAX_CYCLES}], or 0 when absent, empty or 0 (off).
   */
  public static int clipLoops(Map<String, String> options) {
    String v = options.getOrDefault(CLIP_LOOPS, "").trim();
    if (v.isEmpty() || v.equals("0")) return 0;
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < ClipLoops.MIN_CYCLES || n > ClipLoops.MAX_CYCLES)
      throw new BadInputException(
          CLIP_LOOPS
              + " must be 0 (off) or a whole number of cycles from "
              + ClipLoops.MIN_CYCLES
              + " to "
              + ClipLoops.MAX_CYCLES
              + ", not '"
              + v
              + "'");
    return n;
  }

  /**
   * The {@link #MIRROR_CLIPS} option (false when absent); any value but true/false is bad input.
   */
  public static boolean mirrorClips(Map<String, String> options) {
    return flag(options, MIRROR_CLIPS);
  }

  /** A true/false run option (false when absent); any other value is bad input. */
  private static boolean flag(Map<String, String> options, String key) {
    String v = options.getOrDefault(key, "false").trim();
    if (!v.equals("true") && !v.equals("false"))
      throw new BadInputException(key + " must be true or false, not '" + v + "'");
    return v.equals("true");
  }

  /**
   * The {@link #CLIP_SPEEDS} option: distinct speeds other than 1 within [{@link
   * ClipRetime#MIN_SPEED}, {@link ClipRetime#MAX_SPEED}], comma-separated (none when absent or
   * empty).
   */
  public static List<Double> clipSpeeds(Map<String, String> options) {
    String v = options.getOrDefault(CLIP_SPEEDS, "").trim();
    List<Double> speeds = new ArrayList<>();
    if (v.isEmpty() || v.equals("[]")) return speeds;
    for (String part : v.replace("[", "").replace("]", "").split(",", -1)) {
      double s;
      try {
        s = Double.parseDouble(part.trim());
      } catch (NumberFormatException e) {
        s = Double.NaN;
      }
      if (!(s >= ClipRetime.MIN_SPEED && s <= ClipRetime.MAX_SPEED) || s == 1 || speeds.contains(s))
        throw new BadInputException(
            CLIP_SPEEDS
                + " must list distinct speeds other than 1 between "
                + ClipRetime.MIN_SPEED
                + " and "
                + ClipRetime.MAX_SPEED
                + " (e.g. 0.8,1.3), not '"
                + v
                + "'");
      speeds.add(s);
    }
    return speeds;
  }

  public ImitationConfig config() {
    return cfg;
  }

  /**
   * Statistics logged besides the reward terms: assistive strength, its mean force per action (N),
   * termination progress, how much the clip draw favours its most favoured clip (probability ×
   * number of clips; 1 = uniform), and the share of control steps taken under a push.
   */
  private static final List<String> STATS =
      List.of(
          "env/assist_scale",
          "env/assist_force_N",
          "env/termination_progress",
          "env/clip_weight_max",
          "env/pushed_share");

  @Override
  protected List<String> statNames() {
    return STATS;
  }

  @Override
  protected void drainStats(Map<String, Double> m) {
    long assistSteps = 0, pushed = 0, steps = 0;
    double force = 0;
    for (int i = 0; i < numEnvs(); i++) {
      ImitationEnv e = env(i);
      force += e.assistForceSum;
      assistSteps += e.assistSteps;
      pushed += e.pushedSteps;
      for (long n : e.clipSteps) steps += n;
      e.assistForceSum = 0;
      e.assistSteps = 0;
      e.pushedSteps = 0;
    }
    m.put(STATS.get(0), env(0).assistScale);
    m.put(STATS.get(1), assistSteps > 0 ? force / assistSteps : 0);
    m.put(STATS.get(2), env(0).terminationProgress);
    drainClipCounts();
    m.put(STATS.get(3), priority.maxWeight());
    m.put(STATS.get(4), steps > 0 ? (double) pushed / steps : 0);
  }

  /** Moves the environments' per-clip step and termination counts into the clip priorities. */
  private void drainClipCounts() {
    int c = env(0).clipSteps.length;
    long[] steps = new long[c], failures = new long[c];
    for (int i = 0; i < numEnvs(); i++) {
      ImitationEnv e = env(i);
      for (int k = 0; k < c; k++) {
        steps[k] += e.clipSteps[k];
        failures[k] += e.clipFailures[k];
      }
      Arrays.fill(e.clipSteps, 0);
      Arrays.fill(e.clipFailures, 0);
    }
    priority.absorb(steps, failures);
  }

  /** A snapshot holds clip indices: they are valid for the same clip list only. */
  @Override
  public List<String> stateSettings() {
    List<String> keys = new ArrayList<>(List.of("motions", "clips"));
    keys.addAll(CLIP_OPTIONS);
    return keys;
  }

  /** The clip priorities follow the environments in a snapshot when they shape the draw. */
  @Override
  protected void saveExtra(DataOutputStream out) throws IOException {
    if (!priority.uniform()) priority.save(out);
  }

  @Override
  protected void loadExtra(DataInputStream in) throws IOException {
    if (!priority.uniform()) priority.load(in);
  }

  @Override
  public Symmetry symmetry() {
    return new ImitationMirror(body, cfg.conventions().preview().size());
  }

  @Override
  public void setProgress(long samples) {
    Curriculum c = cfg.curriculum();
    for (int i = 0; i < numEnvs(); i++) {
      env(i).assistScale = c.assistScale(samples);
      env(i).terminationProgress = c.terminationProgress(samples);
    }
  }

  /** Episodes ended by the distance test, over all environments. */
  public long terminations() {
    long n = 0;
    for (int i = 0; i < numEnvs(); i++) n += env(i).terminations;
    return n;
  }

  /** Episodes that reached the end of their clip, over all environments. */
  public long truncations() {
    long n = 0;
    for (int i = 0; i < numEnvs(); i++) n += env(i).truncations;
    return n;
  }

  /** Environment {@code i} (package-private: tests inspect its simulation). */
  ImitationEnv env(int i) {
    return (ImitationEnv) task(i);
  }
}
