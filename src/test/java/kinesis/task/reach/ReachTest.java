package kinesis.task.reach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.MuscleControl;
import kinesis.task.ObsLayout;
import kinesis.task.TaskEnv;
import kinesis.task.TrackedClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReachTest {
  static BodyModel legs;
  static ObsLayout layout;

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
    layout = ObsLayout.imitation(legs.sim.nbody - 1, legs.trackedBodies.length);
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  private static ReachEnv env(ReachConfig cfg) {
    return new ReachEnv(
        legs,
        new TrackedClips(legs, List.of(Clips.standing(legs, 2))),
        new MuscleControl(legs.sim),
        cfg);
  }

  private static ReachConfig with(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return ReachConfig.fromMap(m);
  }

  /**
   * Progress 20·(d_{t−1} − d_t)·0.8, a bonus of 100 inside 0.1 m, 0.1 of upright and energy (§6.1).
   */
  @Test
  void rewardTermsByHand() {
    ReachConfig c = ReachConfig.reference(ControlMode.DIRECT);
    double[] t = new double[4];
    ReachRewards.terms(c, 1.0, 0.9, 0.5, 0.25, t);
    assertArrayEquals(new double[] {20 * 0.1 * 0.8, 0, 0.05, 0.025}, t, 1e-12);
    assertEquals(1.6 + 0.075, ReachRewards.total(t), 1e-12);
    ReachRewards.terms(c, 0.12, 0.05, 1, 1, t);
    assertEquals(100, t[1]);
    assertEquals(20 * 0.07 * 0.8, t[0], 1e-12);
    ReachRewards.terms(c, 0.5, 0.7, 1, 1, t); // moving away costs
    assertEquals(-3.2, t[0], 1e-12);
    assertEquals(5.0, ReachRewards.distance(3, 4, 0, 0), 1e-12);
  }

  @Test
  void settingsRoundTripAndRefuseNonsense() {
    ReachConfig c = with("goal_range", "1.5", "reference_aliasing", "true", "control", "pd");
    assertEquals(c, ReachConfig.fromMap(c.toMap()));
    assertEquals(1.5, c.goalRange());
    assertEquals(150, ReachConfig.reference(ControlMode.DIRECT).episodeSteps(1 / 30.0));
    for (String[] bad :
        new String[][] {
          {"goal_range", "0"},
          {"goal_range", "-1"},
          {"goal_range", "NaN"},
          {"goal_range", "x"},
          {"episode_seconds", "Infinity"},
          {"success_radius", "0"},
          {"reference_aliasing", "maybe"},
          {"bonus", "NaN"}
        }) {
      assertThrows(BadInputException.class, () -> with(bad), String.join("=", bad));
    }
  }

  /**
   * The goal sits at the requested offset in the start's heading frame and enters the observation
   * as the root target; every other target is where its body is (zero differences).
   */
  @Test
  void goalEntersTheObservationAsTheRootTarget() {
    for (boolean aliasing : new boolean[] {false, true}) {
      try (ReachEnv e = env(with("reference_aliasing", String.valueOf(aliasing)))) {
        float[] obs = new float[e.obsDim()];
        e.start(
            0, 0, 0.7, 1.0, 0.5, obs, 0); // turned 0.7 rad, goal 1 m ahead and 0.5 m to the left
        var s = legs.rootBody;
        double[] g = e.goal();
        double rx = e.data().xpos.get(s, 0),
            ry = e.data().xpos.get(s, 1),
            rz = e.data().xpos.get(s, 2);
        assertEquals(Math.hypot(1, 0.5), Math.hypot(g[0] - rx, g[1] - ry), 1e-9);
        ObsLayout.Block ref = layout.block("local_ref_body_pos"),
            diff = layout.block("diff_local_body_pos"),
            vel = layout.block("diff_local_vel");
        // root is the first tracked body: its reference in the heading frame is (1, 0.5, 0.94 − z)
        assertEquals(1.0, obs[ref.offset()], 1e-5);
        assertEquals(0.5, obs[ref.offset() + 1], 1e-5);
        assertEquals(0.94 - rz, obs[ref.offset() + 2], 1e-5);
        assertEquals(
            aliasing ? 0 : 1.0,
            obs[diff.offset()],
            1e-5,
            "root position difference, aliasing " + aliasing);
        for (int i = diff.offset() + 3; i < diff.offset() + diff.size(); i++)
          assertEquals(0, obs[i], 1e-6);
        for (int i = vel.offset(); i < vel.offset() + vel.size(); i++)
          assertEquals(0, obs[i], 1e-6);
      }
    }
  }

  /**
   * After the episode's length: success (truncated) within the radius, failure (terminated)
   * outside.
   */
  @Test
  void successAndMissAtTheEndOfTheEpisode() {
    ReachConfig short3 = with("episode_seconds", "0.1"); // 3 control steps: the body barely moves
    float[] a = new float[legs.sim.nu];
    for (double forward : new double[] {0, 1}) {
      try (ReachEnv e = env(short3)) {
        e.autoReset = false;
        float[] obs = new float[e.obsDim()];
        e.start(0, 0, 0, forward, 0, obs, 0);
        assertEquals(TaskEnv.CONTINUE, e.step(a, 0, obs, 0));
        assertEquals(TaskEnv.CONTINUE, e.step(a, 0, obs, 0));
        int last = e.step(a, 0, obs, 0);
        assertEquals(
            forward == 0 ? TaskEnv.TRUNCATED : TaskEnv.TERMINATED,
            last,
            "goal " + forward + " m ahead");
        assertEquals(forward == 0 ? 1 : 0, e.successes);
        double[] sums = new double[4];
        assertEquals(3, e.drainTerms(sums));
        assertEquals(forward == 0 ? 300 : 0, sums[1], 0, "goal bonus on every step within 0.1 m");
      }
    }
  }

  /**
   * Without muscle activity the body collapses: the episode fails when the root drops below 0.7 m.
   */
  @Test
  void fallEndsTheEpisode() {
    try (ReachEnv e = env(ReachConfig.reference(ControlMode.DIRECT))) {
      e.autoReset = false;
      float[] obs = new float[e.obsDim()], a = new float[legs.sim.nu];
      java.util.Arrays.fill(a, -1); // all muscles off
      e.start(0, 0, 0, 1, 0, obs, 0);
      int outcome = TaskEnv.CONTINUE, steps = 0;
      while (outcome == TaskEnv.CONTINUE) {
        outcome = e.step(a, 0, obs, 0);
        steps++;
      }
      assertEquals(TaskEnv.TERMINATED, outcome);
      assertEquals(1, e.falls);
      assertTrue(steps < 150, "fell after " + steps + " steps");
      assertTrue(e.data().xpos.get(legs.rootBody, 2) < 0.7);
    }
  }

  /** A blown-up state or a NaN action ends a reaching episode as unstable and is counted. */
  @Test
  void nanStateAndNanActionEndTheEpisode() {
    try (ReachEnv e = env(ReachConfig.reference(ControlMode.DIRECT))) {
      e.autoReset = false;
      float[] obs = new float[e.obsDim()], a = new float[legs.sim.nu];
      e.start(0, 0, 0, 1, 0, obs, 0);
      for (int i = 6; i < legs.sim.nv; i++) e.data().qvel.set(i, 1e12);
      assertEquals(TaskEnv.UNSTABLE, e.step(a, 0, obs, 0));
      e.start(0, 0, 0, 1, 0, obs, 0);
      a[0] = Float.NaN;
      assertEquals(TaskEnv.UNSTABLE, e.step(a, 0, obs, 0));
      assertEquals(2, e.instabilities());
      assertEquals(1, e.nanActions());
    }
  }

  /**
   * A snapshot restores the environments exactly: the same actions give the same observations and
   * rewards.
   */
  @Test
  void snapshotResumesBitExactly() {
    try (ReachVecEnv v =
        new ReachVecEnv(
            legs,
            List.of(Clips.standing(legs, 2), Clips.sliding(legs, 2, 0.5)),
            ReachConfig.reference(ControlMode.DIRECT),
            3,
            2)) {
      int n = v.numEnvs();
      float[] obs = new float[n * v.obsDim()], a = new float[n * v.actionDim()], r = new float[n];
      boolean[] done = new boolean[n], term = new boolean[n];
      v.reset(5, obs);
      java.util.Random rnd = new java.util.Random(1);
      for (int k = 0; k < 10; k++) {
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        v.step(a, obs, r, done, term);
      }
      byte[] state = v.saveState();
      float[][] first = run(v, 40, obs, a, r, done, term);
      v.loadState(state);
      float[][] second = run(v, 40, obs, a, r, done, term);
      assertArrayEquals(first[0], second[0]);
      assertArrayEquals(first[1], second[1]);
      assertTrue(
          v.metricNames()
              .containsAll(List.of("reward/progress", "reward/goal_bonus", "env/success_rate")));
    }
  }

  private static float[][] run(
      ReachVecEnv v, int steps, float[] obs, float[] a, float[] r, boolean[] done, boolean[] term) {
    java.util.Random rnd = new java.util.Random(2);
    float[] rs = new float[steps * r.length];
    for (int k = 0; k < steps; k++) {
      for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
      v.step(a, obs, r, done, term);
      System.arraycopy(r, 0, rs, k * r.length, r.length);
    }
    return new float[][] {obs.clone(), rs};
  }
}
