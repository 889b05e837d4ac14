package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.nn.Rng;
import org.junit.jupiter.api.Test;

class ImitationMirrorTest {
  @Test
  void twinNames() {
    assertEquals("glmax1_l", ImitationMirror.twin("glmax1_r"));
    assertEquals("tibia_r", ImitationMirror.twin("tibia_l"));
    assertEquals("pelvis", ImitationMirror.twin("pelvis"));
  }

  /**
   * For every variant: mirroring twice gives the input back, and muscles swap with their partner.
   */
  @Test
  void mirrorIsAnInvolutionForEveryVariant() {
    for (String name : List.of("legs", "legs-abs", "legs-back")) {
      try (BodyModel body = BodyModel.load(name)) {
        ImitationMirror m = new ImitationMirror(body, 2); // with two ref_preview blocks
        int
            dim =
                ObsLayout.imitation(body.sim.nbody - 1, body.trackedBodies.length, List.of(5, 10))
                    .dim(),
            nu = body.sim.nu;
        Rng rng = new Rng(3);
        float[] x = new float[2 * dim], y = new float[2 * dim], z = new float[2 * dim];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.uniform(-1, 1);
        m.mirrorObservations(x, 0, y, 2);
        m.mirrorObservations(y, 0, z, 2);
        assertArrayEquals(x, z, name);
        float[] a = new float[nu], b = new float[nu];
        a[body.muscles.indexOf("soleus_r")] = 1;
        m.mirrorActions(a, 0, b, 1);
        assertEquals(1, b[body.muscles.indexOf("soleus_l")], name);
        assertEquals(1, sum(b), name);
      }
    }
  }

  /**
   * A left/right symmetric state (the standing pose at rest) observes the same as its mirror image,
   * up to the model's own small asymmetries; a state with the root shifted sideways does not.
   */
  @Test
  void symmetricStandingPoseIsItsOwnMirrorImage() {
    try (BodyModel legs = BodyModel.load("legs");
        ImitationEnv env =
            new ImitationEnv(
                legs,
                new TrackedClips(legs, List.of(Clips.standing(legs, 1))),
                new MuscleControl(legs.sim),
                ImitationConfig.evaluation(ControlMode.DIRECT),
                0,
                1)) {
      ImitationMirror m = new ImitationMirror(legs);
      float[] obs = new float[env.obsDim()], mirrored = new float[env.obsDim()];
      env.startEpisode(obs, 0);
      m.mirrorObservations(obs, 0, mirrored, 1);
      double worst = 0;
      int at = -1;
      for (int i = 0; i < obs.length; i++) {
        if (Math.abs(obs[i] - mirrored[i]) > worst) {
          worst = Math.abs(obs[i] - mirrored[i]);
          at = i;
        }
      }
      System.out.printf(
          "standing pose vs its mirror image: largest difference %.2e at observation %d%n",
          worst, at);
      assertTrue(worst < 0.02, "largest difference " + worst + " at observation " + at);
      // shifted 0.1 m to the left: the reference now lies to the right, the mirror image sees it to
      // the left
      env.data().qpos.set(1, env.data().qpos.get(1) + 0.1);
      env.data().forward();
      env.step(new float[80], 0, obs, 0);
      m.mirrorObservations(obs, 0, mirrored, 1);
      int diff = ObsLayout.imitation(16, 7).block("diff_local_body_pos").offset();
      assertEquals(-obs[diff + 1], mirrored[diff + 1], 1e-6);
      assertTrue(Math.abs(obs[diff + 1]) > 0.05, "root offset sideways: " + obs[diff + 1]);
    }
  }

  private static float sum(float[] a) {
    float s = 0;
    for (float v : a) s += v;
    return s;
  }
}
