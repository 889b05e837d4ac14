package kinesis.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.Gate;
import kinesis.task.TrackingError;
import org.junit.jupiter.api.Test;

class GateCloningTest {
  private static ClipOutcome outcome(double coverage, double mpjpe) {
    return new ClipOutcome("c", "walk", coverage == 1, coverage, mpjpe, -1, 10, TrackingError.NONE);
  }

  /**
   * The teacher covers most of the clip; equal coverage goes to the lower MPJPE, then the first.
   */
  @Test
  void theTeacherCoversMostThenTracksBest() {
    List<ClipOutcome> three = List.of(outcome(0.4, 50), outcome(1, 90), outcome(0.9, 40));
    assertEquals(1, GateCloning.best(three, null));
    assertEquals(
        2, GateCloning.best(List.of(outcome(1, 60), outcome(1, 70), outcome(1, 55)), null));
    assertEquals(0, GateCloning.best(List.of(outcome(1, 60), outcome(1, 60)), null));
    assertEquals(2, GateCloning.best(three, new boolean[] {true, false, true}));
    assertEquals(-1, GateCloning.best(three, new boolean[3]));
  }

  /**
   * A specialist teaches only the clips of its own run; an expert that trained on every clip (no
   * clips setting) or is not named a specialist teaches any. Names are read as training reads them
   * (spaces around the commas do not count).
   */
  @Test
  void specialistsTeachOnlyTheirOwnClips() {
    ExpertSpec base = ExpertSpec.random(Policy.Kind.GAUSSIAN, 4, new int[] {3}, 2, 1);
    ExpertSpec own =
        new ExpertSpec(
            base.kind(),
            4,
            base.hidden(),
            2,
            base.weights(),
            base.normaliser(),
            Map.of("clips", "run, jog"),
            "specialist");
    List<ExpertSpec> experts = List.of(base, own, own);
    assertArrayEquals(
        new boolean[] {true, false, true}, GateCloning.mayTeach(experts, Set.of(0, 1), "walk"));
    assertArrayEquals(
        new boolean[] {true, true, true}, GateCloning.mayTeach(experts, Set.of(0, 1), "jog"));
  }

  /**
   * Cross-entropy teaches a random gate three labelled clusters: every state ends with its label as
   * the most likely expert, and the loss falls far below a random gate's log 3.
   */
  @Test
  void crossEntropyTeachesTheGateItsLabels() {
    int d = 6, perCluster = 200, k = 3;
    Rng rng = new Rng(7);
    float[] obs = new float[k * perCluster * d], labels = new float[k * perCluster];
    for (int c = 0; c < k; c++)
      for (int i = 0; i < perCluster; i++) {
        int row = c * perCluster + i;
        labels[row] = c;
        for (int j = 0; j < d; j++)
          obs[row * d + j] = (float) ((j == c ? 2.0 : 0.0) + 0.5 * (rng.nextDouble() - 0.5));
      }
    Gate gate = new Gate(d, new int[] {16}, k, new Rng(1), new VecGemm(1));
    double before = GateCloning.accuracy(gate, obs, labels);
    double ce = GateCloning.fit(gate, obs, labels, 300, new Rng(2));
    assertEquals(1.0, GateCloning.accuracy(gate, obs, labels), "accuracy before: " + before);
    assertTrue(ce < 0.1 * Math.log(k), "cross-entropy " + ce);
  }
}
