package kinesis.task;

import java.util.Arrays;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;

/**
 * Puts a body into the state of a clip frame (kinesis-reference.md §2.1), optionally turned about
 * the vertical through the root: root position = tracked root keypoint, root orientation = clip
 * root quaternion, joints = the clip's pose for this model at or before the frame (else the model
 * defaults), root linear velocity = keypoint velocity, root angular velocity = the clip's, in the
 * root frame; other velocities 0. Only the robot's coordinates ({@link BodyModel#qposStart} on) are
 * written; the rest of the scene starts from the model's defaults. Activations, controls and time
 * start from zero ({@code mj_resetData}), unlike KINESIS which carries them over. One per
 * environment (it holds buffers).
 */
public final class ClipStart {
  private final TrackedClips clips;
  private final double[] qpos, qvel, defaultQpos, pos, vel;
  private final double[] rootRot = new double[9];
  private final int qposStart, dofStart;

  public ClipStart(TrackedClips clips, BodyModel body) {
    this.clips = clips;
    qposStart = body.qposStart;
    dofStart = body.dofStart;
    defaultQpos = new double[body.robotNq];
    body.sim.qpos0().copyTo(qposStart, defaultQpos, 0, body.robotNq);
    qpos = new double[body.robotNq];
    qvel = new double[body.robotNv];
    pos = new double[3 * body.trackedBodies.length];
    vel = new double[3 * body.trackedBodies.length];
  }

  /**
   * Sets {@code p} to frame {@code frame} of clip {@code clip}, turned by {@code heading} radians,
   * and captures its state.
   */
  public void apply(MusclePhysics p, int clip, int frame, double heading) {
    fill(clip, frame);
    if (heading != 0) turn(heading);
    write(p);
  }

  /**
   * Sets {@code p} to frame {@code frame} of clip {@code clip} with the root moved to world ({@code
   * x}, {@code y}) (its height kept) and turned so that its heading is {@code heading} radians (0:
   * facing +x), and captures its state.
   */
  public void place(MusclePhysics p, int clip, int frame, double x, double y, double heading) {
    fill(clip, frame);
    Rotations.quatToMat(qpos, 3, rootRot, 0);
    double turn = heading - Rotations.heading(rootRot, 0);
    if (turn != 0) turn(turn);
    qpos[0] = x;
    qpos[1] = y;
    write(p);
  }

  /** The robot's qpos and qvel of the frame, not yet turned. */
  private void fill(int clip, int frame) {
    Clip c = clips.clip(clip);
    c.sample(frame / c.fps(), clips.keypoints(clip), pos, vel);
    double[] pose = clips.hasPoses(clip) ? c.poseAtOrBefore(frame) : defaultQpos;
    System.arraycopy(pose, 0, qpos, 0, qpos.length);
    Arrays.fill(qvel, 0);
    int f4 = 4 * frame, f3 = 3 * frame;
    double[] q = c.rootQuat();
    double n =
        Math.sqrt(
            q[f4] * q[f4] + q[f4 + 1] * q[f4 + 1] + q[f4 + 2] * q[f4 + 2] + q[f4 + 3] * q[f4 + 3]);
    if (!(n > 0))
      throw new BadInputException(
          "clip '" + c.name() + "' has a zero root quaternion at frame " + frame);
    for (int a = 0; a < 3; a++) {
      qpos[a] = pos[a];
      qvel[a] = vel[a];
    }
    for (int a = 0; a < 4; a++) qpos[3 + a] = q[f4 + a] / n;
    // angular velocity: world → root frame, Rᵀ·ω (unchanged by a turn of the whole state)
    Rotations.quatToMat(qpos, 3, rootRot, 0);
    double[] m = rootRot, w = c.rootAngVel();
    double wx = w[f3], wy = w[f3 + 1], wz = w[f3 + 2];
    qvel[3] = m[0] * wx + m[3] * wy + m[6] * wz;
    qvel[4] = m[1] * wx + m[4] * wy + m[7] * wz;
    qvel[5] = m[2] * wx + m[5] * wy + m[8] * wz;
  }

  /**
   * Resets the simulation, writes the robot's coordinates into their slice of qpos and qvel, and
   * captures the state.
   */
  private void write(MusclePhysics p) {
    p.d.reset();
    for (int i = 0; i < qpos.length; i++) p.d.qpos.set(qposStart + i, qpos[i]);
    for (int i = 0; i < qvel.length; i++) p.d.qvel.set(dofStart + i, qvel[i]);
    p.capture(true);
  }

  /**
   * Turns root orientation and linear velocity by {@code angle} about world z: q ← R_z ⊗ q, v ←
   * R_z·v.
   */
  private void turn(double angle) {
    double cw = Math.cos(angle / 2), sz = Math.sin(angle / 2);
    double w = qpos[3], x = qpos[4], y = qpos[5], z = qpos[6];
    qpos[3] = cw * w - sz * z;
    qpos[4] = cw * x - sz * y;
    qpos[5] = cw * y + sz * x;
    qpos[6] = cw * z + sz * w;
    double c = Math.cos(angle), s = Math.sin(angle), vx = qvel[0], vy = qvel[1];
    qvel[0] = c * vx - s * vy;
    qvel[1] = s * vx + c * vy;
  }
}
