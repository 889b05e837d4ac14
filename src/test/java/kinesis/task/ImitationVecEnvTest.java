package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipMirror;
import kinesis.motion.ClipSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImitationVecEnvTest {
  static BodyModel legs;
  static List<Clip> clips;

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
    Clip s = Clips.sliding(legs, 3, 0.8);
    Clip noPoses =
        new Clip(
            "sliding-no-poses",
            s.skill(),
            s.fps(),
            s.sourceFps(),
            s.keypoints(),
            s.positions(),
            s.velocities(),
            s.rootQuat(),
            s.rootAngVel(),
            s.provenance(),
            null,
            0,
            null);
    clips = List.of(Clips.standing(legs, 2), noPoses);
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  @Test
  void mirrorClipsAddsTheMirrorImageOfEveryTrainingClip(@TempDir Path tmp) {
    Clip slide = Clips.sliding(legs, 1, 0.8);
    new ClipSet("m", "legs", List.of(new ClipSet.Entry(slide, "train", null))).save(tmp);
    Map<String, String> run = Map.of("motions", tmp.toString(), "model", "legs");
    assertEquals(List.of(slide.name()), names(ImitationVecEnv.trainingClips(run, legs)));
    Map<String, String> mirrored = new java.util.HashMap<>(run);
    mirrored.put(ImitationVecEnv.MIRROR_CLIPS, "true");
    List<Clip> both = ImitationVecEnv.trainingClips(mirrored, legs);
    assertEquals(List.of(slide.name(), slide.name() + ClipMirror.SUFFIX), names(both));
    assertEquals(1, both.get(1).poses().length); // posed for the body, so random starts work
    mirrored.put(ImitationVecEnv.MIRROR_CLIPS, "yes");
    BadInputException e =
        assertThrows(BadInputException.class, () -> ImitationVecEnv.trainingClips(mirrored, legs));
    assertTrue(e.getMessage().contains("mirror_clips must be true or false"), e.getMessage());
  }

  @Test
  void clipSpeedsAddEveryClipAtEverySpeedBeforeTheMirrorImages(@TempDir Path tmp) {
    Clip slide = Clips.sliding(legs, 1, 0.8);
    new ClipSet("m", "legs", List.of(new ClipSet.Entry(slide, "train", null))).save(tmp);
    Map<String, String> run = new java.util.HashMap<>(Map.of("motions", tmp.toString()));
    run.put(ImitationVecEnv.CLIP_SPEEDS, "0.8, 1.5");
    run.put(ImitationVecEnv.MIRROR_CLIPS, "true");
    List<Clip> all = ImitationVecEnv.trainingClips(run, legs);
    String s = slide.name(), m = ClipMirror.SUFFIX;
    assertEquals(
        List.of(s, s + "-x0.8", s + "-x1.5", s + m, s + "-x0.8" + m, s + "-x1.5" + m), names(all));
    assertEquals(slide.frames() * 2 / 3.0, all.get(2).frames(), 1); // 1.5 times as fast
    assertEquals(all.get(2).frames(), all.get(5).frames());
    for (String bad : new String[] {"1", "0.3", "1.2,1.2", "fast", "1.2,"}) {
      run.put(ImitationVecEnv.CLIP_SPEEDS, bad);
      BadInputException e =
          assertThrows(BadInputException.class, () -> ImitationVecEnv.validateClipOptions(run));
      assertTrue(e.getMessage().contains("clip_speeds must list distinct speeds"), e.getMessage());
    }
  }

  @Test
  void clipLoopsAddEveryCyclicClipForThatManyCyclesBeforeTheRetimedOnes(@TempDir Path tmp) {
    Clip once = Clips.sliding(legs, 1, 0.8);
    Map<String, String> prov = new java.util.HashMap<>(once.provenance());
    prov.put("loop", "wrap");
    Clip cyclic =
        new Clip(
            "c",
            once.skill(),
            once.fps(),
            once.sourceFps(),
            once.keypoints(),
            once.positions(),
            once.velocities(),
            once.rootQuat(),
            once.rootAngVel(),
            prov,
            once.poseModel(),
            once.poseStride(),
            once.poses());
    new ClipSet(
            "m",
            "legs",
            List.of(
                new ClipSet.Entry(cyclic, "train", null), new ClipSet.Entry(once, "train", null)))
        .save(tmp);
    Map<String, String> run = new java.util.HashMap<>(Map.of("motions", tmp.toString()));
    run.put(ImitationVecEnv.CLIP_LOOPS, "3");
    run.put(ImitationVecEnv.CLIP_SPEEDS, "1.5");
    List<Clip> all = ImitationVecEnv.trainingClips(run, legs);
    String s = once.name();
    assertEquals(
        List.of("c", s, "c-loop3", "c-x1.5", s + "-x1.5", "c-loop3-x1.5"),
        names(all),
        "only the clip marked as a loop is looped");
    Clip looped = all.get(2);
    assertEquals(3 * (once.frames() - 1) + 1, looped.frames());
    assertTrue(looped.poses() != null && looped.poses().length > 0, "posed for random starts");
    run.put(ImitationVecEnv.CLIP_LOOPS, "0");
    assertEquals(
        List.of("c", s, "c-x1.5", s + "-x1.5"), names(ImitationVecEnv.trainingClips(run, legs)));
    for (String bad : new String[] {"1", "21", "2.5", "two", "-3"}) {
      run.put(ImitationVecEnv.CLIP_LOOPS, bad);
      BadInputException e =
          assertThrows(BadInputException.class, () -> ImitationVecEnv.validateClipOptions(run));
      assertTrue(
          e.getMessage().contains("clip_loops must be 0 (off) or a whole number"), e.getMessage());
    }
  }

  @Test
  void clipStopsAddAStopAndAStartOfEveryWalkBeforeTheMirrorImages(@TempDir Path tmp) {
    Clip s0 = Clips.sliding(legs, 1, 0.8);
    // a walking clip whose feet never leave the floor: both are down in every frame
    Clip walk =
        new Clip(
            "w",
            "walk",
            s0.fps(),
            s0.sourceFps(),
            s0.keypoints(),
            s0.positions(),
            s0.velocities(),
            s0.rootQuat(),
            s0.rootAngVel(),
            s0.provenance(),
            s0.poseModel(),
            s0.poseStride(),
            s0.poses());
    new ClipSet(
            "m",
            "legs",
            List.of(new ClipSet.Entry(walk, "train", null), new ClipSet.Entry(s0, "train", null)))
        .save(tmp);
    Map<String, String> run = new java.util.HashMap<>(Map.of("motions", tmp.toString()));
    run.put(ImitationVecEnv.CLIP_STOPS, "true");
    run.put(ImitationVecEnv.MIRROR_CLIPS, "true");
    List<Clip> all = ImitationVecEnv.trainingClips(run, legs);
    String m = ClipMirror.SUFFIX, sl = s0.name();
    assertEquals(
        List.of("w", sl, "w-stop", "w-start", "w" + m, sl + m, "w-stop" + m, "w-start" + m),
        names(all),
        "the sliding clip is no walk: it gets no stop");
    Clip stop = all.get(2);
    assertTrue(stop.poses() != null && stop.poses().length > 0, "posed, so random starts work");
    int k3 = 3 * stop.keypoints().size(), last = stop.frames() - 1;
    for (int d = 0; d < k3; d++) assertEquals(0, stop.velocities()[last * k3 + d], 1e-12);
    run.put(ImitationVecEnv.CLIP_STOPS, "yes");
    BadInputException e =
        assertThrows(BadInputException.class, () -> ImitationVecEnv.validateClipOptions(run));
    assertTrue(e.getMessage().contains("clip_stops must be true or false"), e.getMessage());
  }

  private static List<String> names(List<Clip> clips) {
    return clips.stream().map(Clip::name).toList();
  }

  /** Observation and action sizes of the three variants: 15N + 6 + 9J. */
  @Test
  void dimensionsOfAllVariants() {
    String[] names = {"legs", "legs-abs", "legs-back"};
    int[] obs = {309, 363, 453}, act = {80, 86, 290};
    for (int v = 0; v < 3; v++) {
      try (BodyModel body = BodyModel.load(names[v]);
          ImitationVecEnv env =
              new ImitationVecEnv(
                  body,
                  List.of(Clips.standing(body, 1)),
                  ImitationConfig.training(ControlMode.PD),
                  2,
                  1)) {
        assertEquals(obs[v], env.obsDim(), names[v]);
        assertEquals(act[v], env.actionDim(), names[v]);
        assertEquals(obs[v], env.observationLayout().dim());
        float[] o = new float[2 * env.obsDim()];
        env.reset(1, o);
        for (float x : o) assertTrue(Float.isFinite(x), names[v]);
        // standing start: the tracking blocks are zero, root height is the standing height
        ObsLayout.Block diff = env.layout().block("diff_local_body_pos");
        for (int i = diff.offset(); i < diff.offset() + diff.size(); i++)
          assertEquals(0, o[i], 1e-6, names[v]);
        float[] a = new float[2 * env.actionDim()], r = new float[2];
        boolean[] done = new boolean[2], term = new boolean[2];
        env.step(a, o, r, done, term);
        for (float x : o) assertTrue(Float.isFinite(x), names[v]);
      }
    }
  }

  /** The same seed and N give bit-identical trajectories on 1, 2 and 3 threads. */
  @Test
  void deterministicAcrossThreadCounts() {
    Trace one = run(1, 7, 60), two = run(2, 7, 60), three = run(3, 7, 60);
    assertArrayEquals(one.obs, two.obs);
    assertArrayEquals(one.obs, three.obs);
    assertArrayEquals(one.rewards, two.rewards);
    assertArrayEquals(one.rewards, three.rewards);
    assertArrayEquals(one.done, three.done);
    assertTrue(one.episodesEnded > 0, "the trace should cross episode boundaries");
    Trace other = run(2, 8, 60);
    assertTrue(
        !java.util.Arrays.equals(one.obs, other.obs), "another seed gives another trajectory");
  }

  record Trace(float[] obs, float[] rewards, boolean[] done, int episodesEnded) {}

  private static Trace run(int threads, long seed, int steps) {
    int n = 5;
    try (ImitationVecEnv env =
        new ImitationVecEnv(legs, clips, ImitationConfig.training(ControlMode.PD), n, threads)) {
      float[] obs = new float[n * env.obsDim()],
          act = new float[n * env.actionDim()],
          rew = new float[n];
      boolean[] done = new boolean[n], term = new boolean[n];
      float[] allObs = new float[steps * obs.length], allRew = new float[steps * n];
      boolean[] allDone = new boolean[steps * n];
      env.reset(seed, obs);
      Rng actions = new Rng(99);
      int ended = 0;
      for (int k = 0; k < steps; k++) {
        for (int i = 0; i < act.length; i++)
          act[i] = (float) (0.6 * (2 * actions.nextDouble() - 1));
        env.step(act, obs, rew, done, term);
        System.arraycopy(obs, 0, allObs, k * obs.length, obs.length);
        System.arraycopy(rew, 0, allRew, k * n, n);
        System.arraycopy(done, 0, allDone, k * n, n);
        for (boolean d : done) if (d) ended++;
      }
      return new Trace(allObs, allRew, allDone, ended);
    }
  }

  /** Save, continue, restore (same or fresh instance), continue again: identical numbers. */
  @Test
  void snapshotRestoreContinuesIdentically() {
    int n = 3;
    // with the training aids on: the assistive force reads the reference, which the snapshot must
    // restore, and pushes follow the episode and step counts
    ImitationConfig cfg =
        ImitationConfig.training(ControlMode.PD)
            .with("assist", "0.5")
            .with("termination_start", "0.5")
            .with("termination_anneal", "1000")
            .with("clip_priority", "0.8")
            .with("push", "0.3")
            .with("push_every", "0.3");
    try (ImitationVecEnv env = new ImitationVecEnv(legs, clips, cfg, n, 2);
        ImitationVecEnv fresh = new ImitationVecEnv(legs, clips, cfg, n, 1)) {
      env.setProgress(300);
      fresh.setProgress(300);
      float[] obs = new float[n * env.obsDim()],
          act = new float[n * env.actionDim()],
          rew = new float[n];
      boolean[] done = new boolean[n], term = new boolean[n];
      env.reset(3, obs);
      Rng a = new Rng(5);
      for (int k = 0; k < 15; k++) stepRandom(env, a, act, obs, rew, done, term);
      env.drainMetrics(); // as the trainer does before a checkpoint: the clip priorities move
      byte[] state = env.saveState();
      long actionState = a.state();
      float[] first = continueFor(env, a, 25);
      env.loadState(state);
      a.setState(actionState);
      assertArrayEquals(first, continueFor(env, a, 25));
      double weight = env.drainMetrics().get("env/clip_weight_max");
      fresh.loadState(state);
      a.setState(actionState);
      assertArrayEquals(first, continueFor(fresh, a, 25));
      assertEquals(weight, fresh.drainMetrics().get("env/clip_weight_max"), "clip priorities");
      assertThrows(
          BadInputException.class,
          () -> fresh.loadState(java.util.Arrays.copyOf(state, state.length / 2)));
    }
  }

  /**
   * With clip priority on, the clip whose episodes end sooner (the reference slides away at 0.8
   * m/s) is drawn more often than the standing one.
   */
  @Test
  void clipPriorityFavoursTheClipThatEndsSooner() {
    int n = 4;
    ImitationConfig cfg = ImitationConfig.training(ControlMode.DIRECT).with("clip_priority", "1");
    try (ImitationVecEnv env = new ImitationVecEnv(legs, clips, cfg, n, 2)) {
      float[] obs = new float[n * env.obsDim()],
          act = new float[n * env.actionDim()],
          rew = new float[n];
      boolean[] done = new boolean[n], term = new boolean[n];
      env.reset(1, obs);
      Rng a = new Rng(9);
      int[] drawn = new int[2];
      for (int it = 0; it < 6; it++) {
        for (int k = 0; k < 60; k++) stepRandom(env, a, act, obs, rew, done, term);
        double weight = env.drainMetrics().get("env/clip_weight_max");
        assertTrue(weight > 1 && weight <= 2, "weight " + weight);
      }
      for (int k = 0; k < 200; k++) {
        stepRandom(env, a, act, obs, rew, done, term);
        for (int i = 0; i < n; i++) if (done[i]) drawn[env.env(i).clip()]++;
      }
      assertTrue(drawn[1] > 1.5 * drawn[0], "standing " + drawn[0] + ", sliding " + drawn[1]);
    }
  }

  private static float[] continueFor(ImitationVecEnv env, Rng a, int steps) {
    int n = env.numEnvs();
    float[] obs = new float[n * env.obsDim()],
        act = new float[n * env.actionDim()],
        rew = new float[n];
    boolean[] done = new boolean[n], term = new boolean[n];
    float[] trace = new float[steps * (obs.length + n)];
    for (int k = 0; k < steps; k++) {
      stepRandom(env, a, act, obs, rew, done, term);
      System.arraycopy(obs, 0, trace, k * (obs.length + n), obs.length);
      System.arraycopy(rew, 0, trace, k * (obs.length + n) + obs.length, n);
    }
    return trace;
  }

  private static void stepRandom(
      ImitationVecEnv env,
      Rng a,
      float[] act,
      float[] obs,
      float[] rew,
      boolean[] done,
      boolean[] term) {
    for (int i = 0; i < act.length; i++) act[i] = (float) (2 * a.nextDouble() - 1);
    env.step(act, obs, rew, done, term);
  }

  /** After warm-up, stepping (episode resets included) allocates nothing on the stepping thread. */
  @Test
  void steppingDoesNotAllocate() {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 2;
    for (ControlMode mode : ControlMode.values()) {
      try (ImitationVecEnv env =
          new ImitationVecEnv(legs, clips, ImitationConfig.training(mode), n, 1)) {
        float[] obs = new float[n * env.obsDim()],
            act = new float[n * env.actionDim()],
            rew = new float[n];
        boolean[] done = new boolean[n], term = new boolean[n];
        env.reset(1, obs);
        Rng a = new Rng(2);
        for (int k = 0; k < 3000; k++) stepRandom(env, a, act, obs, rew, done, term);
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 300; k++) stepRandom(env, a, act, obs, rew, done, term);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(env.terminations() > 0, "episodes should have ended and restarted");
        assertTrue(allocated < 1024, mode + ": 300 steps allocated " + allocated + " bytes");
      }
    }
  }

  /**
   * A NaN in an action is not applied: that environment's episode ends as unstable, both are
   * counted, the others go on.
   */
  @Test
  void nanActionsEndTheirEpisodeAndAreCounted() {
    int n = 2;
    try (ImitationVecEnv env =
        new ImitationVecEnv(legs, clips, ImitationConfig.training(ControlMode.DIRECT), n, 2)) {
      float[] obs = new float[n * env.obsDim()],
          act = new float[n * env.actionDim()],
          rew = new float[n];
      boolean[] done = new boolean[n], term = new boolean[n];
      env.reset(0, obs);
      env.drainMetrics();
      act[3] = Float.NaN; // environment 0 only
      env.step(act, obs, rew, done, term);
      assertTrue(done[0] && term[0], "the NaN action ends environment 0's episode as terminal");
      assertEquals(0, rew[0]);
      assertTrue(!done[1], "environment 1 goes on");
      for (float v : obs)
        assertTrue(Float.isFinite(v), "the next episode's first observation is finite");
      var m = env.drainMetrics();
      assertEquals(1.0, m.get("env/nan_actions"));
      assertEquals(1.0, m.get("env/unstable_episodes"));
      assertEquals(0.0, env.drainMetrics().get("env/nan_actions"), "counts are per drain");
    }
  }

  /**
   * Reward terms are averaged per step and cleared by draining; coverage is reported for ended
   * episodes.
   */
  @Test
  void rewardTermsAndCoverage() {
    int n = 2;
    try (ImitationVecEnv env =
        new ImitationVecEnv(legs, clips, ImitationConfig.evaluation(ControlMode.DIRECT), n, 1)) {
      assertEquals(
          List.of(
              "reward/pos_tracking",
              "reward/vel_tracking",
              "reward/upright",
              "reward/energy",
              "env/unstable_episodes",
              "env/nan_actions",
              "env/assist_scale",
              "env/assist_force_N",
              "env/termination_progress",
              "env/clip_weight_max",
              "env/pushed_share"),
          env.metricNames());
      float[] obs = new float[n * env.obsDim()],
          act = new float[n * env.actionDim()],
          rew = new float[n];
      boolean[] done = new boolean[n], term = new boolean[n];
      env.reset(0, obs);
      java.util.Arrays.fill(act, -1); // no excitation: energy term exactly 1
      double sum = 0;
      for (int k = 0; k < 4; k++) {
        env.step(act, obs, rew, done, term);
        sum += rew[0] + rew[1];
      }
      var terms = env.drainMetrics();
      assertEquals(1, terms.get("reward/energy"), 1e-12);
      double weighted =
          0.6 * terms.get("reward/pos_tracking")
              + 0.2 * terms.get("reward/vel_tracking")
              + 0.1 * terms.get("reward/upright")
              + 0.1 * terms.get("reward/energy");
      assertEquals(sum / 8, weighted, 1e-5); // 8 steps: 4 steps of 2 environments
      assertEquals(0, terms.get("env/assist_scale"));
      assertTrue(
          Double.isNaN(env.drainMetrics().get("reward/energy")), "drained: nothing measured since");
      assertTrue(Float.isNaN(env.episodeCoverage(0)));
    }
  }
}
