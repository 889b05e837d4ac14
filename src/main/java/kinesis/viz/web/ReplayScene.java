package kinesis.viz.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.sim.DoubleView;
import kinesis.sim.IntView;
import kinesis.sim.MjLayout;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;

/**
 * The moving part of one replay, computed by replaying its kinematics through MuJoCo: per frame the
 * pose of every body and the wrapped path of every muscle, plus the replay's reference keypoints,
 * activations (in the model's muscle order) and reward terms. {@code meta} is JSON-ready and names
 * the arrays packed in {@code data} (see {@link Binary}).
 */
public record ReplayScene(Map<String, Object> meta, byte[] data) {
  /** {@code mjTRN_TENDON}: the actuator pulls on a tendon. */
  static final int TRN_TENDON = 3;

  /** {@code wrap_obj} marker of a pulley, which splits a tendon path. */
  static final int PULLEY = -2;

  /** {@code mjtWrap}: pulley, site, sphere and cylinder entries of a spatial tendon. */
  static final int WRAP_PULLEY = 2, WRAP_SITE = 3, WRAP_SPHERE = 4, WRAP_CYLINDER = 5;

  /** Builds the scene of {@code replay} on a loaded model of the same variant. */
  public static ReplayScene of(Replay replay, BodyModel body) {
    return of(replay, body, null);
  }

  /**
   * As {@link #of(Replay, BodyModel)} with the path slots per muscle given (e.g. {@link
   * #slotBound}), so that scenes of successive pieces of a live episode share one layout; null:
   * each muscle's longest path.
   */
  public static ReplayScene of(Replay replay, BodyModel body, int[] fixedSlots) {
    SimModel m = body.sim;
    if (replay.qpos()[0].length != m.nq) {
      throw new BadInputException(
          "replay '"
              + replay.label()
              + "': qpos rows have "
              + replay.qpos()[0].length
              + " values but model '"
              + body.variant.name()
              + "' has nq="
              + m.nq);
    }
    int t = replay.frames(), nb = m.nbody - 1, nu = m.nu;
    int[] actColumn = activationColumns(replay, body);
    Kinematics k = kinematics(replay, body);
    int[] slots = fixedSlots != null ? fixedSlots.clone() : longestPaths(k.paths(), nu);
    int totalSlots = Arrays.stream(slots).sum();

    Binary bin = new Binary();
    Map<String, Object> arrays = new LinkedHashMap<>();
    arrays.put("poses", bin.floats(k.poses(), t, nb * 7));
    arrays.put("musclePoints", bin.floats(musclePoints(k.paths(), slots), t, totalSlots * 3));
    arrays.put(
        "keypoints", bin.floats(flatten(replay.keypoints(), t), t, replay.keypointCount() * 3));
    arrays.put("act", bin.floats(activations(replay, actColumn), t, nu));
    arrays.put("rewards", bin.floats(flatten(replay.rewards(), t), t, replay.rewardNames().size()));

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("label", replay.label());
    meta.put("model", body.variant.name());
    meta.put("fps", replay.fps());
    meta.put("frames", t);
    meta.put("rootBody", body.rootBody - 1);
    meta.put("heading", k.heading());
    meta.put("muscles", muscleTable(body, slots, actColumn));
    meta.put("muscleSlots", totalSlots);
    meta.put("keypointParents", keypointParents(replay.keypointCount(), body));
    meta.put("rewardNames", replay.rewardNames());
    meta.put("arrays", arrays);
    meta.put("bytes", bin.size());
    return new ReplayScene(meta, bin.toBytes());
  }

  /**
   * Per frame the pose (position, quaternion) of every body but the world, and every muscle's path;
   * the first frame's heading.
   */
  private record Kinematics(double[] poses, double[] heading, List<List<double[]>> paths) {}

  /** Replays the frames' qpos through MuJoCo's kinematics (positions and tendon wrapping). */
  private static Kinematics kinematics(Replay replay, BodyModel body) {
    SimModel m = body.sim;
    int t = replay.frames(), nb = m.nbody - 1, nu = m.nu;
    int[] tendon = muscleTendons(m);
    double[] poses = new double[t * nb * 7];
    double[] heading = {1, 0};
    List<List<double[]>> paths =
        new ArrayList<>(t); // per frame, per muscle: path points (NaN = break)
    try (SimData d = m.makeData()) {
      long nwrap = m.pointer().get(java.lang.foreign.ValueLayout.JAVA_LONG, MjLayout.M_nwrap);
      IntView wrapAdr = d.ints(MjLayout.D_ten_wrapadr, m.ntendon, 1);
      IntView wrapNum = d.ints(MjLayout.D_ten_wrapnum, m.ntendon, 1);
      IntView wrapObj = d.ints(MjLayout.D_wrap_obj, (int) (2 * nwrap), 1);
      DoubleView wrapXpos = d.doubles(MjLayout.D_wrap_xpos, (int) (2 * nwrap), 3);
      for (int f = 0; f < t; f++) {
        d.qpos.copyFrom(replay.qpos()[f], 0);
        d.fwdPosition();
        if (f == 0) heading = heading(d, body);
        for (int b = 0; b < nb; b++) {
          int o = (f * nb + b) * 7;
          d.xpos.copyTo(3 * (b + 1), poses, o, 3);
          d.xquat.copyTo(4 * (b + 1), poses, o + 3, 4);
        }
        List<double[]> frame = new ArrayList<>(nu);
        for (int k = 0; k < nu; k++) {
          frame.add(
              tendon[k] < 0
                  ? new double[0]
                  : path(wrapAdr.get(tendon[k]), wrapNum.get(tendon[k]), wrapObj, wrapXpos));
        }
        paths.add(frame);
      }
    }
    return new Kinematics(poses, heading, paths);
  }

  /** Path slots per muscle: the most points its path has in any frame. */
  private static int[] longestPaths(List<List<double[]>> paths, int nu) {
    int[] slots = new int[nu];
    for (List<double[]> frame : paths)
      for (int k = 0; k < nu; k++) slots[k] = Math.max(slots[k], frame.get(k).length / 3);
    return slots;
  }

  /** Every frame's muscle paths in their fixed slots; a shorter path repeats its last point. */
  private static double[] musclePoints(List<List<double[]>> paths, int[] slots) {
    int totalSlots = Arrays.stream(slots).sum();
    double[] out = new double[paths.size() * totalSlots * 3];
    for (int f = 0; f < paths.size(); f++) {
      int o = f * totalSlots * 3;
      for (int k = 0; k < slots.length; k++) {
        double[] p = paths.get(f).get(k);
        for (int s = 0; s < slots[k]; s++, o += 3) {
          int src = Math.min(s, p.length / 3 - 1) * 3;
          if (src >= 0) System.arraycopy(p, src, out, o, 3);
        }
      }
    }
    return out;
  }

  /** Activations per frame in the model's muscle order (NaN for a muscle the replay lacks). */
  private static double[] activations(Replay replay, int[] actColumn) {
    int t = replay.frames(), nu = actColumn.length;
    double[] act = new double[t * nu];
    for (int f = 0; f < t; f++) {
      for (int k = 0; k < nu; k++)
        act[f * nu + k] = actColumn[k] < 0 ? Double.NaN : replay.act()[f][actColumn[k]];
    }
    return act;
  }

  /** Each muscle's name, first path slot, slot count and whether the replay has its activation. */
  private static List<Map<String, Object>> muscleTable(
      BodyModel body, int[] slots, int[] actColumn) {
    List<Map<String, Object>> muscles = new ArrayList<>();
    for (int k = 0, first = 0; k < slots.length; first += slots[k], k++) {
      Map<String, Object> mu = new LinkedHashMap<>();
      mu.put("name", body.muscles.get(k));
      mu.put("firstSlot", first);
      mu.put("slots", slots[k]);
      mu.put("hasActivation", actColumn[k] >= 0);
      muscles.add(mu);
    }
    return muscles;
  }

  /**
   * The most path points each muscle's tendon can have in any pose: one per site and pulley, two
   * per wrapping geom (its tangent points, present only while the path wraps); 0 without a tendon.
   */
  public static int[] slotBound(SimModel m) {
    long nwrap = m.pointer().get(java.lang.foreign.ValueLayout.JAVA_LONG, MjLayout.M_nwrap);
    IntView adr = m.ints(MjLayout.M_tendon_adr, m.ntendon, 1),
        num = m.ints(MjLayout.M_tendon_num, m.ntendon, 1);
    IntView type = m.ints(MjLayout.M_wrap_type, (int) nwrap, 1);
    int[] tendon = muscleTendons(m), out = new int[m.nu];
    for (int k = 0; k < m.nu; k++) {
      if (tendon[k] < 0) continue;
      for (int w = adr.get(tendon[k]); w < adr.get(tendon[k]) + num.get(tendon[k]); w++) {
        int t = type.get(w);
        out[k] +=
            t == WRAP_SPHERE || t == WRAP_CYLINDER ? 2 : t == WRAP_SITE || t == WRAP_PULLEY ? 1 : 0;
      }
    }
    return out;
  }

  /** Unit xy direction the body faces: right heel to right toes (x when the model has no feet). */
  static double[] heading(SimData d, BodyModel body) {
    if (body.feetBodies.length < 2) return new double[] {1, 0};
    double x = d.xpos.get(body.feetBodies[1], 0) - d.xpos.get(body.feetBodies[0], 0);
    double y = d.xpos.get(body.feetBodies[1], 1) - d.xpos.get(body.feetBodies[0], 1);
    double n = Math.hypot(x, y);
    return n < 1e-9 ? new double[] {1, 0} : new double[] {x / n, y / n};
  }

  // wrap points of one tendon, with a NaN point where a pulley splits the path
  private static double[] path(int adr, int num, IntView wrapObj, DoubleView wrapXpos) {
    double[] p = new double[3 * num];
    for (int j = 0; j < num; j++) {
      boolean pulley = wrapObj.get(adr + j) == PULLEY;
      for (int c = 0; c < 3; c++) p[3 * j + c] = pulley ? Double.NaN : wrapXpos.get(adr + j, c);
    }
    return p;
  }

  // tendon id of each actuator (-1 when it does not act through a tendon)
  private static int[] muscleTendons(SimModel m) {
    IntView trnType = m.ints(MjLayout.M_actuator_trntype, m.nu, 1);
    IntView trnId = m.actuatorTrnId();
    int[] out = new int[m.nu];
    for (int k = 0; k < m.nu; k++) out[k] = trnType.get(k) == TRN_TENDON ? trnId.get(k, 0) : -1;
    return out;
  }

  // for each model muscle, its column in replay.act() (-1 when the replay has none)
  private static int[] activationColumns(Replay replay, BodyModel body) {
    int[] col = new int[body.muscles.size()];
    Arrays.fill(col, -1);
    List<String> names = replay.muscleNames();
    for (int j = 0; j < names.size(); j++) {
      int k = body.muscles.indexOf(names.get(j));
      if (k < 0) {
        throw new BadInputException(
            "replay '"
                + replay.label()
                + "': muscle '"
                + names.get(j)
                + "' is not in model '"
                + body.variant.name()
                + "'");
      }
      col[k] = j;
    }
    return col;
  }

  // parent keypoint of each keypoint, when they are the variant's tracked bodies (else all -1)
  static int[] keypointParents(int j, BodyModel body) {
    int[] parent = new int[j];
    Arrays.fill(parent, -1);
    if (j != body.trackedBodies.length) return parent;
    IntView bodyParent = body.sim.bodyParentId();
    for (int i = 0; i < j; i++) {
      for (int b = bodyParent.get(body.trackedBodies[i]);
          b > 0 && parent[i] < 0;
          b = bodyParent.get(b)) {
        for (int a = 0; a < j; a++) if (body.trackedBodies[a] == b) parent[i] = a;
      }
    }
    return parent;
  }

  private static double[] flatten(double[][] rows, int t) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] out = new double[t * cols];
    for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, out, i * cols, cols);
    return out;
  }
}
