package kinesis.task;

import java.util.Arrays;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;

/**
 * Puts a body into the state of a clip frame (kinesis-reference.md §2.1), optionally turned about
 * the vertical through the root: root position = tracked root keypoint, root orientation = clip root
 * quaternion, joints = the clip's pose for this model at or before the frame (else the model
 * defaults), root linear velocity = keypoint velocity, root angular velocity = the clip's, in the root
 * frame; other velocities 0. Activations, controls and time start from zero ({@code mj_resetData}),
 * unlike KINESIS which carries them over. One per environment (it holds buffers).
 */
public final class ClipStart {
  private final TrackedClips clips;
  private final double[] qpos, qvel, defaultQpos, pos, vel;
  private final double[] rootRot = new double[9];

  public ClipStart(TrackedClips clips, double[] defaultQpos, int nv, int tracked) {
    this.clips = clips;
    this.defaultQpos = defaultQpos.clone();
    qpos = new double[defaultQpos.length];
    qvel = new double[nv];
    pos = new double[3 * tracked];
    vel = new double[3 * tracked];
  }

  /** Sets {@code p} to frame {@code frame} of clip {@code clip}, turned by {@code heading} radians, and captures its state. */
  public void apply(MusclePhysics p, int clip, int frame, double heading) {
    Clip c = clips.clip(clip);
    p.d.reset();
    c.sample(frame / c.fps(), clips.keypoints(clip), pos, vel);
    double[] pose = clips.hasPoses(clip) ? c.poseAtOrBefore(frame) : defaultQpos;
    System.arraycopy(pose, 0, qpos, 0, qpos.length);
    Arrays.fill(qvel, 0);
    int f4 = 4 * frame, f3 = 3 * frame;
    double[] q = c.rootQuat();
    double n = Math.sqrt(q[f4] * q[f4] + q[f4 + 1] * q[f4 + 1] + q[f4 + 2] * q[f4 + 2] + q[f4 + 3] * q[f4 + 3]);
    if (!(n > 0)) throw new BadInputException("clip '" + c.name() + "' has a zero root quaternion at frame " + frame);
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
    if (heading != 0) turn(heading);
    p.d.qpos.copyFrom(qpos, 0);
    p.d.qvel.copyFrom(qvel, 0);
    p.capture(true);
  }

  /** Turns root orientation and linear velocity by {@code angle} about world z: q ← R_z ⊗ q, v ← R_z·v. */
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
