package kinesis.task.kick;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.task.Clips;
import kinesis.task.ControlMode;
import kinesis.task.MuscleControl;
import kinesis.task.ObsLayout;
import kinesis.task.Rng;
import kinesis.task.TaskEnv;
import kinesis.task.TrackedClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The penalty kick on hand-derived numbers: reward terms, goal geometry, goalkeeper, spawn,
 * outcomes, snapshots.
 */
class KickTest {
  static KickScene scene;
  static Clip standing;

  @BeforeAll
  static void load() {
    scene = KickScene.load();
    try (BodyModel alone = BodyModel.load("legs-back")) {
      standing = Clips.standing(alone, 2);
    }
  }

  @AfterAll
  static void close() {
    scene.close();
  }

  static KickConfig with(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return KickConfig.fromMap(m);
  }

  static KickEnv env(KickConfig cfg) {
    KickEnv e =
        new KickEnv(
            scene,
            new TrackedClips(scene.body, List.of(standing)),
            new MuscleControl(scene.body.sim),
            cfg);
    e.autoReset = false;
    return e;
  }

  @Test
  void rewardTermsByHand() {
    assertEquals(
        3, KickRewards.towardGoal(40, 0, 3, 4, 50), 1e-12); // straight at the goal: vx counts
    assertEquals(5, KickRewards.towardGoal(46, 3, 4, -3, 50), 1e-12); // (4, −3)/5 toward the centre
    assertEquals(
        -1.8, KickRewards.towardGoal(46, 3, 0, 3, 50), 1e-12); // sideways away from the centre
    assertEquals(
        3,
        KickRewards.towardGoal(50.2, 1, 3, 1, 50),
        1e-12); // past the line: into the net along +x
    KickConfig c = KickConfig.defaults(ControlMode.DIRECT);
    double[] t = new double[5];
    KickRewards.terms(c, 4, 2.0, 1.5, false, 0.5, 0.25, t);
    assertArrayEquals(
        new double[] {4, 0, 0, 0.05, 0.025}, t, 1e-12); // approach weight 0 by default
    KickRewards.terms(
        with("approach_weight", "2", "ball_weight", "3", "goal_bonus", "7"),
        4,
        2.0,
        1.5,
        true,
        1,
        1,
        t);
    assertArrayEquals(new double[] {12, 1.0, 7, 0.1, 0.1}, t, 1e-12);
    assertEquals(20.2, KickRewards.total(t), 1e-12);
  }

  /**
   * A goal: centre past x = 50 with |y| ≤ 3.3 and 0 ≤ z ≤ 2.2 (MyoSuite's test); past the line
   * elsewhere: a miss.
   */
  @Test
  void goalGeometry() {
    KickConfig c = KickConfig.defaults(ControlMode.DIRECT);
    assertTrue(KickRewards.isGoal(c, 50.0, 3.3, 1));
    assertTrue(KickRewards.isGoal(c, 50.5, -3.3, 2.2));
    assertFalse(KickRewards.isGoal(c, 49.99, 0, 0.5));
    assertFalse(KickRewards.isGoal(c, 50.1, 3.31, 0.5));
    assertFalse(KickRewards.isGoal(c, 50.1, 0, 2.21));
    assertTrue(KickRewards.isMiss(c, 50.1, 3.31, 0.5));
    assertTrue(KickRewards.isMiss(c, 50.1, 0, 2.3));
    assertFalse(KickRewards.isMiss(c, 49.9, 5, 0.1));
    assertFalse(KickRewards.isMiss(c, 50.1, 0, 1));
  }

  @Test
  void settingsRoundTripAndRefuseNonsense() {
    KickConfig c =
        with(
            "keeper",
            "block",
            "spawn_y",
            "0.5",
            "ball_inputs",
            "false",
            "control",
            "pd",
            "substeps",
            "10");
    assertEquals(c, KickConfig.fromMap(c.toMap()));
    assertEquals(300, KickConfig.defaults(ControlMode.DIRECT).episodeSteps(1 / 30.0));
    assertEquals(1 / 300.0, c.timestep(), 1e-15);
    for (String[] bad :
        new String[][] {
          {"keeper", "goalie"},
          {"episode_seconds", "0"},
          {"spawn_x_min", "39.5"},
          {"spawn_x_max", "41"},
          {"spawn_y", "-1"},
          {"goal_half_width", "0"},
          {"keeper_speed_min", "6"},
          {"keeper_speed_min", "-1"},
          {"ball_inputs", "yes"},
          {"ball_weight", "NaN"},
          {"substeps", "0"},
          {"substeps", "2.5"},
          {"goal_x", "39"}
        }) {
      assertThrows(BadInputException.class, () -> with(bad), String.join("=", bad));
    }
  }

  @Test
  void goalkeeperStrategies() {
    Rng rng = new Rng(3);
    Goalkeeper k = new Goalkeeper(3.3, 1.5, 1.5); // speed limit fixed at 1.5 m/s
    k.reset(Goalkeeper.Strategy.STATIONARY, rng);
    for (int i = 0; i < 30; i++) assertEquals(0, k.step(1 / 30.0, 2, rng));
    k.reset(Goalkeeper.Strategy.BLOCK, rng);
    assertEquals(0.05, k.step(1 / 30.0, 2, rng), 1e-12); // gap 2 m, clipped to 1.5 m/s for 1/30 s
    for (int i = 0; i < 300; i++) k.step(1 / 30.0, 2, rng);
    assertEquals(
        2, k.y(), 1e-3); // closes the gap (a thirtieth of it per step) and stays on the ball's line
    double y0 = k.y();
    assertEquals(y0 - 0.05, k.step(1 / 30.0, 0.2, rng), 1e-12); // gap −1.8 m: clipped to −1.5 m/s
    y0 = k.y();
    assertEquals(
        y0 + (1 - y0) / 30,
        k.step(1 / 30.0, 1, rng),
        1e-12); // gap about −0.95 m, under the limit: moves 1/30 of it
    for (int i = 0; i < 300; i++) assertTrue(k.step(1 / 30.0, 10, rng) <= 3.3);
    assertEquals(
        3.3, k.y(), 1e-3); // the ball far out: the keeper heads for the post and no further
    k.reset(Goalkeeper.Strategy.RANDOM, rng);
    double lo = 0, hi = 0, moved = 0;
    for (int i = 0; i < 3000; i++) {
      double v = k.velocity(0, rng);
      assertTrue(Math.abs(v) <= 1.5, "random velocity " + v);
      double before = k.y(), y = k.step(1 / 30.0, 0, rng);
      assertTrue(Math.abs(y) <= 3.3);
      moved += Math.abs(y - before);
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
    assertTrue(
        moved > 10 && hi - lo > 1,
        "the random keeper wanders: moved " + moved + ", range " + lo + ".." + hi);
    // the speed limit is drawn per episode from U(1, 5)
    Goalkeeper u = new Goalkeeper(3.3, 1, 5);
    double min = 9, max = 0, sum = 0;
    for (int i = 0; i < 4000; i++) {
      u.reset(Goalkeeper.Strategy.BLOCK, rng);
      min = Math.min(min, u.speedLimit());
      max = Math.max(max, u.speedLimit());
      sum += u.speedLimit();
    }
    assertTrue(min >= 1 && min < 1.01 && max <= 5 && max > 4.99, min + " .. " + max);
    assertEquals(3, sum / 4000, 0.05);
  }

  /**
   * Chunks of 10 as the reference normalises them. By hand, with s_k = f_k^(−β/2), f_k = k/10 (f_0
   * taken as 1/10): the transform's variance is (2s₀² + 4(s₁² + … + s₄²) + 2s₅²)/100 and the
   * divisor's square (2/10)²·(s₁² + … + s₄² + s₅²/4), so 0.2/0.17 = 1.176 for β = 0 and 7.774/5.734
   * = 1.356 for β = 2. Neighbours are uncorrelated for β = 0 and strongly correlated for β = 2.
   */
  @Test
  void colouredNoise() {
    Rng rng = new Rng(11);
    for (double beta : new double[] {0, 2}) {
      double[] s2 = new double[6];
      for (int k = 0; k < 6; k++) s2[k] = Math.pow(Math.max(k, 1) / 10.0, -beta);
      double transform = (2 * s2[0] + 4 * (s2[1] + s2[2] + s2[3] + s2[4]) + 2 * s2[5]) / 100;
      double divisor = 0.04 * (s2[1] + s2[2] + s2[3] + s2[4] + s2[5] / 4);
      ColoredNoise n = new ColoredNoise(beta, 10);
      double sq = 0, lag = 0, prev = 0;
      int count = 200_000;
      for (int i = 0; i < count; i++) {
        double x = n.sample(rng);
        sq += x * x;
        if (i % 10 != 0) lag += x * prev; // within a chunk
        prev = x;
      }
      double var = sq / count, corr = lag / (0.9 * count) / var;
      assertEquals(transform / divisor, var, 0.02 * var, "beta " + beta);
      if (beta == 0) assertEquals(0, corr, 0.02, "white noise");
      else assertTrue(corr > 0.6, "brown noise, neighbour correlation " + corr);
    }
  }

  /**
   * Training episodes spawn the root in [37, 39] × [−2, 2] facing +x, the ball on its spot, the
   * keeper at the centre.
   */
  @Test
  @SuppressWarnings("EnumOrdinal") // counts per strategy in an array indexed like Strategy.values()
  void spawnSampling() {
    try (KickEnv e = env(KickConfig.defaults(ControlMode.DIRECT))) {
      e.rng().setState(5);
      float[] obs = new float[e.obsDim()];
      double minX = 99, maxX = 0, minY = 9, maxY = -9;
      int[] strategies = new int[3];
      for (int i = 0; i < 60; i++) {
        e.startEpisode(obs, 0);
        var s = e.physics().state;
        double x = s.xpos[3 * s.root], y = s.xpos[3 * s.root + 1];
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        assertEquals(1, s.headingCos, 1e-9, "facing the goal");
        assertArrayEquals(new double[] {40, 0, 0.117}, e.ball(), 1e-9);
        assertEquals(0, e.keeper.y());
        strategies[e.keeper.strategy().ordinal()]++;
      }
      assertTrue(minX >= 37 && maxX <= 39 && maxX - minX > 1.5, minX + " .. " + maxX);
      assertTrue(minY >= -2 && maxY <= 2 && maxY - minY > 3, minY + " .. " + maxY);
      for (int n : strategies)
        assertTrue(n > 10, "mix draws every strategy: " + Arrays.toString(strategies));
    }
  }

  /**
   * The root's target is the ball (at the target height); the ball block holds ball, its velocity
   * and the keeper relative to the root.
   */
  @Test
  void ballEntersTheObservation() {
    try (KickEnv e = env(KickConfig.defaults(ControlMode.DIRECT))) {
      float[] obs = new float[e.obsDim()];
      e.start(0, 0, 38, 1, Goalkeeper.Strategy.STATIONARY, obs, 0);
      ObsLayout layout = KickEnv.layout(scene.body, true);
      assertEquals(453 + 8, layout.dim());
      var s = e.physics().state;
      double rx = s.xpos[3 * s.root], ry = s.xpos[3 * s.root + 1], rz = s.xpos[3 * s.root + 2];
      int ref = layout.block("local_ref_body_pos").offset(), ball = layout.block("ball").offset();
      assertEquals(40 - rx, obs[ref], 1e-5);
      assertEquals(0 - ry, obs[ref + 1], 1e-5);
      assertEquals(0.94 - rz, obs[ref + 2], 1e-5);
      assertEquals(40 - rx, obs[ball], 1e-5);
      assertEquals(-ry, obs[ball + 1], 1e-5);
      assertEquals(0.117 - rz, obs[ball + 2], 1e-5);
      for (int i = 3; i < 6; i++) assertEquals(0, obs[ball + i], 1e-6, "ball at rest");
      assertEquals(50 - rx, obs[ball + 6], 1e-5);
      assertEquals(-ry, obs[ball + 7], 1e-5);
    }
    try (KickEnv e = env(with("ball_inputs", "false"))) {
      assertEquals(453, e.obsDim()); // the imitation observation, as the paper
    }
  }

  /** Play one episode with constant actions; returns the outcome and steps. */
  static int[] play(KickEnv e, float value) {
    float[] obs = new float[e.obsDim()], a = new float[scene.body.sim.nu];
    Arrays.fill(a, value);
    int outcome;
    do outcome = e.step(a, 0, obs, 0);
    while (outcome == TaskEnv.CONTINUE);
    return new int[] {outcome, e.steps()};
  }

  @Test
  void aGoalEndsTheEpisodeAsASuccess() {
    try (KickEnv e =
        env(
            with(
                "ball_x",
                "48",
                "spawn_x_min",
                "46",
                "spawn_x_max",
                "46",
                "keeper",
                "stationary"))) {
      float[] obs = new float[e.obsDim()];
      e.start(0, 0, 46, -1, Goalkeeper.Strategy.STATIONARY, obs, 0);
      e.physics()
          .d
          .qvel
          .set(
              scene.ballDof,
              12); // a shot at 12 m/s toward y ≈ 1.5 m on the line, beside the keeper
      e.physics().d.qvel.set(scene.ballDof + 1, 9);
      int[] r = play(e, 0);
      assertEquals(TaskEnv.TERMINATED, r[0]);
      assertEquals(
          KickEnv.End.GOAL,
          e.end,
          "ended by " + e.end + " after " + r[1] + " steps, ball " + Arrays.toString(e.ball()));
      assertEquals(1, e.goals);
      assertEquals(10, e.terms[2]);
      assertTrue(e.terms[0] > 5, "the ball flew toward the goal: " + e.terms[0]);
    }
  }

  @Test
  void aShotWideIsAMiss() {
    try (KickEnv e = env(with("ball_x", "48", "spawn_x_min", "46", "spawn_x_max", "46"))) {
      float[] obs = new float[e.obsDim()];
      e.start(0, 0, 46, -1, Goalkeeper.Strategy.STATIONARY, obs, 0);
      e.physics().d.qvel.set(scene.ballDof, 10);
      e.physics().d.qvel.set(scene.ballDof + 1, 25); // toward y ≈ 5 at the line
      int[] r = play(e, 0);
      assertEquals(TaskEnv.TERMINATED, r[0]);
      assertEquals(
          KickEnv.End.MISS, e.end, "ended by " + e.end + ", ball " + Arrays.toString(e.ball()));
      assertEquals(1, e.misses);
    }
  }

  /** Muscles off: the body collapses and the episode fails when the root drops below 0.7 m. */
  @Test
  void fallEndsTheEpisode() {
    try (KickEnv e = env(KickConfig.defaults(ControlMode.DIRECT))) {
      float[] obs = new float[e.obsDim()];
      e.start(0, 0, 38, 0, Goalkeeper.Strategy.BLOCK, obs, 0);
      int[] r = play(e, -1);
      assertEquals(TaskEnv.TERMINATED, r[0]);
      assertEquals(KickEnv.End.FALL, e.end);
      assertTrue(r[1] < 90, "fell after " + r[1] + " steps");
      assertTrue(e.physics().state.xpos[3 * scene.body.rootBody + 2] < 0.7);
      assertTrue(e.effort() >= 0 && e.effort() < 0.05, "muscles off: effort " + e.effort());
    }
  }

  /** At the time limit the episode is truncated (bootstrapped), not failed. */
  @Test
  void timeLimitTruncates() {
    try (KickEnv e = env(with("episode_seconds", "0.1"))) {
      float[] obs = new float[e.obsDim()];
      e.start(0, 0, 38, 0, Goalkeeper.Strategy.RANDOM, obs, 0);
      int[] r = play(e, 1);
      assertEquals(TaskEnv.TRUNCATED, r[0]);
      assertEquals(3, r[1]);
      assertEquals(KickEnv.End.TIMEOUT, e.end);
      assertTrue(e.effort() > 0.01, "all muscles on: effort " + e.effort());
    }
  }

  @Test
  void nanStateAndNanActionEndTheEpisode() {
    try (KickEnv e = env(KickConfig.defaults(ControlMode.DIRECT))) {
      float[] obs = new float[e.obsDim()], a = new float[scene.body.sim.nu];
      e.start(0, 0, 38, 0, Goalkeeper.Strategy.STATIONARY, obs, 0);
      for (int i = scene.body.dofStart + 6; i < scene.body.sim.nv; i++)
        e.physics().d.qvel.set(i, 1e12);
      assertEquals(TaskEnv.UNSTABLE, e.step(a, 0, obs, 0));
      e.start(0, 0, 38, 0, Goalkeeper.Strategy.STATIONARY, obs, 0);
      a[7] = Float.NaN;
      assertEquals(TaskEnv.UNSTABLE, e.step(a, 0, obs, 0));
      assertEquals(2, e.instabilities());
      assertEquals(1, e.nanActions());
    }
  }

  /** A snapshot restores the environments exactly (random and blocking keepers included). */
  @Test
  void snapshotResumesBitExactly() {
    try (KickVecEnv v =
        new KickVecEnv(scene, List.of(standing), with("episode_seconds", "0.5"), 3, 2)) {
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
      float[][] first = run(v, 30, obs, a, r, done, term);
      v.loadState(state);
      float[][] second = run(v, 30, obs, a, r, done, term);
      assertArrayEquals(first[0], second[0]);
      assertArrayEquals(first[1], second[1]);
      assertTrue(
          v.metricNames()
              .containsAll(
                  List.of(
                      "reward/ball_velocity", "reward/goal", "env/goal_rate", "env/fall_rate")));
    }
  }

  private static float[][] run(
      KickVecEnv v, int steps, float[] obs, float[] a, float[] r, boolean[] done, boolean[] term) {
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
