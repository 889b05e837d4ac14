package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import kinesis.body.BodyModel;
import kinesis.io.Assets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoseSolverTest {
  static BodyModel body;
  static PoseSolver solver;
  static Importers importers;

  @BeforeAll
  static void load() {
    body = BodyModel.load("legs");
    solver = new PoseSolver(body);
    importers = new Importers(body, 1);
  }

  @AfterAll
  static void close() {
    importers.close();
    solver.close();
    body.close();
  }

  @Test
  void unknownsAreRootPlusIndependentJoints() {
    // 6 root dofs + per leg 3 hip, knee, ankle, subtalar, mtp; the 14 coupled knee/patella joints
    // follow
    assertEquals(6 + 2 * 7, solver.unknowns());
  }

  @Test
  void recoversReachablePoses() {
    Random r = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      double[] truth = new double[body.sim.nq];
      for (int i = 0; i < body.sim.nq; i++) truth[i] = body.sim.qpos0().get(i);
      truth[0] = r.nextGaussian() * 0.3;
      truth[1] = r.nextGaussian() * 0.3;
      truth[2] = 0.95;
      System.arraycopy(Rot.rotZ(r.nextDouble() * 6), 0, truth, 3, 4);
      int[] joints = {7, 8, 9, 12, 15, 16, 21, 22, 23, 26, 29, 30}; // hips, knees, ankles, subtalar
      for (int a : joints) truth[a] = randomInRange(r, a);
      new JointCoupling(body.sim).apply(truth);
      double[] target = solver.trackedPositions(truth);
      double[] start = truth.clone();
      for (int a : joints) start[a] = 0;
      start[3] = 1;
      start[4] = start[5] = start[6] = 0;
      double[] q =
          solver.solveFrame(
              start, target, new double[] {truth[3], truth[4], truth[5], truth[6]}, 300);
      double[] got = solver.trackedPositions(q);
      double worst = 0;
      for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - target[i]));
      assertTrue(worst < 2e-3, "trial " + trial + " worst " + worst);
      assertTrue(solver.withinLimits(q));
      assertEquals(0, solver.couplingError(q), 1e-12);
    }
  }

  private static double randomInRange(Random r, int qposAdr) {
    for (int j = 0; j < body.sim.njnt; j++) {
      if (body.sim.jntQposAdr().get(j) == qposAdr) {
        double lo = body.sim.jntRange().get(j, 0), hi = body.sim.jntRange().get(j, 1);
        return lo + (0.15 + 0.7 * r.nextDouble()) * (hi - lo);
      }
    }
    throw new IllegalArgumentException();
  }

  @Test
  void realClipsMeetTheResidualTargets() {
    // two short clips of different sources: DeepMimic walk (synthesised toes) and a Bandai Namco
    // run
    for (String file :
        new String[] {
          "data/motions/deepmimic/humanoid3d_walk.txt",
          "data/motions/bandai-namco/dataset-1/dataset-1_run_normal_001.bvh"
        }) {
      Importers.Imported i = importers.importFile(Assets.resolve(file), null, null);
      Clip c = i.clip();
      assertTrue(i.ik().meanMm() < 20, file + " mean " + i.ik().meanMm());
      assertTrue(i.ik().maxMm() < 60, file + " max " + i.ik().maxMm());
      assertTrue(i.ik().footMinMm() > -10, file + " feet " + i.ik().footMinMm());
      assertEquals(c.frames(), c.poses().length);
      for (double[] q : c.poses()) {
        assertTrue(solver.withinLimits(q));
        assertTrue(solver.couplingError(q) < 1e-12);
      }
      // the stored pose really puts the tracked bodies on the keypoints
      double[] x = solver.trackedPositions(c.poses()[c.frames() / 2]);
      int[] idx = solver.keypointIndices(c);
      int k = c.keypoints().size(), f = c.frames() / 2;
      for (int j = 0; j < idx.length; j++) {
        double e = 0;
        for (int a = 0; a < 3; a++)
          e += Math.pow(x[3 * j + a] - c.positions()[(f * k + idx[j]) * 3 + a], 2);
        assertTrue(Math.sqrt(e) < 0.06, "keypoint " + j + " off by " + Math.sqrt(e));
      }
    }
  }

  /**
   * The models with a spine track the head as well. The keypoints alone let the solver lean their
   * pelvis back by 40° and bend the spine forward (a start state from the clip's root frame then
   * pitched the body 40° forward, every episode ended at its first step); a firm root prior keeps
   * the pelvis on the clip's root frame, and the Bandai Namco head keypoint sits where the model's
   * head origin does.
   */
  @Test
  void spineModelsKeepThePelvisOnTheClipRootFrame() {
    for (String model : new String[] {"legs-abs", "legs-back"}) {
      try (BodyModel b = BodyModel.load(model);
          Importers imp = new Importers(b, 1)) {
        Importers.Imported i =
            imp.importFile(
                Assets.resolve("data/motions/bandai-namco/dataset-1/dataset-1_run_normal_001.bvh"),
                null,
                null);
        Clip c = i.clip();
        assertTrue(i.ik().meanMm() < 25, model + " mean " + i.ik().meanMm());
        assertTrue(i.ik().maxMm() < 80, model + " max " + i.ik().maxMm());
        int root = c.keypoint("Pelvis"), k = c.keypoints().size();
        for (int f = 0; f < c.frames(); f++) {
          double[] q = c.poses()[f];
          double[] clipRoot = java.util.Arrays.copyOfRange(c.rootQuat(), 4 * f, 4 * f + 4);
          double[] poseRoot = java.util.Arrays.copyOfRange(q, 3, 7);
          double deg = Math.toDegrees(Rot.angleBetween(clipRoot, poseRoot));
          assertTrue(deg < 5, model + " frame " + f + ": pelvis " + deg + "° off the clip's root");
          double e = 0;
          for (int a = 0; a < 3; a++)
            e += Math.pow(q[a] - c.positions()[(f * k + root) * 3 + a], 2);
          assertTrue(
              Math.sqrt(e) < 0.03, model + " frame " + f + ": root " + Math.sqrt(e) + " m off");
        }
      }
    }
  }
}
