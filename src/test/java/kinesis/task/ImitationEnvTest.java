package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.sim.SimData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImitationEnvTest {
  static BodyModel legs;
  static MuscleControl muscles;
  static final ImitationConfig GOLDEN_CFG =
      new ImitationConfig(ControlMode.DIRECT, RewardConfig.kinesis(), 0.15, false, false);

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
    muscles = new MuscleControl(legs.sim);
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  static ImitationEnv env(List<Clip> clips, ImitationConfig cfg) {
    return new ImitationEnv(legs, new TrackedClips(legs, clips), muscles, cfg, 0, 1);
  }

  /**
   * One direct-control step from each golden state: physics (qpos, qvel, act, body positions,
   * sensors), the 309-number observation and the four reward terms against the official env. The
   * reference frames are the ones recorded with each case (KINESIS looks them up with its float32
   * truncation, which this project deliberately does not reproduce).
   */
  @Test
  void stepMatchesReferenceImplementation() {
    Golden g = Golden.load();
    ObsLayout layout = ObsLayout.imitation(16, 7);
    double[] obs = new double[309];
    double[] worstBlock = new double[layout.blocks().size()];
    double worstPhysics = 0, worstTerm = 0;
    try (ImitationEnv env = env(List.of(Clips.standing(legs, 1)), GOLDEN_CFG)) {
      env.startEpisode(new float[309], 0);
      SimData d = env.data();
      for (JsonNode c : g.cases) {
        JsonNode step = c.get("step_direct"), post = step.get("post_step_state");
        Golden.apply(d, c);
        double energy = env.advance(Golden.doubles(c.get("inputs").get("action")));
        // physics: same MuJoCo build, so agreement is at rounding level
        worstPhysics =
            Math.max(worstPhysics, check(post.get("qpos"), d.qpos.toArray(), 1e-9, "qpos"));
        worstPhysics =
            Math.max(worstPhysics, check(post.get("qvel"), d.qvel.toArray(), 1e-7, "qvel"));
        worstPhysics = Math.max(worstPhysics, check(post.get("act"), d.act.toArray(), 1e-9, "act"));
        worstPhysics =
            Math.max(
                worstPhysics,
                check(post.get("sensordata"), d.sensordata.toArray(), 1e-6, "sensordata"));
        double[] xpos = java.util.Arrays.copyOfRange(env.state.xpos, 3, 51);
        worstPhysics =
            Math.max(worstPhysics, check(post.get("xpos_bodies_1_to_16"), xpos, 1e-9, "xpos"));

        JsonNode refObs = step.get("ref_used_for_obs"),
            refRew = step.get("ref_used_for_reward_and_termination");
        Observations.imitation(
            env.state,
            legs.trackedBodies,
            Golden.doubles(refObs.get("ref_pos")),
            Golden.doubles(refObs.get("ref_vel")),
            obs);
        double[] want = Golden.doubles(step.get("obs"));
        for (int b = 0; b < worstBlock.length; b++) {
          ObsLayout.Block blk = layout.blocks().get(b);
          double err = Golden.maxAbs(obs, want, blk.offset(), blk.offset() + blk.size());
          double scale = 1;
          for (int i = blk.offset(); i < blk.offset() + blk.size(); i++)
            scale = Math.max(scale, Math.abs(want[i]));
          assertTrue(
              err <= 2e-6 * scale,
              "case " + c.get("id") + " block " + blk.name() + " error " + err);
          worstBlock[b] = Math.max(worstBlock[b], err);
        }

        double[] rp = Golden.doubles(refRew.get("ref_pos")),
            rv = Golden.doubles(refRew.get("ref_vel"));
        RewardConfig rc = RewardConfig.kinesis();
        double[] terms = {
          Rewards.positionTracking(env.state, legs.trackedBodies, rp, rc.kPos()),
          Rewards.velocityTracking(env.state, legs.trackedBodies, rv, rc.kVel()),
          Rewards.upright(env.state, rc.kUp()),
          energy
        };
        String[] keys = {"r_body_pos", "r_vel", "upright_reward", "energy_reward"};
        for (int t = 0; t < 4; t++) {
          double w = step.get(keys[t]).asDouble();
          double err = Math.abs(terms[t] - w);
          worstTerm = Math.max(worstTerm, err / Math.max(1e-12, Math.abs(w)));
          assertEquals(
              w, terms[t], 1e-6 * Math.abs(w) + 1e-12, "case " + c.get("id") + " " + keys[t]);
        }
        assertEquals(step.get("reward").asDouble(), Rewards.total(rc, terms), 1e-7);
        assertEquals(
            step.get("terminated").asBoolean(),
            Rewards.tooFar(env.state, legs.trackedBodies, rp, 0.15, false));
      }
    }
    StringBuilder sb =
        new StringBuilder(
            "golden step: physics max error "
                + worstPhysics
                + ", reward terms max rel error "
                + worstTerm
                + ", obs blocks:");
    for (int b = 0; b < worstBlock.length; b++)
      sb.append(' ').append(layout.blocks().get(b).name()).append('=').append(worstBlock[b]);
    System.out.println(sb);
  }

  /**
   * The whole {@link ImitationEnv#step} on each golden state, with a clip whose frames 1 and 2 are
   * the reference frames KINESIS used for reward and observation: same outcome and reward (the
   * action goes through float32, as from a policy).
   */
  @Test
  void fullStepGivesReferenceRewardAndOutcome() {
    Golden g = Golden.load();
    for (JsonNode c : g.cases) {
      JsonNode step = c.get("step_direct");
      Clip clip = shiftedClip(step);
      try (ImitationEnv env = env(List.of(clip), GOLDEN_CFG)) {
        float[] obs = new float[309];
        env.startEpisode(obs, 0);
        Golden.apply(env.data(), c);
        int outcome = env.step(Golden.floats(c.get("inputs").get("action")), 0, obs, 0);
        boolean terminated = step.get("terminated").asBoolean();
        assertEquals(
            terminated ? ImitationEnv.TERMINATED : ImitationEnv.CONTINUE,
            outcome,
            "case " + c.get("id"));
        assertEquals(step.get("reward").asDouble(), env.reward, 1e-5, "case " + c.get("id"));
        if (!terminated) {
          double[] want = Golden.doubles(step.get("obs"));
          for (int i = 0; i < 309; i++)
            assertEquals(want[i], obs[i], 1e-4 * Math.max(1, Math.abs(want[i])), "obs " + i);
        }
      }
    }
  }

  /**
   * Frames 0 and 1 = reference frame of the reward, frame 2 = that of the observation, then +0.8
   * m/s.
   */
  private static Clip shiftedClip(JsonNode step) {
    double[] rew = Golden.doubles(step.get("ref_used_for_reward_and_termination").get("ref_pos"));
    double[] ob = Golden.doubles(step.get("ref_used_for_obs").get("ref_pos"));
    double[] v = Golden.doubles(step.get("ref_used_for_obs").get("ref_vel"));
    int frames = 10;
    double[] pos = new double[frames * 21], vel = new double[frames * 21];
    for (int f = 0; f < frames; f++) {
      double[] base = f < 2 ? rew : ob;
      double dx = f < 2 ? 0 : 0.8 * (f - 2) / 30;
      for (int i = 0; i < 21; i++) pos[f * 21 + i] = base[i] + (i % 3 == 0 ? dx : 0);
      System.arraycopy(v, 0, vel, f * 21, 21);
    }
    double[] quat = new double[4 * frames];
    for (int f = 0; f < frames; f++) quat[4 * f] = 1;
    return new Clip(
        "golden",
        "walk",
        30,
        30,
        legs.variant.trackedKeypoints(),
        pos,
        vel,
        quat,
        new double[3 * frames],
        Map.of(),
        null,
        0,
        null);
  }

  private static double check(JsonNode want, double[] got, double tol, String what) {
    double[] w = Golden.doubles(want);
    assertEquals(w.length, got.length, what);
    double err = Golden.maxAbs(w, got, 0, w.length);
    assertTrue(err <= tol, what + " error " + err);
    return err;
  }

  /**
   * A body 0.2 m off its reference terminates in training (any > 0.15 m) but not under the 0.5 m
   * mean rule.
   */
  @Test
  void terminatesWhenATrackedBodyIsTooFar() {
    Clip standing = Clips.standing(legs, 2);
    for (boolean eval : new boolean[] {false, true}) {
      ImitationConfig cfg =
          eval
              ? ImitationConfig.evaluation(ControlMode.DIRECT)
              : new ImitationConfig(ControlMode.DIRECT, RewardConfig.kinesis(), 0.15, false, false);
      try (ImitationEnv env = env(List.of(standing), cfg)) {
        float[] obs = new float[309];
        env.startEpisode(obs, 0);
        SimData d = env.data();
        d.qpos.set(1, 0.2); // the whole body 0.2 m to the left
        d.forward();
        int outcome = env.step(new float[80], 0, obs, 0);
        assertEquals(
            eval ? ImitationEnv.CONTINUE : ImitationEnv.TERMINATED, outcome, "eval=" + eval);
        if (!eval) assertEquals(1, env.terminations);
      }
    }
  }

  /**
   * A 0.2 s clip ends after 6 steps, not terminal, coverage 1; the next episode starts at frame 0
   * again.
   */
  @Test
  void truncatesAtTheEndOfTheClip() {
    try (ImitationEnv env =
        env(List.of(Clips.standing(legs, 0.2)), ImitationConfig.evaluation(ControlMode.PD))) {
      float[] obs = new float[309], zero = new float[80];
      env.startEpisode(obs, 0);
      for (int k = 1; k <= 5; k++)
        assertEquals(ImitationEnv.CONTINUE, env.step(zero, 0, obs, 0), "step " + k);
      assertEquals(ImitationEnv.TRUNCATED, env.step(zero, 0, obs, 0));
      assertEquals(1f, env.lastCoverage);
      assertEquals(0, env.startFrame());
      assertEquals(1, env.truncations);
    }
  }

  /**
   * Standing still on the standing clip scores full position, velocity and upright terms at the
   * start.
   */
  @Test
  void standingClipStartsOnItsReference() {
    try (ImitationEnv env =
        env(List.of(Clips.standing(legs, 1)), ImitationConfig.evaluation(ControlMode.DIRECT))) {
      float[] obs = new float[309];
      env.startEpisode(obs, 0);
      ObsLayout layout = ObsLayout.imitation(16, 7);
      for (String block : List.of("diff_local_body_pos", "diff_local_vel")) {
        ObsLayout.Block b = layout.block(block);
        for (int i = b.offset(); i < b.offset() + b.size(); i++)
          assertEquals(0, obs[i], 1e-6, block);
      }
      assertEquals(0.948865, obs[0], 1e-5);
    }
  }

  /**
   * A blown-up state ends the episode as terminal, is counted, and the next observation is finite.
   */
  @Test
  void instabilityEndsTheEpisodeAndIsCounted() {
    try (ImitationEnv env = env(List.of(Clips.standing(legs, 1)), GOLDEN_CFG)) {
      float[] obs = new float[309];
      env.startEpisode(obs, 0);
      SimData d = env.data();
      for (int i = 6; i < legs.sim.nv; i++) d.qvel.set(i, 1e12);
      int outcome = env.step(new float[80], 0, obs, 0);
      assertEquals(ImitationEnv.UNSTABLE, outcome);
      assertEquals(1, env.instabilities);
      assertEquals(0, env.reward);
      for (float v : obs) assertTrue(Float.isFinite(v));
      assertFalse(d.unstable());
    }
  }

  /**
   * §2.1: root position, orientation and velocities come from the reference frame; joints from its
   * pose.
   */
  @Test
  void initialStateFollowsTheReference() {
    Clip s = Clips.standing(legs, 1);
    double[] quat = s.rootQuat().clone(),
        angVel = s.rootAngVel().clone(),
        vel = s.velocities().clone();
    double yaw = 0.5;
    for (int f = 0; f < s.frames(); f++) {
      quat[4 * f] = Math.cos(yaw / 2);
      quat[4 * f + 3] = Math.sin(yaw / 2);
      angVel[3 * f] = 0.1;
      angVel[3 * f + 1] = -0.2;
      angVel[3 * f + 2] = 0.3;
      vel[21 * f] = 0.5; // pelvis moving forward
    }
    double[] pose = s.poses()[0].clone();
    pose[10] = 0.05; // a recognisable joint angle in the stored pose
    Clip c =
        new Clip(
            "turning",
            "turn",
            s.fps(),
            s.fps(),
            s.keypoints(),
            s.positions(),
            vel,
            quat,
            angVel,
            s.provenance(),
            "legs",
            s.poseStride(),
            new double[][] {pose});
    try (ImitationEnv env = env(List.of(c), ImitationConfig.evaluation(ControlMode.DIRECT))) {
      env.startEpisode(new float[309], 0);
      SimData d = env.data();
      for (int a = 0; a < 3; a++)
        assertEquals(s.positions()[a], d.qpos.get(a), 1e-12, "root position " + a);
      assertEquals(Math.cos(yaw / 2), d.qpos.get(3), 1e-12);
      assertEquals(Math.sin(yaw / 2), d.qpos.get(6), 1e-12);
      assertEquals(0.05, d.qpos.get(10), 0);
      assertEquals(0.5, d.qvel.get(0), 0);
      int r = 3 * legs.rootBody;
      assertEquals(0.1, env.state.angVel[r], 1e-12);
      assertEquals(-0.2, env.state.angVel[r + 1], 1e-12);
      assertEquals(0.3, env.state.angVel[r + 2], 1e-12);
      for (int i = 6; i < legs.sim.nv; i++) assertEquals(0, d.qvel.get(i), 0);
    }
  }

  /**
   * Training starts only at frames with a stored pose, never at the last frame, and use that pose.
   */
  @Test
  void randomStartsUsePoseFrames() {
    Clip s = Clips.standing(legs, 1); // 31 frames
    double[][] poses = new double[6][];
    for (int i = 0; i < 6; i++) {
      poses[i] = s.poses()[0].clone();
      poses[i][10] = 0.01 * i; // pose i marks itself
    }
    Clip c =
        new Clip(
            "posed",
            "stand",
            s.fps(),
            s.fps(),
            s.keypoints(),
            s.positions(),
            s.velocities(),
            s.rootQuat(),
            s.rootAngVel(),
            s.provenance(),
            "legs",
            6,
            poses);
    try (ImitationEnv env = env(List.of(c), ImitationConfig.training(ControlMode.DIRECT))) {
      env.rng.setState(11);
      java.util.Set<Integer> seen = new java.util.TreeSet<>();
      for (int k = 0; k < 100; k++) {
        env.startEpisode(new float[309], 0);
        int f = env.startFrame();
        seen.add(f);
        assertEquals(0.01 * Math.floorDiv(f, 6), env.data().qpos.get(10), 1e-15);
      }
      assertEquals(
          java.util.Set.of(0, 6, 12, 18, 24), seen); // frame 30 is the last: no step would remain
    }
  }

  /**
   * ref_preview: each preview block holds the tracked bodies of the reference k control steps after
   * the next one, relative to the root in the heading frame; so it differs from local_ref_body_pos
   * by the reference's own displacement over those k steps (compared by its height and its
   * horizontal length, which the heading rotation keeps).
   */
  @Test
  void previewBlocksHoldTheReferenceFurtherAhead() {
    Clip walk = kinesis.motion.ClipSet.open("public-locomotion", "legs").get("humanoid3d_walk");
    ImitationConfig cfg =
        ImitationConfig.evaluation(ControlMode.DIRECT).with("ref_preview", "5,20");
    ObsLayout layout = ObsLayout.imitation(16, 7, List.of(5, 20));
    int[] keypoints = new TrackedClips(legs, List.of(walk)).keypoints(0);
    double dt = kinesis.body.Catalogue.SUBSTEPS * legs.sim.timestep();
    try (ImitationEnv env = env(List.of(walk), cfg)) {
      float[] obs = new float[env.obsDim()];
      assertEquals(layout.dim(), obs.length);
      env.startEpisode(obs, 0);
      env.step(new float[80], 0, obs, 0); // now the next frame is frame 2
      int now = layout.block("local_ref_body_pos").offset();
      double[] next = new double[21];
      walk.sample(2 * dt, keypoints, next, null);
      for (int k : List.of(5, 20)) {
        double[] ahead = new double[21];
        walk.sample((2 + k) * dt, keypoints, ahead, null);
        int at = layout.block("ref_preview_" + k).offset();
        for (int j = 0; j < 7; j++) {
          double dx = obs[at + 3 * j] - obs[now + 3 * j],
              dy = obs[at + 3 * j + 1] - obs[now + 3 * j + 1],
              dz = obs[at + 3 * j + 2] - obs[now + 3 * j + 2];
          double wx = ahead[3 * j] - next[3 * j], wy = ahead[3 * j + 1] - next[3 * j + 1];
          assertEquals(ahead[3 * j + 2] - next[3 * j + 2], dz, 1e-5, "height, body " + j);
          assertEquals(Math.hypot(wx, wy), Math.hypot(dx, dy), 1e-5, "horizontal, body " + j);
        }
      }
      // the walk moves forward by about 0.2–0.9 m in 20 steps: the furthest block is not a copy
      int far = layout.block("ref_preview_20").offset();
      assertTrue(Math.abs(obs[far] - obs[now]) + Math.abs(obs[far + 1] - obs[now + 1]) > 0.1);
    }
  }
}
