package kinesis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Gemm;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.task.ControlMode;
import org.junit.jupiter.api.Test;

class ClipProbeTest {
  /** The set's curves are the means of the paper-protocol episodes, per skill too. */
  @Test
  void aClipSetIsPlayedWholeUnderThePaperProtocol() {
    List<Clip> train = ClipSet.open("public-locomotion", "legs").select("train", null);
    List<Clip> three = train.subList(0, 3); // a walk, walking backwards, a run
    List<Clip> withRepeat = new ArrayList<>(three);
    withRepeat.add(three.get(0));
    Policy p =
        new Policy(Policy.Kind.GAUSSIAN, 309, new int[] {8}, 80, -1f, new Rng(2), Gemm.serial());
    try (ClipProbe probe = new ClipProbe("legs", three.get(0), withRepeat, ControlMode.DIRECT, 5);
        BodyModel body = BodyModel.load("legs")) {
      List<String> skills = three.stream().map(Clip::skill).distinct().sorted().toList();
      List<String> want = new ArrayList<>(ClipProbe.NAMES);
      want.addAll(ClipProbe.SET_NAMES);
      for (String k : skills) want.add("eval/skill_coverage_" + k);
      assertEquals(want, probe.names());

      Map<String, Double> m = probe.measure(p);
      assertEquals(want, List.copyOf(m.keySet()));
      Controller c = ExpertSpec.of(p, Map.of(), "t").controller(new VecGemm(1), true);
      double cov = 0, mpjpe = 0;
      for (Clip k : three) {
        ClipOutcome o = Evaluator.episode(body, k, Protocol.PAPER.config(ControlMode.DIRECT), c);
        cov += o.coverage() / 3;
        mpjpe += o.mpjpeMm() / 3;
        assertEquals(o.coverage(), m.get("eval/skill_coverage_" + k.skill()), 1e-12, k.name());
      }
      assertEquals(cov, m.get("eval/set_coverage_paper"), 1e-12);
      assertEquals(mpjpe, m.get("eval/set_mpjpe_paper_mm"), 1e-9);
      assertTrue(m.get("eval/set_success_paper") >= 0 && m.get("eval/set_success_paper") <= 1);
    }
  }

  /** The set's test split is played whole as held-out clips, unless the run trains on them. */
  @Test
  void theTestSplitIsTheHeldOutCurve() {
    ClipSet set = ClipSet.open("public-locomotion", "legs");
    List<Clip> train = set.select("train", null).subList(0, 2), test = set.split("test");
    Map<String, String> run = Map.of("eval_every", "5", "motions", "public-locomotion");
    Policy p =
        new Policy(Policy.Kind.GAUSSIAN, 309, new int[] {8}, 80, -1f, new Rng(3), Gemm.serial());
    try (ClipProbe probe = ClipProbe.forRun(run, () -> train);
        BodyModel body = BodyModel.load("legs")) {
      assertTrue(probe.names().containsAll(ClipProbe.HELD_OUT_NAMES), probe.names().toString());
      Map<String, Double> m = probe.measure(p);
      Controller c = ExpertSpec.of(p, Map.of(), "t").controller(new VecGemm(1), true);
      double cov = 0;
      for (Clip k : test)
        cov +=
            Evaluator.episode(body, k, Protocol.PAPER.config(ControlMode.DIRECT), c).coverage()
                / test.size();
      assertEquals(cov, m.get("eval/test_coverage_paper"), 1e-12);
    }
    try (ClipProbe onTest = ClipProbe.forRun(run, () -> test)) {
      assertTrue(
          onTest.names().stream().noneMatch(ClipProbe.HELD_OUT_NAMES::contains),
          "a run on the test clips has nothing held out");
    }
  }

  /** One clip (or one repeated) is only the first-clip probe. */
  @Test
  void aSingleClipAddsNoSetCurves() {
    Clip walk = ClipSet.open("public-locomotion", "legs").get("dataset-1_walk_normal_001");
    try (ClipProbe probe =
        new ClipProbe("legs", walk, List.of(walk, walk), ControlMode.DIRECT, 5)) {
      assertEquals(ClipProbe.NAMES, probe.names());
    }
  }
}
