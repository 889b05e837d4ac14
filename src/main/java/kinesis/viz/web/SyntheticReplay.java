package kinesis.viz.web;

import java.util.List;
import kinesis.body.BodyModel;
import kinesis.sim.ObjType;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;

/**
 * A made-up replay for demonstrations and tests, clearly labelled as such: the pelvis glides
 * forward while the hips, knees and ankles swing like a slow walk; the ghost reference is the same
 * motion a little ahead in phase; activations are phase-shifted waves; the reward terms are
 * computed from that motion (keypoint distance, pelvis height, effort).
 */
public final class SyntheticReplay {
  private SyntheticReplay() {}

  /**
   * {@code seconds} of motion at {@code fps} on a loaded model (any variant with MyoLeg joints).
   */
  public static Replay of(BodyModel body, double seconds, double fps, double phaseLead) {
    SimModel m = body.sim;
    int t = Math.max(2, (int) Math.round(seconds * fps));
    int j = body.trackedBodies.length, nu = body.muscleCount();
    double[][] qpos = new double[t][], keypoints = new double[t][3 * j], act = new double[t][nu];
    double[][] rewards = new double[t][3];
    try (SimData d = m.makeData()) {
      d.qpos.copyFrom(m.qpos0().toArray(), 0);
      d.kinematics();
      double[] heading = ReplayScene.heading(d, body);
      for (int f = 0; f < t; f++) {
        double time = f / fps;
        qpos[f] = pose(m, time, 0, heading);
        // the reference: the same gait, ahead in phase
        d.qpos.copyFrom(pose(m, time, phaseLead, heading), 0);
        d.kinematics();
        for (int i = 0; i < j; i++)
          d.xpos.copyTo(3 * body.trackedBodies[i], keypoints[f], 3 * i, 3);
        d.qpos.copyFrom(qpos[f], 0);
        d.kinematics();
        double dist = 0;
        for (int i = 0; i < j; i++) {
          double s = 0;
          for (int c = 0; c < 3; c++)
            s += sq(d.xpos.get(body.trackedBodies[i], c) - keypoints[f][3 * i + c]);
          dist += Math.sqrt(s) / j;
        }
        double effort = 0;
        for (int k = 0; k < nu; k++) {
          act[f][k] = sq(Math.max(0, Math.sin(2 * Math.PI * 0.8 * time + 2 * Math.PI * k / nu)));
          effort += sq(act[f][k]) / nu;
        }
        rewards[f] =
            new double[] {Math.exp(-10 * dist), Math.min(1, d.xpos.get(body.rootBody, 2)), -effort};
      }
    }
    return new Replay(
        "synthetic " + body.variant.name() + " (made-up motion)",
        body.variant.name(),
        fps,
        qpos,
        keypoints,
        body.muscles,
        act,
        List.of("keypoint_tracking", "pelvis_height", "effort"),
        rewards);
  }

  // the model's default pose with a walking-like swing of the leg joints at time t (s)
  private static double[] pose(SimModel m, double t, double phase, double[] heading) {
    double[] q = m.qpos0().toArray();
    double w = 2 * Math.PI * 0.8 * t + phase;
    q[0] += 0.6 * t * heading[0]; // the pelvis glides forward
    q[1] += 0.6 * t * heading[1];
    swing(m, q, "hip_flexion_r", 0.1 + 0.45 * Math.sin(w));
    swing(m, q, "hip_flexion_l", 0.1 - 0.45 * Math.sin(w));
    swing(m, q, "knee_angle_r", 0.55 + 0.5 * Math.sin(w + 1.2));
    swing(m, q, "knee_angle_l", 0.55 - 0.5 * Math.sin(w + 1.2));
    swing(m, q, "ankle_angle_r", 0.2 * Math.sin(w - 0.5));
    swing(m, q, "ankle_angle_l", -0.2 * Math.sin(w - 0.5));
    return q;
  }

  private static void swing(SimModel m, double[] q, String joint, double angle) {
    int id = m.id(ObjType.JOINT, joint);
    if (id >= 0) q[m.jntQposAdr().get(id)] = angle;
  }

  private static double sq(double x) {
    return x * x;
  }
}
