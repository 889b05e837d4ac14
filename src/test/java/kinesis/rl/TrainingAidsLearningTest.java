package kinesis.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.motion.ClipLoops;
import kinesis.motion.ClipSet;
import kinesis.motion.ClipStops;
import kinesis.task.Clips;
import kinesis.task.ClosingVecEnv;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationVecEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The imitation-only training aids on a small task (standing balance, 2 s): with the assistive
 * force and the termination curriculum both annealed away within the first 60 k samples, the policy
 * that remains keeps the body up longer, unaided, than the untrained one did (1.6× here after 120 k
 * samples). Clip priority on two clips (standing, and a reference sliding away slowly): the draw
 * favours the harder clip and the run still learns. Pushes (0.3 m/s about once a second): the
 * policy learns to stay up while being shoved. A stop made from a walking clip, and a run cycle
 * played several times in a row: each learnt like any clip.
 */
class TrainingAidsLearningTest {
  @TempDir Path tmp;

  /** Environments imitating a 2 s standing clip with these settings. */
  static EnvFactory standing(ImitationConfig cfg) {
    return (options, n, seed) -> {
      BodyModel body = BodyModel.load("legs");
      return new ClosingVecEnv(
          new ImitationVecEnv(body, List.of(Clips.standing(body, 2)), cfg, n, 2), body);
    };
  }

  static final PpoConfig SMALL =
      PpoConfig.laptop()
          .with(
              List.of(
                  "hidden=[64,64]",
                  "samples_per_iteration=2048",
                  "minibatch_size=512",
                  "iterations=60",
                  "checkpoint_every=1000"));

  @Test
  void prioritisedClipsLearn() {
    ImitationConfig prioritised =
        ImitationConfig.training(ControlMode.DIRECT).with("clip_priority", "1");
    EnvFactory twoClips =
        (options, n, seed) -> {
          BodyModel body = BodyModel.load("legs");
          var clips = List.of(Clips.standing(body, 2), Clips.sliding(body, 2, 0.8));
          return new ClosingVecEnv(new ImitationVecEnv(body, clips, prioritised, n, 2), body);
        };
    double[] r = trainSixty("two-clips", twoClips, "env/clip_weight_max");
    double first = r[0], last = r[1], weight = r[2];
    System.out.printf(
        "two clips, priority 1: episode length %.1f → %.1f, weight of the favoured clip %.2f%n",
        first, last, weight);
    assertTrue(weight > 1.05, "the harder clip is favoured: " + weight);
    assertTrue(
        last > 1.2 * first, "episodes " + last + " vs " + first + " untrained"); // 9.7 vs 7.0
  }

  @Test
  void pushedStandingLearnsToStayUp() {
    ImitationConfig pushed =
        ImitationConfig.training(ControlMode.DIRECT).with("push", "0.3").with("push_every", "1");
    double[] r = trainSixty("stand-pushed", standing(pushed), "env/pushed_share");
    double first = r[0], last = r[1], share = r[2];
    System.out.printf(
        "standing, pushed: episode length %.1f → %.1f, %.3f of the steps pushed%n",
        first, last, share);
    assertTrue(share > 0.02 && share < 0.2, "pushed share " + share); // 0.1 s in every 1 s
    assertTrue(last > 1.2 * first, "episodes " + last + " vs " + first + " untrained");
  }

  /** A stop made from a real walk ({@code clip_stops}): the policy learns to follow it longer. */
  @Test
  void aStopMadeFromAWalkLearns() {
    double[] r =
        learnMadeClip("humanoid3d_walk", (walk, body) -> ClipStops.withPoses(List.of(walk), body));
    System.out.printf("a walk that stops: episode length %.1f → %.1f%n", r[0], r[1]);
    assertTrue(r[1] > 1.2 * r[0], "episodes " + r[1] + " vs " + r[0] + " untrained"); // 11.8 vs 3.5
  }

  /**
   * The same stop with the reference seen 0.33 and 0.67 s ahead ({@code ref_preview=10,20}): the
   * wider observation learns too.
   */
  @Test
  void aStopSeenAheadLearns() {
    double[] r =
        learnMadeClip(
            "humanoid3d_walk",
            (walk, body) -> ClipStops.withPoses(List.of(walk), body),
            ImitationConfig.training(ControlMode.DIRECT).with("ref_preview", "10,20"));
    System.out.printf("a walk that stops, seen ahead: episode length %.1f → %.1f%n", r[0], r[1]);
    assertTrue(r[1] > 1.2 * r[0], "episodes " + r[1] + " vs " + r[0] + " untrained");
  }

  /** A run cycle played four times in a row ({@code clip_loops}): learnt like any clip. */
  @Test
  void aLoopedRunLearns() {
    double[] r =
        learnMadeClip("humanoid3d_run", (run, body) -> ClipLoops.withPoses(List.of(run), 4, body));
    System.out.printf("a run for four cycles: episode length %.1f → %.1f%n", r[0], r[1]);
    assertTrue(r[1] > 1.2 * r[0], "episodes " + r[1] + " vs " + r[0] + " untrained"); // 3.1 vs 1.3
  }

  /**
   * Trains sixty small iterations on the first clip {@code make} builds from the public clip {@code
   * source}; returns the episode lengths of the first and the last iterations.
   */
  private double[] learnMadeClip(
      String source, java.util.function.BiFunction<Clip, BodyModel, List<Clip>> make) {
    return learnMadeClip(source, make, ImitationConfig.training(ControlMode.DIRECT));
  }

  /** {@link #learnMadeClip(String, java.util.function.BiFunction)} with these settings. */
  private double[] learnMadeClip(
      String source,
      java.util.function.BiFunction<Clip, BodyModel, List<Clip>> make,
      ImitationConfig cfg) {
    EnvFactory made =
        (options, n, seed) -> {
          BodyModel body = BodyModel.load("legs");
          Clip clip =
              make.apply(ClipSet.open("public-locomotion", "legs").get(source), body).get(0);
          return new ClosingVecEnv(new ImitationVecEnv(body, List.of(clip), cfg, n, 2), body);
        };
    return trainSixty(source + "-made", made, "charts/episodic_length");
  }

  @Test
  void aidedStandingRunLearnsToStandUnaided() {
    PpoConfig cfg = SMALL;
    double untrained, last, lastAssist;
    try (Trainer t =
        Trainer.start(
            new RunConfig(Map.of("task", "stand"), cfg),
            standing(ImitationConfig.training(ControlMode.DIRECT)),
            tmp.resolve("plain"),
            new PrintStream(new ByteArrayOutputStream()))) {
      t.iterate();
      untrained = t.lastMetrics().get("charts/episodic_length");
    }
    ImitationConfig aided =
        ImitationConfig.training(ControlMode.DIRECT)
            .with("assist", "1")
            .with("assist_anneal", "60000")
            .with("termination_start", "0.5")
            .with("termination_anneal", "60000");
    try (Trainer t =
        Trainer.start(
            new RunConfig(Map.of("task", "stand-aided"), cfg),
            standing(aided),
            tmp.resolve("aided"),
            new PrintStream(new ByteArrayOutputStream()))) {
      double sum = 0;
      for (int i = 0; i < 60; i++) {
        t.iterate();
        if (i >= 50) sum += t.lastMetrics().get("charts/episodic_length");
      }
      last = sum / 10;
      lastAssist = t.lastMetrics().get("env/assist_scale");
    }
    System.out.printf(
        "standing: untrained episode length %.1f; after 60 k aided samples, %.1f unaided%n",
        untrained, last);
    assertTrue(lastAssist == 0, "the aid has annealed away");
    assertTrue(
        last > 1.3 * untrained,
        "unaided episodes " + last + " vs " + untrained + " untrained"); // measured 14.6 vs 9.3
  }

  /**
   * Trains {@link #SMALL} for 60 iterations; returns the first iteration's episode length, and the
   * means over the last ten iterations of the episode length and of {@code metric}.
   */
  private double[] trainSixty(String task, EnvFactory envs, String metric) {
    double first, last = 0, value = 0;
    try (Trainer t =
        Trainer.start(
            new RunConfig(Map.of("task", task), SMALL),
            envs,
            tmp.resolve(task),
            new PrintStream(new ByteArrayOutputStream()))) {
      t.iterate();
      first = t.lastMetrics().get("charts/episodic_length");
      for (int i = 1; i < 60; i++) {
        t.iterate();
        if (i >= 50) {
          last += t.lastMetrics().get("charts/episodic_length") / 10;
          value += t.lastMetrics().get(metric) / 10;
        }
      }
    }
    return new double[] {first, last, value};
  }
}
