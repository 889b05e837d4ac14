package kinesis.task.kick;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.task.Clips;
import kinesis.task.ClosingVecEnv;
import kinesis.task.MuscleControl;
import kinesis.task.TaskEnv;
import kinesis.task.TaskVecEnv;
import kinesis.task.TrackedClips;
import kinesis.task.VecEnv;

/**
 * N penalty-kick environments on the shared {@link TaskVecEnv} machinery, with goal, miss and fall
 * rates logged.
 */
public final class KickVecEnv extends TaskVecEnv {
  private static final int STATE_MAGIC = 0x4B4B4B31; // "KKK1"
  private static final List<String> STATS =
      List.of("env/goal_rate", "env/miss_rate", "env/fall_rate");

  /** The start-state name that means the standing pose rather than a clip set. */
  public static final String STANDING = "standing";

  private long seenGoals, seenMisses, seenFalls, seenEnded;

  public KickVecEnv(KickScene scene, List<Clip> starts, KickConfig cfg, int numEnvs, int threads) {
    super(
        "kick",
        STATE_MAGIC,
        scene.body,
        environments(scene, starts, cfg, numEnvs),
        KickEnv.layout(scene.body, cfg.ballInputs()),
        KickRewards.TERMS,
        threads);
  }

  private static TaskEnv[] environments(
      KickScene scene, List<Clip> starts, KickConfig cfg, int numEnvs) {
    TrackedClips tc = new TrackedClips(scene.body, starts);
    MuscleControl muscles = new MuscleControl(scene.body.sim);
    return make(numEnvs, i -> new KickEnv(scene, tc, muscles, cfg));
  }

  /**
   * Start states for a kick run: the legs-back standing pose ({@code motions=standing}), else the
   * training split of clip set {@code motions} (or the clips named in {@code clips}) for legs-back.
   */
  public static List<Clip> starts(String motions, String clips) {
    if (motions.equals(STANDING)) {
      try (BodyModel alone = BodyModel.load(KickScene.VARIANT.name())) {
        return List.of(Clips.standing(alone, 2));
      }
    }
    return ClipSet.open(motions, KickScene.VARIANT.name())
        .select(clips == null ? "train" : "all", clips);
  }

  /**
   * The environments of a kick run from its saved options ({@link KickConfig#KEYS}, motions,
   * clips), on all cores; owns its scene.
   */
  public static VecEnv forTraining(Map<String, String> options, int numEnvs) {
    KickConfig cfg = KickConfig.fromMap(options);
    List<Clip> starts = starts(options.getOrDefault("motions", STANDING), options.get("clips"));
    KickScene scene = KickScene.load(cfg.timestep());
    try {
      return new ClosingVecEnv(
          new KickVecEnv(scene, starts, cfg, numEnvs, Runtime.getRuntime().availableProcessors()),
          scene);
    } catch (RuntimeException e) {
      scene.close();
      throw e;
    }
  }

  @Override
  protected List<String> statNames() {
    return STATS;
  }

  /**
   * Fractions of the episodes ended since the last call that scored, missed past the goal line, and
   * fell.
   */
  @Override
  protected void drainStats(Map<String, Double> m) {
    long g = 0, mi = 0, f = 0, ended = 0;
    for (int i = 0; i < numEnvs(); i++) {
      KickEnv e = env(i);
      g += e.goals;
      mi += e.misses;
      f += e.falls;
      ended += e.goals + e.misses + e.falls + e.timeouts + e.instabilities();
    }
    long n = ended - seenEnded;
    m.put(STATS.get(0), n > 0 ? (double) (g - seenGoals) / n : Double.NaN);
    m.put(STATS.get(1), n > 0 ? (double) (mi - seenMisses) / n : Double.NaN);
    m.put(STATS.get(2), n > 0 ? (double) (f - seenFalls) / n : Double.NaN);
    seenGoals = g;
    seenMisses = mi;
    seenFalls = f;
    seenEnded = ended;
  }

  @Override
  public void loadState(byte[] state) {
    super.loadState(state);
    drainStats(new HashMap<>()); // rates count from the resumed point on
  }

  KickEnv env(int i) {
    return (KickEnv) task(i);
  }
}
