package kinesis.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import kinesis.task.TrackingError;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void scoresASuccessfulAndAFailedEpisode() {
    // 3 s clip at 30 fps, reached the end: coverage 1, MPJPE = mean of the step errors
    ClipOutcome ok =
        ClipOutcome.score(
            "a", "walk", 3.0, 30, new double[] {0.01, 0.03}, false, TrackingError.NONE);
    assertTrue(ok.success());
    assertEquals(1.0, ok.coverage());
    assertEquals(20.0, ok.mpjpeMm(), 1e-12);
    assertEquals(-1, ok.failureFrame());
    // terminated after 45 steps of a 3 s clip: 1.5 s of 3 s covered
    double[] errs = new double[45];
    java.util.Arrays.fill(errs, 0.1);
    ClipOutcome bad = ClipOutcome.score("b", "run", 3.0, 30, errs, true, TrackingError.NONE);
    assertFalse(bad.success());
    assertEquals(0.5, bad.coverage(), 1e-12);
    assertEquals(100.0, bad.mpjpeMm(), 1e-9);
    assertEquals(45, bad.failureFrame());
  }

  @Test
  void aggregatesMeansAndStandardErrorsOverRuns() {
    ClipOutcome s1 = new ClipOutcome("a", "walk", true, 1.0, 40, -1, 90, TrackingError.NONE);
    ClipOutcome f1 = new ClipOutcome("b", "run", false, 0.5, 60, 45, 45, TrackingError.NONE);
    ClipOutcome f2 = new ClipOutcome("b", "run", false, 0.7, 80, 63, 63, TrackingError.NONE);
    // run 1: coverage 75 %, success 50 %, MPJPE 50; run 2: 85 %, 50 %, 60
    Summary.Row row = Summary.row(List.of(List.of(s1, f1), List.of(s1, f2)));
    assertEquals(2, row.clips());
    assertEquals(80.0, row.frameCoverage().mean(), 1e-9);
    assertEquals(5.0, row.frameCoverage().sem(), 1e-9); // std 7.071 / sqrt 2
    assertEquals(50.0, row.successRate().mean(), 1e-9);
    assertEquals(0.0, row.successRate().sem(), 1e-12);
    assertEquals(55.0, row.mpjpeMm().mean(), 1e-9);
    // over all frames: run 1 (40·90 + 60·45) / 135 = 46.67, run 2 (40·90 + 80·63) / 153 = 56.47
    assertEquals((46.6667 + 56.4706) / 2, row.mpjpeAllFramesMm().mean(), 1e-3);
    Map<String, Summary.Row> skills = Summary.perSkill(List.of(List.of(s1, f1), List.of(s1, f2)));
    assertEquals(List.of("run", "walk"), List.copyOf(skills.keySet()));
    assertEquals(0.0, skills.get("run").successRate().mean());
    assertEquals(100.0, skills.get("walk").successRate().mean());
    assertEquals(0.0, skills.get("walk").frameCoverage().sem(), "identical runs have SEM 0");
    String md = Summary.markdown("legs", Map.of("train", row));
    assertTrue(md.contains("80.00 ± 5.00 %"), md);
  }
}
