package kinesis.task.reach;

import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.task.ClosingVecEnv;
import kinesis.task.MuscleControl;
import kinesis.task.ObsLayout;
import kinesis.task.TaskEnv;
import kinesis.task.TaskVecEnv;
import kinesis.task.TrackedClips;
import kinesis.task.VecEnv;

/**
 * N goal-reaching environments on the shared {@link TaskVecEnv} machinery, with success and fall
 * rates logged.
 */
public final class ReachVecEnv extends TaskVecEnv {
  private static final int STATE_MAGIC = 0x4B524331; // "KRC1"
  private static final List<String> STATS = List.of("env/success_rate", "env/fall_rate");
  private long seenSuccesses, seenFalls, seenEnded;

  public ReachVecEnv(BodyModel body, List<Clip> starts, ReachConfig cfg, int numEnvs, int threads) {
    super(
        "reach",
        STATE_MAGIC,
        body,
        environments(body, starts, cfg, numEnvs),
        ObsLayout.imitation(body.robotBodyCount(), body.trackedBodies.length),
        ReachRewards.TERMS,
        threads);
  }

  private static TaskEnv[] environments(
      BodyModel body, List<Clip> starts, ReachConfig cfg, int numEnvs) {
    TrackedClips tc = new TrackedClips(body, starts);
    MuscleControl muscles = new MuscleControl(body.sim);
    return make(numEnvs, i -> new ReachEnv(body, tc, muscles, cfg));
  }

  /**
   * The environments of a reaching run from its saved options: variant {@code model}, start states
   * from the training split of {@code motions} (or the clips named in {@code clips}), the task
   * settings ({@link ReachConfig#KEYS}), stepped on all cores; owns (and closes) its body model.
   */
  public static VecEnv forTraining(Map<String, String> options, int numEnvs) {
    String model = options.getOrDefault("model", "legs");
    ReachConfig cfg = ReachConfig.fromMap(options);
    String names = options.get("clips");
    List<Clip> starts =
        ClipSet.open(options.getOrDefault("motions", "public-locomotion"), model)
            .select(names == null ? "train" : "all", names);
    BodyModel body = BodyModel.load(model);
    try {
      return new ClosingVecEnv(
          new ReachVecEnv(body, starts, cfg, numEnvs, Runtime.getRuntime().availableProcessors()),
          body);
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
  }

  @Override
  protected List<String> statNames() {
    return STATS;
  }

  /** Fractions of the episodes ended since the last call that reached the goal, and that fell. */
  @Override
  protected void drainStats(Map<String, Double> m) {
    long s = 0, f = 0, ended = 0;
    for (int i = 0; i < numEnvs(); i++) {
      ReachEnv e = env(i);
      s += e.successes;
      f += e.falls;
      ended += e.successes + e.falls + e.misses + e.instabilities();
    }
    long n = ended - seenEnded;
    m.put(STATS.get(0), n > 0 ? (double) (s - seenSuccesses) / n : Double.NaN);
    m.put(STATS.get(1), n > 0 ? (double) (f - seenFalls) / n : Double.NaN);
    seenSuccesses = s;
    seenFalls = f;
    seenEnded = ended;
  }

  @Override
  public void loadState(byte[] state) {
    super.loadState(state);
    Map<String, Double> ignored = new java.util.HashMap<>();
    drainStats(ignored); // rates count from the resumed point on
  }

  ReachEnv env(int i) {
    return (ReachEnv) task(i);
  }
}
