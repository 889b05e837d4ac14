package kinesis.eval.emg;

import java.util.ArrayList;
import java.util.List;
import kinesis.task.Rollout;

/**
 * A rollout made from the human curves themselves, for checking the benchmark end to end: one
 * control step per normalisation point (a 100-step cycle for {@code CYCLE_100}, 100 stance + 100
 * swing steps for {@code STANCE_SWING_200}), repeated over several cycles. The tested side's mapped
 * muscles carry a subject's EMG curve as both {@code act} and {@code ctrl}, its touch sensors
 * follow the stance phase, and where the data set has kinematics its joints follow the human
 * angles; the other side does the same half a cycle later. Compared with the same subject, every
 * correlation must be 1 and the MPJAE 0.
 */
public final class SyntheticRollout {
  private SyntheticRollout() {}

  /**
   * The rollout that plays subject {@code subject}'s curves on {@code side}.
   *
   * @param layout names, joints and nq to use (e.g. a real model's {@link Rollout.Meta}); its fps
   *     is replaced
   * @param subject index of the subject whose curves are played
   * @param cycles complete cycles to contain
   */
  public static Rollout fromHuman(
      HumanData data, int subject, MuscleMap map, String side, Rollout.Meta layout, int cycles) {
    int n = data.normalisation().points;
    int stance =
        data.normalisation() == TimeNormalisation.STANCE_SWING_200
            ? 100
            : (int) Math.round(data.stanceFraction() * n);
    double fps = n; // one second per cycle
    Rollout.Meta meta =
        new Rollout.Meta(
            layout.model(),
            "synthetic-" + data.name() + "-" + data.subjects().get(subject),
            fps,
            "human curves",
            0,
            layout.bodyNames(),
            layout.trackedBodies(),
            layout.keypointNames(),
            layout.muscleNames(),
            layout.rewardNames(),
            layout.jointNames(),
            layout.jointQposAdr(),
            layout.nq());
    String other = side.equals("right") ? "left" : "right";
    Rollout.Builder b = new Rollout.Builder(meta, new int[] {-1, -1, -1, -1});
    int start = stance; // begin at toe-off so that a swing precedes the first initial contact
    int steps = (n - stance) + cycles * n + n / 4;
    int nu = meta.nu();
    for (int t = 0; t < steps; t++) {
      int p = (start + t) % n, q = (start + t + n / 2) % n; // tested side, other side
      double[] act = new double[nu];
      setMuscles(act, data, subject, map, side, meta.muscleNames(), p);
      setMuscles(act, data, subject, map, other, meta.muscleNames(), q);
      double[] qpos = new double[meta.nq()];
      if (meta.nq() >= 7) {
        qpos[0] = t / fps * 1.2; // walking forward at 1.2 m/s, upright
        qpos[2] = 0.92;
        qpos[3] = 1;
      }
      for (var e : data.joints().entrySet()) {
        setJoint(qpos, meta, JointAngles.modelJoint(e.getKey(), side), e.getKey(), e.getValue()[p]);
        setJoint(
            qpos, meta, JointAngles.modelJoint(e.getKey(), other), e.getKey(), e.getValue()[q]);
      }
      double[] touchSide = touch(p, stance), touchOther = touch(q, stance);
      double[] touch =
          side.equals("right")
              ? new double[] {touchSide[0], touchSide[1], touchOther[0], touchOther[1]}
              : new double[] {touchOther[0], touchOther[1], touchSide[0], touchSide[1]};
      b.append(
          t / fps,
          qpos,
          new double[meta.nbody() * 3],
          unitQuaternions(meta.nbody()),
          new double[meta.keypointNames().size() * 3],
          act,
          act.clone(),
          touch,
          new double[meta.rewardNames().size()]);
    }
    return b.build();
  }

  /** A layout without a model: the mapped muscles of both sides and the eight compared joints. */
  public static Rollout.Meta minimalLayout(MuscleMap map) {
    List<String> muscles = new ArrayList<>();
    for (String side : List.of("right", "left")) {
      for (String ds : HumanData.NAMES) {
        for (String c : map.channels(ds)) {
          for (String m : map.muscles(ds, c, side)) if (!muscles.contains(m)) muscles.add(m);
        }
      }
    }
    List<String> joints = new ArrayList<>();
    List<Integer> adr = new ArrayList<>();
    for (String side : List.of("right", "left")) {
      for (String j : JointAngles.HUMAN_COLUMNS) {
        joints.add(JointAngles.modelJoint(j, side));
        adr.add(7 + adr.size());
      }
    }
    return new Rollout.Meta(
        "synthetic",
        "",
        1,
        "",
        0,
        List.of("root"),
        List.of("root"),
        List.of(),
        muscles,
        List.of(),
        joints,
        adr,
        7 + joints.size());
  }

  /** Heel on over the first 80 % of stance, toes from 30 % to the end of stance (N). */
  private static double[] touch(int point, int stance) {
    if (point >= stance) return new double[] {0, 0};
    return new double[] {point < 0.8 * stance ? 400 : 0, point >= 0.3 * stance ? 300 : 0};
  }

  private static void setMuscles(
      double[] act,
      HumanData data,
      int subject,
      MuscleMap map,
      String side,
      List<String> names,
      int point) {
    for (String c : map.channels(data.name())) {
      double v = data.emg()[subject][data.channels().indexOf(c)][point];
      for (String m : map.muscles(data.name(), c, side)) {
        int i = names.indexOf(m);
        if (i >= 0) act[i] = v;
      }
    }
  }

  private static void setJoint(
      double[] qpos, Rollout.Meta meta, String joint, String column, double degrees) {
    int adr = meta.qposAdr(joint);
    if (adr >= 0) qpos[adr] = JointAngles.toModelRadians(column, degrees);
  }

  private static double[] unitQuaternions(int bodies) {
    double[] q = new double[bodies * 4];
    for (int i = 0; i < bodies; i++) q[i * 4] = 1;
    return q;
  }
}
