package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.sim.SimData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CurriculumTest {
  static BodyModel legs;

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  @Test
  void schedulesAreLinearInSamples() {
    Curriculum c = new Curriculum(2, 2, 1000, 0.5, 400, 0, 0, 2);
    assertEquals(2, c.assistScale(0));
    assertEquals(1, c.assistScale(500), 1e-12);
    assertEquals(0, c.assistScale(1000));
    assertEquals(0, c.assistScale(5000));
    assertEquals(
        2, new Curriculum(2, 2, 0, 0, 0, 0, 0, 2).assistScale(1_000_000), "no anneal: constant");
    assertEquals(0, Curriculum.NONE.assistScale(0));
    assertEquals(0.25, c.terminationProgress(100), 1e-12);
    assertEquals(1, c.terminationProgress(400));
    assertEquals(
        1, Curriculum.NONE.terminationProgress(0), "no curriculum: the final rule from the start");
  }

  /**
   * Progress 0 is the mean rule at the start distance, progress 1 the any-body rule at the final
   * one.
   */
  @Test
  void terminationMovesFromMeanToAnyBody() {
    assertFalse(Curriculum.terminates(0.4, 0.9, 0, 0.5, 0.15));
    assertTrue(Curriculum.terminates(0.6, 0.9, 0, 0.5, 0.15));
    assertTrue(Curriculum.terminates(0.1, 0.2, 1, 0.5, 0.15));
    assertFalse(Curriculum.terminates(0.1, 0.14, 1, 0.5, 0.15));
    // halfway: (0.3 + 0.35) / 2 = 0.325 against (0.5 + 0.15) / 2 = 0.325 is not beyond
    assertFalse(Curriculum.terminates(0.3, 0.35, 0.5, 0.5, 0.15));
  }

  /** Evaluation and the plain training settings carry no aid; overrides set each field. */
  @Test
  void onlyExplicitTrainingSettingsCarryAids() {
    for (ControlMode m : ControlMode.values()) {
      assertSame(Curriculum.NONE, ImitationConfig.evaluation(m).curriculum());
      assertSame(Curriculum.NONE, ImitationConfig.training(m).curriculum());
    }
    ImitationConfig cfg =
        ImitationConfig.training(ControlMode.DIRECT)
            .with("assist", "1")
            .with("assist_anneal", "5e6")
            .with("termination_start", "0.5")
            .with("termination_anneal", "2e6")
            .with("assist_hz", "3")
            .with("push", "0.4")
            .with("push_every", "1.5");
    assertEquals(new Curriculum(1, 3, 5e6, 0.5, 2e6, 0, 0.4, 1.5), cfg.curriculum());
    assertEquals(cfg.curriculum(), cfg.with("control", "pd").curriculum());
  }

  /**
   * With zero excitation the body collapses within a second; the assistive force holds the root on
   * its reference, and the external force is cleared after every step.
   */
  @Test
  void assistiveForceHoldsTheRootAndIsClearedAfterEachStep() {
    Clip standing = Clips.standing(legs, 2);
    ImitationConfig loose =
        new ImitationConfig(ControlMode.DIRECT, RewardConfig.kinesis(), 100, true, false);
    double[] drop = new double[2];
    for (int assisted = 0; assisted < 2; assisted++) {
      ImitationConfig cfg = assisted == 1 ? loose.with("assist", "1") : loose;
      try (ImitationEnv env =
          new ImitationEnv(
              legs,
              new TrackedClips(legs, List.of(standing)),
              new MuscleControl(legs.sim),
              cfg,
              0,
              1)) {
        float[] obs = new float[env.obsDim()], zero = new float[80];
        env.startEpisode(obs, 0);
        SimData d = env.data();
        double z0 = d.qpos.get(2);
        for (int k = 0; k < 30; k++) env.step(zero, 0, obs, 0);
        drop[assisted] = z0 - d.qpos.get(2);
        assertArrayEquals(
            new double[6], d.xfrcApplied.row(legs.rootBody), "no external force left after a step");
        assertEquals(assisted == 1 ? 30 : 0, env.assistSteps);
      }
    }
    assertTrue(drop[0] > 0.15, "unassisted root should drop, dropped " + drop[0]);
    // a 2 Hz pull without weight feed-forward lets a limp body sag by about g/ω² = 6 cm
    assertTrue(
        Math.abs(drop[1]) < 0.08 && drop[1] < drop[0] / 2,
        "assisted root should stay up, dropped " + drop[1] + " (unassisted " + drop[0] + ")");
  }

  /**
   * Pushes: about one window in push_every/0.1 s pushes, each between half and all of the set
   * velocity change; the same (environment, episode, window) always gives the same push.
   */
  @Test
  void pushesFollowTheirRateAndSizeAndRepeat() {
    Curriculum c = Curriculum.NONE.with("push", 0.4).with("push_every", 1);
    double mass = 75, dt = 1 / 30.0, window = Pushes.WINDOW * dt;
    double[] f = new double[2], g = new double[2];
    int pushed = 0, n = 20_000;
    for (int w = 0; w < n; w++) {
      if (!Pushes.force(c, mass, dt, 3, w / 100, w % 100, f)) {
        assertArrayEquals(new double[2], f);
        continue;
      }
      pushed++;
      double dv = Math.hypot(f[0], f[1]) * window / mass;
      assertTrue(dv >= 0.2 - 1e-9 && dv <= 0.4 + 1e-9, "velocity change " + dv);
      assertTrue(Pushes.force(c, mass, dt, 3, w / 100, w % 100, g));
      assertArrayEquals(f, g, 0);
    }
    assertEquals(window / 1.0, (double) pushed / n, 0.01, "share of windows that push");
    assertFalse(Pushes.force(Curriculum.NONE, mass, dt, 3, 0, 0, f), "push=0: never");
  }

  /**
   * A push moves the body: after one pushed window the pelvis moves at a clearly different
   * horizontal velocity than without it, and no force is left afterwards.
   */
  @Test
  void aPushMovesThePelvisAndIsClearedAfterEachStep() {
    Clip standing = Clips.standing(legs, 2);
    ImitationConfig loose =
        new ImitationConfig(ControlMode.DIRECT, RewardConfig.kinesis(), 100, true, false);
    // every window pushes: push_every is the length of one window
    ImitationConfig pushed =
        loose.with("push", "0.5").with("push_every", String.valueOf(Pushes.WINDOW / 30.0));
    double[][] velocity = new double[2][];
    for (int on = 0; on < 2; on++) {
      try (ImitationEnv env =
          new ImitationEnv(
              legs,
              new TrackedClips(legs, List.of(standing)),
              new MuscleControl(legs.sim),
              on == 1 ? pushed : loose,
              0,
              1)) {
        float[] obs = new float[env.obsDim()], zero = new float[80];
        env.startEpisode(obs, 0);
        SimData d = env.data();
        for (int k = 0; k < Pushes.WINDOW; k++) env.step(zero, 0, obs, 0);
        velocity[on] = new double[] {d.qvel.get(0), d.qvel.get(1)};
        assertArrayEquals(
            new double[6], d.xfrcApplied.row(legs.rootBody), "no external force left after a step");
        assertEquals(on == 1 ? Pushes.WINDOW : 0, env.pushedSteps);
      }
    }
    // a change of 0.25-0.5 m/s, less what the feet's friction takes back
    double dv = Math.hypot(velocity[1][0] - velocity[0][0], velocity[1][1] - velocity[0][1]);
    assertTrue(dv > 0.1 && dv < 0.6, "velocity change of the pushed pelvis " + dv);
  }
}
