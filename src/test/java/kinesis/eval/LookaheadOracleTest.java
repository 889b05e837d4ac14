package kinesis.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Policy;
import kinesis.nn.Rng;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.ExpertSpec;
import kinesis.rl.moe.GateActor;
import kinesis.rl.moe.Policies;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lookahead oracle and the gate rounds it teaches, on the walking clip with two experts: the
 * shipped walking policy and a random network that falls.
 */
class LookaheadOracleTest {
  static ExpertSpec walker, faller;
  static Clip clip;

  @BeforeAll
  static void load() {
    walker =
        (ExpertSpec)
            Policies.load(
                Path.of(System.getProperty("kinesis.repo", ".")).resolve("policies/legs-walk"));
    faller =
        ExpertSpec.random(
            Policy.Kind.GAUSSIAN, walker.obsDim(), new int[] {8}, walker.actionDim(), 3);
    clip = ClipSet.open("public-locomotion", "legs").get("dataset-1_walk_normal_001");
  }

  /** A saved episode continues identically after being played ahead and loaded again. */
  @Test
  void aLoadedEpisodeContinuesIdentically() {
    try (BodyModel body = BodyModel.load("legs");
        ImitationEpisode ep =
            new ImitationEpisode(body, clip, Protocol.PAPER.config(walker.env()))) {
      Controller c = walker.controller();
      float[] obs = new float[ep.obsDim()], act = new float[c.actionDim()];
      ep.start(obs);
      for (int t = 0; t < 5; t++) {
        c.act(obs, act);
        ep.step(act, obs);
      }
      byte[] state = ep.save();
      float[] first = play(ep, obs.clone(), c, 10), ahead = play(ep, first.clone(), c, 5);
      assertFalse(Arrays.equals(first, ahead));
      ep.load(state);
      assertArrayEquals(first, play(ep, obs.clone(), c, 10));
    }
  }

  private static float[] play(ImitationEpisode ep, float[] obs, Controller c, int steps) {
    float[] act = new float[c.actionDim()];
    for (int t = 0; t < steps; t++) {
      c.act(obs, act);
      ep.step(act, obs);
    }
    return obs;
  }

  /**
   * Alone, the random network falls; offered both, the oracle takes the walker nearly always and
   * completes the clip.
   */
  @Test
  void theOracleTakesTheExpertThatKeepsTracking() {
    try (BodyModel body = BodyModel.load("legs")) {
      ImitationConfig cfg = Protocol.PAPER.config(walker.env());
      assertFalse(Evaluator.episode(body, clip, cfg, faller.controller()).success());
      LookaheadOracle.Played p =
          LookaheadOracle.episode(
              body, clip, cfg, List.of(faller.controller(), walker.controller()), 10, 5);
      assertTrue(p.outcome().success(), p.outcome().toString());
      long walkerSteps = Arrays.stream(p.experts()).filter(e -> e == 1).count();
      assertTrue(
          walkerSteps >= 0.9 * p.experts().length, walkerSteps + " of " + p.experts().length);
    }
  }

  /**
   * A random gate over the two learns from the oracle's labels in two rounds to choose the walker,
   * and the mixture then completes the clip with its most likely expert.
   */
  @Test
  void roundsTeachARandomGateToChooseTheWalker() {
    GateActor actor =
        new GateActor(new int[] {16}, List.of(faller, walker), new Rng(5), new VecGemm(1));
    try (BodyModel body = BodyModel.load("legs")) {
      List<LookaheadCloning.Round> rounds =
          LookaheadCloning.train(
              actor,
              body,
              List.of(clip),
              java.util.Collections.singletonList(null),
              ControlMode.DIRECT,
              new LookaheadCloning.Settings(2, 30, 5, 0, 100, false),
              new float[0],
              new float[0],
              1,
              1);
      assertEquals(2, rounds.size());
      assertTrue(rounds.get(1).agreement() > 0.9, rounds.toString());
      Controller mixture = actor.spec(walker.env(), "test").controller(new VecGemm(1), true);
      assertTrue(
          Evaluator.episode(body, clip, Protocol.PAPER.config(walker.env()), mixture).success());
    }
  }

  /**
   * An episode may start at a later stored pose of the clip and then plays to the clip's end; a
   * round that restarts after each fall labels states all along the clip, one without only until
   * the first fall.
   */
  @Test
  void restartsLabelTheWholeClip() {
    try (BodyModel body = BodyModel.load("legs");
        ImitationEpisode ep =
            new ImitationEpisode(body, clip, Protocol.PAPER.config(walker.env()))) {
      int stride = clip.poseStride(), last = clip.frames() - 2;
      float[] obs = new float[ep.obsDim()];
      assertEquals(stride, ep.startFrom(1, obs));
      assertEquals(-1, ep.startFrom(last + 1, obs));
      int late = ep.startFrom(last - stride, obs);
      assertTrue(late > 0 && late % stride == 0 && late <= last, "start frame " + late);
      Controller c = walker.controller();
      float[] act = new float[c.actionDim()];
      ImitationEpisode.Outcome o = ImitationEpisode.Outcome.CONTINUE;
      while (o == ImitationEpisode.Outcome.CONTINUE) {
        c.act(obs, act);
        o = ep.step(act, obs);
      }
      assertEquals(ImitationEpisode.Outcome.TRUNCATED, o, "the walker plays on to the clip's end");
      assertEquals(clip.frames() - 1 - late, ep.steps());

      int[] labelled = new int[2];
      for (int r = 0; r < 2; r++) {
        GateActor alone = new GateActor(new int[] {8}, List.of(faller), new Rng(5), new VecGemm(1));
        labelled[r] =
            LookaheadCloning.train(
                    alone,
                    body,
                    List.of(clip),
                    java.util.Collections.singletonList(null),
                    ControlMode.DIRECT,
                    new LookaheadCloning.Settings(1, 5, 5, 0, 1, r == 1),
                    new float[0],
                    new float[0],
                    1,
                    1)
                .get(0)
                .states();
      }
      assertTrue(labelled[0] < 20, "the faller falls early: " + labelled[0]);
      assertTrue(
          labelled[1] >= (clip.frames() - 1) / 5 / 2,
          "restarts label all along the clip: " + labelled[0] + " then " + labelled[1]);
    }
  }
}
