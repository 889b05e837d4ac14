package kinesis.motion.text;

import java.util.Arrays;
import kinesis.motion.Clip;
import kinesis.motion.Rot;
import kinesis.motion.Signal;

/**
 * Keypoint positions and root orientations of consecutive frames, the material compositions are
 * cut, turned and joined from. Arrays as in {@link Clip}: {@code pos[(frame·k + j)·3 + axis]},
 * world metres z up; {@code quat[4·frame]} (w, x, y, z). Operations return new tracks.
 *
 * @param pos [frames][k][3]
 * @param quat [frames][4]
 * @param k keypoints per frame (keypoint 0 is the Pelvis, as every importer writes it)
 */
public record Track(double[] pos, double[] quat, int k) {
  public Track {
    if (pos.length % (3 * k) != 0 || quat.length != 4 * (pos.length / (3 * k)))
      throw new IllegalArgumentException("track arrays disagree");
  }

  /** Frames [from, to) of a clip. */
  public static Track of(Clip c, int from, int to) {
    int k = c.keypoints().size();
    if (from < 0 || to > c.frames() || to <= from)
      throw new IllegalArgumentException("frames " + from + ".." + to + " of " + c.frames());
    return new Track(
        Arrays.copyOfRange(c.positions(), from * k * 3, to * k * 3),
        Arrays.copyOfRange(c.rootQuat(), 4 * from, 4 * to),
        k);
  }

  public int frames() {
    return quat.length / 4;
  }

  /** Frames [from, to). */
  public Track slice(int from, int to) {
    return new Track(
        Arrays.copyOfRange(pos, from * k * 3, to * k * 3),
        Arrays.copyOfRange(quat, 4 * from, 4 * to),
        k);
  }

  /** This track followed by {@code b} as they are (no alignment). */
  public Track append(Track b) {
    double[] p = Arrays.copyOf(pos, pos.length + b.pos.length),
        q = Arrays.copyOf(quat, quat.length + b.quat.length);
    System.arraycopy(b.pos, 0, p, pos.length, b.pos.length);
    System.arraycopy(b.quat, 0, q, quat.length, b.quat.length);
    return new Track(p, q, k);
  }

  /** Keypoint {@code j} at frame {@code f}. */
  public double[] at(int f, int j) {
    return Signal.at(pos, f * k + j, 3);
  }

  /** Root orientation at frame {@code f}. */
  public double[] rootQuat(int f) {
    return Signal.at(quat, f, 4);
  }

  /** Root heading at frame {@code f} (radians, about z). */
  public double heading(int f) {
    return Rot.heading(rootQuat(f));
  }

  /** Unwrapped heading change from frame {@code from} to frame {@code to} (radians, + = left). */
  public double headingChange(int from, int to) {
    double sum = 0;
    for (int f = from + 1; f <= to; f++) sum += Rot.wrap(heading(f) - heading(f - 1));
    return sum;
  }

  /** Horizontal pelvis path length from frame {@code from} to frame {@code to} (metres). */
  public double path(int from, int to) {
    double sum = 0;
    for (int f = from + 1; f <= to; f++) {
      int a = f * k * 3, b = (f - 1) * k * 3;
      sum += Math.hypot(pos[a] - pos[b], pos[a + 1] - pos[b + 1]);
    }
    return sum;
  }

  /**
   * The whole track turned by {@code yaw} about the world z axis through the origin, then moved by
   * (dx, dy).
   */
  public Track moved(double yaw, double dx, double dy) {
    double c = Math.cos(yaw), s = Math.sin(yaw);
    double[] p = pos.clone(), q = new double[quat.length];
    for (int i = 0; i < p.length / 3; i++) {
      double x = pos[3 * i], y = pos[3 * i + 1];
      p[3 * i] = c * x - s * y + dx;
      p[3 * i + 1] = s * x + c * y + dy;
    }
    double[] turn = Rot.rotZ(yaw);
    for (int f = 0; f < frames(); f++)
      System.arraycopy(Rot.canonical(Rot.mul(turn, rootQuat(f))), 0, q, 4 * f, 4);
    return new Track(p, q, k);
  }
}
