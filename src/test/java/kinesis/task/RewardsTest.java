package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import kinesis.body.BodyModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reward terms against values derived by hand (numbers in the comments). */
class RewardsTest {
  static BodyModel legs;
  static int[] tracked;

  @BeforeAll
  static void load() {
    legs = BodyModel.load("legs");
    tracked = legs.trackedBodies;
  }

  @AfterAll
  static void close() {
    legs.close();
  }

  /**
   * A state whose tracked bodies sit exactly on {@code ref} (positions) with zero velocity,
   * upright.
   */
  private static BodyState onReference(double[] ref) {
    BodyState s = new BodyState(legs);
    double[] identity = {1, 0, 0, 0};
    for (int b = 1; b < s.nbody; b++) Rotations.quatToMat(identity, 0, s.xmat, 9 * b);
    for (int j = 0; j < tracked.length; j++)
      System.arraycopy(ref, 3 * j, s.xpos, 3 * tracked[j], 3);
    return s;
  }

  private static double[] reference() {
    double[] ref = new double[21];
    for (int i = 0; i < 21; i++) ref[i] = 0.1 * i;
    return ref;
  }

  @Test
  void positionTracking() {
    double[] ref = reference();
    BodyState s = onReference(ref);
    assertEquals(1, Rewards.positionTracking(s, tracked, ref, 200), 0);
    s.xpos[3 * tracked[4]] += 0.1; // one coordinate off by 0.1 m: MSE = 0.01 / 21
    assertEquals(
        0.909156442876713,
        Rewards.positionTracking(s, tracked, ref, 200),
        1e-14); // exp(−200·0.01/21)
  }

  @Test
  void velocityTracking() {
    double[] ref = reference(), vel = new double[21];
    BodyState s = onReference(ref);
    assertEquals(1, Rewards.velocityTracking(s, tracked, vel, 5), 0);
    vel[20] = 1; // reference says 1 m/s up for the last body, simulation 0: MSE = 1/21
    assertEquals(
        0.788127627745311, Rewards.velocityTracking(s, tracked, vel, 5), 1e-14); // exp(−5/21)
  }

  @Test
  void uprightIgnoresHeadingAndPenalisesTilt() {
    BodyState s = onReference(reference());
    int r = 9 * s.root;
    assertEquals(1, Rewards.upright(s, 3), 0);
    // R = R_z(1.0)·R_y(−0.1)·R_x(0.2): tilt angles 0.2 and −0.1 → exp(−3·(0.04 + 0.01)) =
    // exp(−0.15)
    double[] m = matmul(rotZ(1.0), matmul(rotY(-0.1), rotX(0.2)));
    System.arraycopy(m, 0, s.xmat, r, 9);
    assertEquals(0.8607079764250578, Rewards.upright(s, 3), 1e-14);
    double[] obs = new double[4];
    Observations.rootTilt(s, obs, 0);
    assertEquals(Math.cos(0.2), obs[0], 1e-14);
    assertEquals(Math.sin(0.2), obs[1], 1e-14);
    assertEquals(Math.cos(-0.1), obs[2], 1e-14);
    assertEquals(Math.sin(-0.1), obs[3], 1e-14);
  }

  @Test
  void energy() {
    double[] u = new double[80];
    assertEquals(1, Rewards.energy(u, 80, 0.05), 0);
    Arrays.fill(u, 1);
    assertEquals(0.011711153560582907, Rewards.energy(u, 80, 0.05), 1e-15); // exp(−0.05·(80 + √80))
  }

  @Test
  void weightedTotal() {
    double[] terms = {0.909156442876713, 0.788127627745311, 0.8607079764250578, 1};
    assertEquals(0.8891901889175957, Rewards.total(RewardConfig.kinesis(), terms), 1e-15);
    assertEquals(1, Rewards.total(RewardConfig.kinesis(), new double[] {1, 1, 1, 1}), 1e-15);
  }

  @Test
  void terminationAnyVersusMean() {
    double[] ref = reference();
    BodyState s = onReference(ref);
    s.xpos[3 * tracked[2] + 1] += 0.16; // one body 0.16 m off, the others exact: mean 0.16/7
    assertTrue(Rewards.tooFar(s, tracked, ref, 0.15, false));
    assertFalse(Rewards.tooFar(s, tracked, ref, 0.5, true));
    assertTrue(Rewards.tooFar(s, tracked, ref, 0.02, true)); // 0.0229 > 0.02
    assertFalse(Rewards.tooFar(s, tracked, ref, 0.17, false));
  }

  private static double[] rotX(double a) {
    return new double[] {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
  }

  private static double[] rotY(double a) {
    return new double[] {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
  }

  private static double[] rotZ(double a) {
    return new double[] {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
  }

  private static double[] matmul(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
    return c;
  }
}
