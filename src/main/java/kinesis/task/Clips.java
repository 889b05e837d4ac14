package kinesis.task;

import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.sim.SimData;

/**
 * Synthetic clips built from a model's standing pose (all joints at their defaults, root quaternion
 * (1, 0, 0, 0), x = y = 0, root lowered until the feet just touch the floor): for tests, for the
 * {@code stand} task and for benchmarks before real motion data are loaded.
 */
public final class Clips {
  private Clips() {}

  /** Frame rate of the synthetic clips. */
  public static final double FPS = 30;

  /**
   * The standing pose (a full qpos): the lowest root height with no contact, found by bisection to
   * 1e-9 m.
   */
  public static double[] standingPose(BodyModel body) {
    double[] q = body.sim.qpos0().toArray();
    q[0] = 0;
    q[1] = 0;
    q[3] = 1;
    q[4] = 0;
    q[5] = 0;
    q[6] = 0;
    try (SimData d = body.sim.makeData()) {
      double lo = 0, hi = 3;
      if (contacts(d, q, hi))
        throw new IllegalStateException("model touches something even when lifted 3 m");
      while (hi - lo > 1e-9) {
        double mid = 0.5 * (lo + hi);
        if (contacts(d, q, mid)) lo = mid;
        else hi = mid;
      }
      q[2] = hi;
    }
    return q;
  }

  private static boolean contacts(SimData d, double[] q, double z) {
    q[2] = z;
    d.qpos.copyFrom(q, 0);
    d.forward();
    return d.ncon() > 0;
  }

  /**
   * A clip of {@code seconds} whose tracked keypoints stay at the model's standing pose, with that
   * pose stored as its initial pose: the reference for the {@code stand} task (start at frame 0,
   * direct control).
   */
  public static Clip standing(BodyModel body, double seconds) {
    return translated(
        body, seconds, 0, "standing", "stand", "tracked bodies at the standing pose, motionless");
  }

  /**
   * The standing pose sliding forward (+x) at {@code speed} m/s with every keypoint velocity
   * (speed, 0, 0): the stand-in clip of the golden reference data, used by benchmarks until real
   * motion clips are available. Not a gait; the legs do not move relative to the pelvis.
   */
  public static Clip sliding(BodyModel body, double seconds, double speed) {
    return translated(
        body,
        seconds,
        speed,
        "sliding-" + speed,
        "other",
        "standing pose translated forward at " + speed + " m/s (synthetic, not a gait)");
  }

  private static Clip translated(
      BodyModel body, double seconds, double speed, String name, String skill, String what) {
    if (!(seconds > 0))
      throw new IllegalArgumentException("clip length must be positive: " + seconds);
    double[] pose = standingPose(body);
    var keypoints = body.variant.trackedKeypoints();
    int k = keypoints.size(), frames = (int) Math.round(seconds * FPS) + 1;
    double[] base = new double[3 * k];
    try (SimData d = body.sim.makeData()) {
      d.qpos.copyFrom(pose, 0);
      d.kinematics();
      for (int j = 0; j < k; j++)
        for (int a = 0; a < 3; a++) base[3 * j + a] = d.xpos.get(body.trackedBodies[j], a);
    }
    double[] pos = new double[frames * 3 * k], vel = new double[frames * 3 * k];
    double[] quat = new double[4 * frames], angVel = new double[3 * frames];
    for (int f = 0; f < frames; f++) {
      for (int j = 0; j < k; j++) {
        int o = (f * k + j) * 3;
        pos[o] = base[3 * j] + speed * f / FPS;
        pos[o + 1] = base[3 * j + 1];
        pos[o + 2] = base[3 * j + 2];
        vel[o] = speed;
      }
      quat[4 * f] = 1;
    }
    return new Clip(
        name,
        skill,
        FPS,
        FPS,
        keypoints,
        pos,
        vel,
        quat,
        angVel,
        Map.of("source", "synthetic", "generator", "kinesis.task.Clips", "content", what),
        body.variant.name(),
        frames,
        new double[][] {pose});
  }
}
