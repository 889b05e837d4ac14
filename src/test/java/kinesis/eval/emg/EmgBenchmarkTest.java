package kinesis.eval.emg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.task.Rollout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmgBenchmarkTest {
  static HumanData falisse, santuz;
  static MuscleMap map;

  @BeforeAll
  static void load() {
    falisse = HumanData.load(HumanData.FALISSE);
    santuz = HumanData.load(HumanData.SANTUZ);
    map = MuscleMap.load();
  }

  private static EmgBenchmark.Result run(Rollout r, HumanData d, EmgBenchmark.Options o) {
    return EmgBenchmark.evaluate(
        List.of(new EmgBenchmark.Source(Path.of("synthetic.rollout.npz"), r)), d, map, o);
  }

  /** Only the subject whose curves were played. */
  private static HumanData only(HumanData d, int s) {
    return new HumanData(
        d.name(),
        d.description(),
        d.normalisation(),
        d.channels(),
        List.of(d.subjects().get(s)),
        new double[][][] {d.emg()[s]},
        d.joints(),
        d.trials(),
        d.stanceFraction());
  }

  @Test
  void humanCurvesPlayedBackGiveCorrelationOneAndNoJointError() {
    for (String side : List.of("right", "left")) {
      Rollout r =
          SyntheticRollout.fromHuman(falisse, 0, map, side, SyntheticRollout.minimalLayout(map), 5);
      EmgBenchmark.Result res = run(r, falisse, EmgBenchmark.Options.defaults().withSide(side));
      assertEquals(5, res.cycles().kept().size());
      for (double rr : res.r()[0]) assertEquals(1, rr, 1e-9);
      assertEquals(1, res.meanCorrelation(), 1e-9);
      for (double e : res.mpjae().values()) assertEquals(0, e, 1e-9);
      assertEquals(4, res.mpjae().size());
      Map<String, Object> json = res.toJson();
      assertEquals(5, json.get("cycles_used"));
      assertTrue(
          json.containsKey("per_muscle")
              && json.containsKey("human_baseline")
              && json.containsKey("mpjae_deg"));
    }
  }

  @Test
  void santuzSubjectPlayedBackMatchesThatSubjectExactly() {
    int subject = 4;
    Rollout r =
        SyntheticRollout.fromHuman(
            santuz, subject, map, "right", SyntheticRollout.minimalLayout(map), 4);
    EmgBenchmark.Result res = run(r, santuz, EmgBenchmark.Options.defaults().withControls(true));
    assertEquals(15, res.r().length);
    for (double rr : res.r()[subject]) assertEquals(1, rr, 1e-9);
    for (int s = 0; s < 15; s++) if (s != subject) assertTrue(res.subjectMeans()[s] < 0.99);
    assertNull(res.toJson().get("mpjae_deg")); // no kinematics in this data set
    assertEquals(
        1, run(r, only(santuz, subject), EmgBenchmark.Options.defaults()).meanCorrelation(), 1e-9);
  }

  @Test
  void groupMeanPlayedBackMatchesTheGroupMean() {
    HumanData mean = santuz.groupMean();
    Rollout r =
        SyntheticRollout.fromHuman(mean, 0, map, "right", SyntheticRollout.minimalLayout(map), 4);
    Map<String, Object> json = run(r, santuz, EmgBenchmark.Options.defaults()).toJson();
    assertEquals(1, (double) json.get("mean_correlation_vs_group_mean"), 1e-9);
    assertTrue(
        (double) json.get("mean_correlation") < 0.95); // individual subjects differ from their mean
    assertEquals(1, run(r, mean, EmgBenchmark.Options.defaults()).meanCorrelation(), 1e-9);
  }

  @Test
  void knownCorrelationsComeThrough() {
    // replace the played tibialis anterior curve by a mix with a known correlation to the original
    Rollout r =
        SyntheticRollout.fromHuman(
            falisse, 0, map, "right", SyntheticRollout.minimalLayout(map), 4);
    int ta = r.meta().muscleNames().indexOf("tibant_r");
    double[] human = falisse.emg()[0][falisse.channels().indexOf("Tibialis-anterior")];
    double[] act = r.act().clone();
    double[] ctrl = r.ctrl().clone();
    for (int t = 0; t < r.steps(); t++)
      act[t * r.meta().nu() + ta] = -2 * act[t * r.meta().nu() + ta] + 7; // r = -1
    Rollout flipped =
        new Rollout(
            r.meta(),
            r.steps(),
            r.time(),
            r.qpos(),
            r.xpos(),
            r.xquat(),
            r.keypoints(),
            act,
            ctrl,
            r.touch(),
            r.rewards());
    EmgBenchmark.Result res = run(flipped, falisse, EmgBenchmark.Options.defaults());
    int c = res.channels().indexOf("Tibialis-anterior");
    assertEquals(-1, res.r()[0][c], 1e-9);
    int n = res.channels().size();
    assertEquals((n - 1 - 1) / (double) n, res.meanCorrelation(), 1e-9);
    // with --signal ctrl the untouched controls still give 1
    assertEquals(
        1,
        run(flipped, falisse, EmgBenchmark.Options.defaults().withControls(true)).r()[0][c],
        1e-9);
    assertEquals(100, human.length);
  }

  @Test
  void timingCheckFindsAKnownDelay() {
    Rollout r =
        SyntheticRollout.fromHuman(
            falisse, 0, map, "right", SyntheticRollout.minimalLayout(map), 4);
    int nu = r.meta().nu(), delay = 10; // 10 steps of a 100-step cycle
    double[] act = new double[r.act().length];
    for (int t = delay; t < r.steps(); t++)
      System.arraycopy(r.act(), (t - delay) * nu, act, t * nu, nu);
    Rollout late =
        new Rollout(
            r.meta(),
            r.steps(),
            r.time(),
            r.qpos(),
            r.xpos(),
            r.xquat(),
            r.keypoints(),
            act,
            r.ctrl(),
            r.touch(),
            r.rewards());
    EmgBenchmark.Result res = run(late, falisse, EmgBenchmark.Options.defaults());
    @SuppressWarnings("unchecked")
    Map<String, Object> timing = (Map<String, Object>) res.toJson().get("timing");
    assertEquals(delay, timing.get("best_shift_points"));
    assertEquals(1, (double) timing.get("r_at_best_shift"), 1e-9);
    assertTrue((double) timing.get("r_unshifted") < 0.9);
  }

  @Test
  void constantActivityIsReportedAsUndefinedNotNaN() {
    Rollout r =
        SyntheticRollout.fromHuman(
            falisse, 0, map, "right", SyntheticRollout.minimalLayout(map), 4);
    Rollout silent =
        new Rollout(
            r.meta(),
            r.steps(),
            r.time(),
            r.qpos(),
            r.xpos(),
            r.xquat(),
            r.keypoints(),
            new double[r.act().length],
            r.ctrl(),
            r.touch(),
            r.rewards());
    EmgBenchmark.Result res = run(silent, falisse, EmgBenchmark.Options.defaults());
    assertEquals(0, res.meanCorrelation(), 0);
    String json = kinesis.io.Json.write(res.toJson());
    assertTrue(!json.contains("NaN"), json);
    assertTrue(json.contains("undefined_correlation"));
  }

  @Test
  void tooFewCyclesIsAClearMessage() {
    Rollout r =
        SyntheticRollout.fromHuman(
            falisse, 0, map, "right", SyntheticRollout.minimalLayout(map), 2);
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> run(r, falisse, EmgBenchmark.Options.defaults()));
    assertTrue(e.getMessage().contains("synthetic.rollout.npz"), e.getMessage());
    assertTrue(e.getMessage().contains("found 2 complete right gait cycles"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
    // no contact at all
    Rollout still =
        new Rollout(
            r.meta(),
            r.steps(),
            r.time(),
            r.qpos(),
            r.xpos(),
            r.xquat(),
            r.keypoints(),
            r.act(),
            r.ctrl(),
            new double[r.touch().length],
            r.rewards());
    assertTrue(
        assertThrows(
                BadInputException.class, () -> run(still, falisse, EmgBenchmark.Options.defaults()))
            .getMessage()
            .contains("found 0"));
    // fewer required: accepted
    assertEquals(
        2,
        run(r, falisse, EmgBenchmark.Options.defaults().withMinCycles(2)).cycles().kept().size());
  }

  @Test
  void rolloutWithoutTheLegMusclesIsBadInput() {
    Rollout.Meta m =
        new Rollout.Meta(
            "other",
            "",
            100,
            "",
            0,
            List.of("root"),
            List.of(),
            List.of(),
            List.of("x_r"),
            List.of(),
            List.of(),
            List.of(),
            7);
    Rollout r = SyntheticRollout.fromHuman(falisse, 0, map, "right", m, 4);
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> run(r, falisse, EmgBenchmark.Options.defaults()));
    assertTrue(e.getMessage().contains("no muscle 'tibant_r'"), e.getMessage());
  }

  @Test
  void cyclesArePooledOverRollouts() {
    Rollout a =
        SyntheticRollout.fromHuman(
            falisse, 0, map, "right", SyntheticRollout.minimalLayout(map), 2);
    var res =
        EmgBenchmark.evaluate(
            List.of(
                new EmgBenchmark.Source(Path.of("a"), a), new EmgBenchmark.Source(Path.of("b"), a)),
            falisse,
            map,
            EmgBenchmark.Options.defaults());
    assertEquals(4, res.cycles().kept().size());
    assertEquals(1, res.meanCorrelation(), 1e-9);
  }
}
