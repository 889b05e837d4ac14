package kinesis.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.sim.ObjType;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;

/**
 * One recorded episode, one row per control step: time, qpos, every body's pose, the reference
 * keypoints, muscle activations and controls, the four foot touch values and the named reward
 * terms, plus what is needed to read them (names, fps, model, clip, policy, seed). Stored on disk
 * by {@link RolloutFile}; filled step by step with a {@link Builder}.
 *
 * <p>Arrays are row-major and flat: {@code qpos[t*nq + i]}, {@code xpos[(t*nbody + b)*3 + k]},
 * {@code xquat[(t*nbody + b)*4 + k]} (w,x,y,z), {@code keypoints[(t*J + j)*3 + k]}, {@code act[t*nu
 * + m]}, {@code ctrl[t*nu + m]}, {@code touch[t*4 + s]} (N), {@code rewards[t*R + r]}.
 */
public record Rollout(
    Meta meta,
    int steps,
    double[] time,
    double[] qpos,
    double[] xpos,
    double[] xquat,
    double[] keypoints,
    double[] act,
    double[] ctrl,
    double[] touch,
    double[] rewards) {

  /** The four foot touch sensors, in the order of {@code touch}. */
  public static final List<String> TOUCH_NAMES = List.of("r_foot", "r_toes", "l_foot", "l_toes");

  /**
   * What the arrays mean.
   *
   * @param model model variant name ({@code legs}, {@code legs-abs}, {@code legs-back}, or a test
   *     name)
   * @param clip motion clip name (empty when there is none)
   * @param fps control steps per second
   * @param policy policy checkpoint or description (empty when none)
   * @param seed random seed of the episode
   * @param bodyNames bodies of the robot in id order, world excluded (rows of xpos/xquat)
   * @param trackedBodies bodies tracked against keypoints
   * @param keypointNames reference keypoints (rows of keypoints)
   * @param muscleNames actuator names (columns of act and ctrl)
   * @param rewardNames reward terms (columns of rewards)
   * @param jointNames joint names, and their first qpos address in {@code jointQposAdr}
   * @param jointQposAdr qpos address of each joint
   * @param nq qpos width
   */
  public record Meta(
      String model,
      String clip,
      double fps,
      String policy,
      long seed,
      List<String> bodyNames,
      List<String> trackedBodies,
      List<String> keypointNames,
      List<String> muscleNames,
      List<String> rewardNames,
      List<String> jointNames,
      List<Integer> jointQposAdr,
      int nq) {
    public Meta {
      clip = clip == null ? "" : clip;
      policy = policy == null ? "" : policy;
      bodyNames = List.copyOf(bodyNames);
      trackedBodies = List.copyOf(trackedBodies);
      keypointNames = List.copyOf(keypointNames);
      muscleNames = List.copyOf(muscleNames);
      rewardNames = List.copyOf(rewardNames);
      jointNames = List.copyOf(jointNames);
      jointQposAdr = List.copyOf(jointQposAdr);
      if (!(fps > 0) || Double.isInfinite(fps))
        throw new IllegalArgumentException("fps must be positive, got " + fps);
      if (jointNames.size() != jointQposAdr.size())
        throw new IllegalArgumentException("joint names and addresses differ in length");
    }

    public int nbody() {
      return bodyNames.size();
    }

    public int nu() {
      return muscleNames.size();
    }

    /** qpos address of a joint, or -1 when the model has no joint of that name. */
    public int qposAdr(String joint) {
      int i = jointNames.indexOf(joint);
      return i < 0 ? -1 : jointQposAdr.get(i);
    }
  }

  public Rollout {
    int t = steps;
    check("time", time, t);
    check("qpos", qpos, t * meta.nq());
    check("xpos", xpos, t * meta.nbody() * 3);
    check("xquat", xquat, t * meta.nbody() * 4);
    check("keypoints", keypoints, t * meta.keypointNames().size() * 3);
    check("act", act, t * meta.nu());
    check("ctrl", ctrl, t * meta.nu());
    check("touch", touch, t * TOUCH_NAMES.size());
    check("rewards", rewards, t * meta.rewardNames().size());
  }

  private static void check(String name, double[] a, int expected) {
    if (a == null || a.length != expected) {
      throw new IllegalArgumentException(
          name + " has " + (a == null ? "no" : a.length) + " values, expected " + expected);
    }
  }

  /** Duration covered, in seconds ({@code steps / fps}). */
  public double duration() {
    return steps / meta.fps();
  }

  /** One column over time of a row-major {@code [steps][width]} array. */
  public static double[] column(double[] rows, int width, int col) {
    int t = rows.length / width;
    double[] out = new double[t];
    for (int i = 0; i < t; i++) out[i] = rows[i * width + col];
    return out;
  }

  /**
   * A touch sensor's values over time ({@code r_foot}, {@code r_toes}, {@code l_foot}, {@code
   * l_toes}).
   */
  public double[] touchSeries(String sensor) {
    int s = TOUCH_NAMES.indexOf(sensor);
    if (s < 0)
      throw new IllegalArgumentException(
          "unknown touch sensor " + sensor + "; known " + TOUCH_NAMES);
    return column(touch, TOUCH_NAMES.size(), s);
  }

  /** A joint's first qpos coordinate over time; null when the joint is unknown. */
  public double[] jointSeries(String joint) {
    int adr = meta.qposAdr(joint);
    return adr < 0 ? null : column(qpos, meta.nq(), adr);
  }

  /** Starts recording an episode of this model. */
  public static Builder builder(
      BodyModel body,
      String clip,
      double fps,
      List<String> keypointNames,
      List<String> rewardNames,
      String policy,
      long seed) {
    SimModel sim = body.sim;
    List<String> joints = sim.names(ObjType.JOINT);
    List<Integer> adr = new ArrayList<>();
    for (int j = 0; j < sim.njnt; j++) adr.add(sim.jntQposAdr().get(j));
    Meta meta =
        new Meta(
            body.variant.name(),
            clip,
            fps,
            policy,
            seed,
            body.bodies,
            body.variant.tracked(),
            keypointNames,
            body.muscles,
            rewardNames,
            joints,
            adr,
            sim.nq);
    return new Builder(meta, body.touchAdr);
  }

  /** Collects one row per control step; {@link #build()} makes the {@link Rollout}. */
  public static final class Builder {
    private final Meta meta;
    private final int[] touchAdr;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private int steps;

    /**
     * For a model known by its {@link Meta}; {@code touchAdr} are the sensordata addresses (-1:
     * none).
     */
    public Builder(Meta meta, int[] touchAdr) {
      this.meta = meta;
      this.touchAdr = touchAdr.clone();
      for (String name :
          List.of(
              "time", "qpos", "xpos", "xquat", "keypoints", "act", "ctrl", "touch", "rewards")) {
        series.put(name, new Series());
      }
    }

    public Meta meta() {
      return meta;
    }

    public int steps() {
      return steps;
    }

    /**
     * Appends the state of {@code data} after a control step, with the reference keypoints ({@code
     * J*3}) and reward terms ({@code R}) of that step.
     */
    public Builder record(SimData data, double[] keypoints, double[] rewardTerms) {
      int nb = meta.nbody();
      double[] xpos = new double[nb * 3];
      double[] xquat = new double[nb * 4];
      data.xpos.copyTo(3, xpos, 0, nb * 3); // skip the world body
      data.xquat.copyTo(4, xquat, 0, nb * 4);
      if (data.act.length() != meta.nu()) {
        throw new IllegalStateException(
            "model has "
                + data.act.length()
                + " activation states for "
                + meta.nu()
                + " actuators; a rollout records one activation per muscle");
      }
      double[] act = data.act.toArray();
      double[] touch = new double[TOUCH_NAMES.size()];
      for (int s = 0; s < touch.length; s++)
        touch[s] = touchAdr[s] < 0 ? 0 : data.sensordata.get(touchAdr[s]);
      return append(
          data.time(),
          data.qpos.toArray(),
          xpos,
          xquat,
          keypoints,
          act,
          data.ctrl.toArray(),
          touch,
          rewardTerms);
    }

    /** Appends one step from plain arrays (used by {@link #record} and by synthetic rollouts). */
    public Builder append(
        double time,
        double[] qpos,
        double[] xpos,
        double[] xquat,
        double[] keypoints,
        double[] act,
        double[] ctrl,
        double[] touch,
        double[] rewardTerms) {
      put("qpos", qpos, meta.nq());
      put("xpos", xpos, meta.nbody() * 3);
      put("xquat", xquat, meta.nbody() * 4);
      put("keypoints", keypoints, meta.keypointNames().size() * 3);
      put("act", act, meta.nu());
      put("ctrl", ctrl, meta.nu());
      put("touch", touch, TOUCH_NAMES.size());
      put("rewards", rewardTerms, meta.rewardNames().size());
      series.get("time").add(new double[] {time});
      steps++;
      return this;
    }

    private void put(String name, double[] row, int width) {
      if (row == null || row.length != width) {
        throw new IllegalArgumentException(
            name + " row has " + (row == null ? "no" : row.length) + " values, expected " + width);
      }
      series.get(name).add(row);
    }

    public Rollout build() {
      return new Rollout(
          meta,
          steps,
          get("time"),
          get("qpos"),
          get("xpos"),
          get("xquat"),
          get("keypoints"),
          get("act"),
          get("ctrl"),
          get("touch"),
          get("rewards"));
    }

    private double[] get(String name) {
      return series.get(name).toArray();
    }
  }

  /** A growable array of doubles. */
  private static final class Series {
    private double[] data = new double[256];
    private int size;

    void add(double[] row) {
      if (size + row.length > data.length)
        data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + row.length));
      System.arraycopy(row, 0, data, size, row.length);
      size += row.length;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
