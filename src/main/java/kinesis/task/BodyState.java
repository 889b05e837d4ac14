package kinesis.task;

import kinesis.body.BodyModel;
import kinesis.sim.DoubleView;
import kinesis.sim.MjLayout;
import kinesis.sim.SimData;

/**
 * What observations and rewards read from a simulation, copied into Java arrays with one bulk copy
 * per MuJoCo array. Indexed by MuJoCo body id (row 0 is the world body and is never read); the
 * robot is bodies {@code [first, end)} (scene objects such as a ball may come before or after it
 * and are captured too).
 *
 * <p>Velocities are COM velocities in the world frame, exactly what a MuJoCo {@code framelinvel} /
 * {@code frameangvel} sensor with objtype body reports ({@code mj_objectVelocity(mjOBJ_BODY)},
 * kinesis-reference.md §9.5); they are derived here from {@code cvel}, so models without such
 * sensors (the MyoSuite variants) get the same numbers. As in KINESIS, velocities and touch forces
 * are captured right after the last {@code mj_step} (values from the start of that substep),
 * positions and orientations after the following {@code mj_kinematics}.
 */
public final class BodyState {
  public final int nbody;
  public final int root;

  /** The robot's bodies: ids {@code [first, end)} ({@link BodyModel#robotFirst}). */
  public final int first, end;

  /** Body origins, world frame [nbody][3]. */
  public final double[] xpos;

  /** Body rotation matrices, row-major [nbody][9]. */
  public final double[] xmat;

  /** COM linear velocity, world frame [nbody][3]. */
  public final double[] linVel;

  /** Angular velocity, world frame [nbody][3]. */
  public final double[] angVel;

  /** Touch sensors r_foot, r_toes, l_foot, l_toes in N (0 where the model has no such sensor). */
  public final double[] touch = new double[4];

  /** cos and sin of the root's heading (see {@link Rotations#heading}). */
  public double headingCos = 1, headingSin;

  private final int[] rootId;
  private final int[] touchAdr;
  private final double[] cvel, xipos, subtreeCom;

  public BodyState(BodyModel body) {
    nbody = body.sim.nbody;
    root = body.rootBody;
    first = body.robotFirst;
    end = body.robotEnd;
    xpos = new double[3 * nbody];
    xmat = new double[9 * nbody];
    linVel = new double[3 * nbody];
    angVel = new double[3 * nbody];
    cvel = new double[6 * nbody];
    xipos = new double[3 * nbody];
    subtreeCom = new double[3 * nbody];
    rootId = new int[nbody];
    var ids = body.sim.ints(MjLayout.M_body_rootid, nbody, 1);
    for (int b = 0; b < nbody; b++) rootId[b] = ids.get(b);
    touchAdr = body.touchAdr.clone();
  }

  /** Copies velocities and touch forces; call right after {@code mj_step} or {@code mj_forward}. */
  public void captureVelocities(SimData d) {
    d.cvel.copyTo(cvel, 0);
    d.xipos.copyTo(xipos, 0);
    d.subtreeCom.copyTo(subtreeCom, 0);
    comVelocities(cvel, xipos, subtreeCom, rootId, nbody, linVel, angVel);
    DoubleView s = d.sensordata;
    for (int i = 0; i < 4; i++) touch[i] = touchAdr[i] < 0 ? 0 : s.get(touchAdr[i]);
  }

  /** Copies body positions and orientations and derives the root heading; call after kinematics. */
  public void capturePositions(SimData d) {
    d.xpos.copyTo(xpos, 0);
    d.xmat.copyTo(xmat, 0);
    double h = Rotations.heading(xmat, 9 * root);
    headingCos = Math.cos(h);
    headingSin = Math.sin(h);
  }

  /**
   * World-frame COM velocities from MuJoCo's {@code cvel} (angular, linear at the subtree COM of
   * the body's root): ω = cvel[0:3], v = cvel[3:6] + ω × (xipos − subtree_com[rootid]).
   */
  static void comVelocities(
      double[] cvel,
      double[] xipos,
      double[] subtreeCom,
      int[] rootId,
      int nbody,
      double[] linOut,
      double[] angOut) {
    for (int b = 1; b < nbody; b++) {
      int c = 6 * b, p = 3 * b, r = 3 * rootId[b];
      double wx = cvel[c], wy = cvel[c + 1], wz = cvel[c + 2];
      double dx = xipos[p] - subtreeCom[r],
          dy = xipos[p + 1] - subtreeCom[r + 1],
          dz = xipos[p + 2] - subtreeCom[r + 2];
      angOut[p] = wx;
      angOut[p + 1] = wy;
      angOut[p + 2] = wz;
      linOut[p] = cvel[c + 3] + wy * dz - wz * dy;
      linOut[p + 1] = cvel[c + 4] + wz * dx - wx * dz;
      linOut[p + 2] = cvel[c + 5] + wx * dy - wy * dx;
    }
  }
}
