package kinesis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.GateActor;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ImitationConfig;
import org.junit.jupiter.api.Test;

class DistillationTest {
  /**
   * A small student learns the shipped walking policy on its clip: cloning the teacher's own
   * episodes (round 0) covers part of the clip, and one DAgger round on the student's own states
   * completes it; the fit's error falls from round to round.
   */
  @Test
  void aStudentLearnsTheWalkingPolicyAndDaggerCompletesTheClip() {
    ExpertSpec teacher = walker();
    List<Distillation.Round> rounds = new ArrayList<>();
    try (BodyModel body = BodyModel.load("legs")) {
      Distillation.run(
          body,
          List.of(walk()),
          Protocol.PAPER.config(teacher.env()),
          teacher,
          student(),
          new Distillation.Settings(1, 8, 200, 0.2, 2, 0),
          rounds::add);
    }
    assertEquals(2, rounds.size());
    Distillation.Round cloned = rounds.get(0), dagger = rounds.get(1);
    assertTrue(cloned.coverage() < 0.9, "cloning alone: " + cloned);
    assertEquals(1.0, dagger.coverage(), "one DAgger round: " + dagger);
    assertTrue(dagger.mse() < cloned.mse(), rounds.toString());
    assertEquals(cloned.total() + dagger.states(), dagger.total());
  }

  /**
   * With a lookahead the oracle labels, not the gate: a random gate over a random network that
   * falls and the walking policy loses the clip, while a student taught by the oracle over the same
   * two experts completes it after one DAgger round.
   */
  @Test
  void theLookaheadOracleLabelsInsteadOfTheGate() {
    ExpertSpec walker = walker();
    ExpertSpec faller = ExpertSpec.random(Policy.Kind.GAUSSIAN, 309, new int[] {8}, 80, 3);
    PolicySpec mixture =
        new GateActor(new int[] {16}, List.of(faller, walker), new Rng(5), new VecGemm(1))
            .spec(walker.env(), "test");
    Clip walk = walk();
    ImitationConfig cfg = Protocol.PAPER.config(walker.env());
    List<Distillation.Round> rounds = new ArrayList<>();
    try (BodyModel body = BodyModel.load("legs")) {
      ClipOutcome gate =
          Evaluator.episode(body, walk, cfg, mixture.controller(new VecGemm(1), true));
      assertTrue(gate.coverage() < 0.5, "the gate alone: " + gate);
      Distillation.run(
          body,
          List.of(walk),
          cfg,
          mixture,
          student(),
          new Distillation.Settings(1, 8, 200, 0.2, 2, 0, 10, 5),
          rounds::add);
    }
    assertEquals(1.0, rounds.get(1).coverage(), rounds.toString());
  }

  private static ExpertSpec walker() {
    return (ExpertSpec)
        Policies.load(
            Path.of(System.getProperty("kinesis.repo", ".")).resolve("policies/legs-walk"));
  }

  private static Clip walk() {
    return ClipSet.open("public-locomotion", "legs").get("dataset-1_walk_normal_001");
  }

  /** A fresh [128, 128] student of the walking policy's size. */
  private static Policy student() {
    return new Policy(
        Policy.Kind.GAUSSIAN, 309, new int[] {128, 128}, 80, -1.5f, new Rng(0), new VecGemm(1));
  }

  /** Labels are clipped to the action bounds; the fit refuses to run on nothing. */
  @Test
  void labelsAreClippedAndAnEmptyFitIsRefused() {
    Distillation.Labels l = new Distillation.Labels(2, 3);
    for (int i = 0; i < 1500; i++) l.add(new float[] {i, -i}, new float[] {2, -0.5f, -7});
    assertEquals(1500, l.rows);
    assertEquals(1f, l.act[3 * 1499]);
    assertEquals(-0.5f, l.act[3 * 1499 + 1]);
    assertEquals(-1f, l.act[3 * 1499 + 2]);
    assertEquals(1499f, l.obs[2 * 1499]);
    Distillation.Labels both = new Distillation.Labels(2, 3);
    both.addAll(l);
    both.addAll(l);
    assertEquals(3000, both.rows);
    assertEquals(-1499f, both.obs[2 * 2999 + 1]);
    Policy p = new Policy(Policy.Kind.GAUSSIAN, 2, new int[] {4}, 3, 0, new Rng(0), new VecGemm(1));
    assertThrows(
        BadInputException.class,
        () -> Distillation.fit(p, new Distillation.Labels(2, 3), 0, 1, new Rng(0)));
    assertThrows(BadInputException.class, () -> new Distillation.Settings(-1, 1, 1, 0, 1, 0));
    assertThrows(BadInputException.class, () -> new Distillation.Settings(1, 1, 1, -0.1, 1, 0));
    assertThrows(BadInputException.class, () -> new Distillation.Settings(1, 1, 1, 0, 1, 0, 4, 5));
  }
}
