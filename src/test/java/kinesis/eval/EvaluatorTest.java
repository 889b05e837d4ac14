package kinesis.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;
import kinesis.task.TrackingError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  static BodyModel legs;
  static Clip standing;

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
    standing = Clips.standing(legs, 1.0); // 31 frames: 30 control steps
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  /** Relaxed muscles (action −1 → excitation 0). */
  static Controller relaxed(int obsDim, int nu) {
    return new Controller() {
      @Override
      public int obsDim() {
        return obsDim;
      }

      @Override
      public int actionDim() {
        return nu;
      }

      @Override
      public void act(float[] obs, float[] action) {
        java.util.Arrays.fill(action, -1f);
      }
    };
  }

  private static ImitationConfig withDistance(double d) {
    return ImitationConfig.evaluation(ControlMode.DIRECT)
        .with("termination_distance", Double.toString(d));
  }

  @Test
  void aClipThatIsNeverLeftIsASuccessCoveringEveryFrame() {
    int obs;
    try (ImitationEpisode ep = new ImitationEpisode(legs, standing, withDistance(100))) {
      obs = ep.obsDim();
    }
    ClipOutcome o = Evaluator.episode(legs, standing, withDistance(100), relaxed(obs, legs.sim.nu));
    assertTrue(o.success());
    assertEquals(1.0, o.coverage());
    assertEquals(-1, o.failureFrame());
    assertEquals(30, o.steps(), "one step per frame after the first");
    assertTrue(
        o.mpjpeMm() > 0 && o.mpjpeMm() < 1000,
        "a relaxed body sags but stays near the reference: " + o.mpjpeMm());
  }

  @Test
  void mpjpeIsTheMeanOfTheStepDistancesAndFailureIsWhereTheRuleFires() {
    // record the per-step mean distances of the relaxed body by hand
    ImitationConfig far = withDistance(100);
    double[] d = new double[30];
    float[] act = new float[legs.sim.nu];
    java.util.Arrays.fill(act, -1f);
    try (ImitationEpisode ep = new ImitationEpisode(legs, standing, far)) {
      float[] obs = new float[ep.obsDim()];
      ep.start(obs);
      for (int k = 0; k < 30; k++) {
        ImitationEpisode.Outcome out = ep.step(act, obs);
        d[k] = ep.meanDistance();
        assertEquals(
            k == 29 ? ImitationEpisode.Outcome.TRUNCATED : ImitationEpisode.Outcome.CONTINUE, out);
      }
      assertThrows(IllegalStateException.class, () -> ep.step(act, obs), "no auto-reset");
    }
    // any threshold between the smallest and largest distance: the first step above it fails
    double lo = java.util.Arrays.stream(d).min().orElseThrow(),
        hi = java.util.Arrays.stream(d).max().orElseThrow();
    assertTrue(hi > lo);
    double threshold = 0.5 * (lo + hi);
    int firstAbove = 0;
    while (!(d[firstAbove] > threshold)) firstAbove++;
    ClipOutcome o =
        Evaluator.episode(
            legs, standing, withDistance(threshold), relaxed(obsDimOf(), legs.sim.nu));
    assertFalse(o.success());
    assertEquals(
        firstAbove + 1, o.failureFrame(), "the failing step is scored and is the failure frame");
    assertEquals((firstAbove + 1) / 30.0, o.coverage(), 1e-12);
    double mean = 0;
    for (int i = 0; i <= firstAbove; i++) mean += d[i];
    assertEquals(
        1000 * mean / (firstAbove + 1), o.mpjpeMm(), 1e-9, "this clip's own mean, steps 1..K");
  }

  private static int obsDimOf() {
    try (ImitationEpisode ep = new ImitationEpisode(legs, standing, withDistance(1))) {
      return ep.obsDim();
    }
  }

  @Test
  void parallelRunsGiveTheSameOutcomesAsOneThreadAndReportsAgree() {
    Clip other = Clips.sliding(legs, 1.0, 0.5);
    ImitationConfig cfg = ImitationConfig.evaluation(ControlMode.DIRECT);
    int obs = obsDimOf();
    List<ClipOutcome> one =
        Evaluator.run(legs, List.of(standing, other), cfg, () -> relaxed(obs, legs.sim.nu), 0, 1);
    List<ClipOutcome> two =
        Evaluator.run(legs, List.of(standing, other), cfg, () -> relaxed(obs, legs.sim.nu), 0, 2);
    assertEquals(one, two);
    EvalReport r =
        new EvalReport("relaxed", "all", Protocol.PAPER, false, List.of(0L, 1L), List.of(one, two));
    Map<String, Object> j = r.json();
    for (String key :
        List.of("frame_coverage", "success_rate", "mpjpe_mm", "per_skill", "protocol", "clips"))
      assertTrue(j.containsKey(key), key);
    assertEquals("paper", j.get("protocol"));
    @SuppressWarnings("unchecked")
    Map<String, Object> sem = (Map<String, Object>) j.get("frame_coverage");
    assertEquals(0.0, sem.get("sem"), "identical deterministic runs");
    assertTrue(r.markdown().contains("is 0: a single deterministic expert"), r.markdown());
    assertEquals(5, r.csv().split("\n").length, "header + 2 runs × 2 clips");
    List<String> failed = r.failed();
    for (ClipOutcome o : one) assertEquals(!o.success(), failed.contains(o.clip()));
    // each failed clip of the first run gets a row saying how it ended; every clip a JSON "end"
    for (ClipOutcome o : one)
      assertEquals(!o.success(), r.markdown().contains("| " + o.clip() + " | "), r.markdown());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> clips = (List<Map<String, Object>>) j.get("clips");
    for (Map<String, Object> c : clips) assertTrue(c.containsKey("end"), c.toString());
  }

  /** The end of a failed episode says where the body was: a relaxed body sinks below its pose. */
  @Test
  void aFailedEpisodeSaysWhereTheBodyEnded() {
    ClipOutcome o =
        Evaluator.episode(legs, standing, withDistance(0.1), relaxed(obsDimOf(), legs.sim.nu));
    assertFalse(o.success());
    TrackingError e = o.end();
    assertTrue(e.up() < -0.05, "the root sank below its reference: " + e);
    assertTrue(legs.variant.tracked().contains(e.farthest()), e.farthest());
    assertTrue(e.farthestDistance() > 0.1, "beyond the mean distance that ended it: " + e);
    assertTrue(e.describe().contains("below"), e.describe());
    ClipOutcome ok =
        Evaluator.episode(legs, standing, withDistance(100), relaxed(obsDimOf(), legs.sim.nu));
    assertTrue(ok.success());
    assertTrue(Double.isFinite(ok.end().forward()), "a completed clip reports its last step too");
  }
}
