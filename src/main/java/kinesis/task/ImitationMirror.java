package kinesis.task;

import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;

/**
 * The left/right mirror of the imitation task through the sagittal plane of the heading frame
 * (heading-frame y → −y). Bodies and muscles swap with their {@code _r}/{@code _l} partner (a name
 * without a partner maps to itself), the r/l touch sensors swap, positions, velocities and frame
 * axes flip their y component, angular velocities (pseudo-vectors) flip x and z, and the root roll
 * α changes sign. Built from the observation layout of {@link Observations#imitation}.
 */
public final class ImitationMirror implements Symmetry {
  private final int[] obsFrom, actFrom;
  private final float[] obsSign, actSign;

  public ImitationMirror(BodyModel body) {
    this(body, 0);
  }

  /** The mirror of the observation with {@code previews} ref_preview blocks at its end. */
  public ImitationMirror(BodyModel body, int previews) {
    List<String> names = new ArrayList<>(body.bodies);
    names.addFirst("world");
    int nbody = names.size();
    int[] bodyTwin = new int[nbody];
    for (int b = 0; b < nbody; b++) bodyTwin[b] = partner(names, b);

    List<Integer> from = new ArrayList<>();
    List<Float> sign = new ArrayList<>();
    // root_height, root_tilt (cos α, sin α, cos β, sin β): α is the roll about x
    add(from, sign, 0, 1);
    add(from, sign, 1, 1);
    add(from, sign, 2, -1);
    add(from, sign, 3, 1);
    add(from, sign, 4, 1);
    int o = 5;
    // local_body_pos: every body but the root, 3 each
    List<Integer> nonRoot = new ArrayList<>();
    for (int b = 1; b < nbody; b++) if (b != body.rootBody) nonRoot.add(b);
    for (int b : nonRoot) vector(from, sign, o + 3 * nonRoot.indexOf(bodyTwin[b]), 1);
    o += 3 * nonRoot.size();
    // local_body_rot: x axis then z axis per body; the mirrored frame is S·R·S_b, where S_b
    // reflects the body's own lateral axis, so the lateral one of the two axes also changes sign
    int[] lateral = lateralAxes(body);
    for (int b = 1; b < nbody; b++) {
      int src = o + 6 * (bodyTwin[b] - 1);
      vector(from, sign, src, lateral[b] == 0 ? -1 : 1);
      vector(from, sign, src + 3, lateral[b] == 2 ? -1 : 1);
    }
    o += 6 * (nbody - 1);
    for (boolean angular : new boolean[] {false, true}) { // local_body_vel, local_body_ang_vel
      for (int b = 1; b < nbody; b++) axialOrPolar(from, sign, o + 3 * (bodyTwin[b] - 1), angular);
      o += 3 * (nbody - 1);
    }
    // feet_contacts: r_foot, r_toes, l_foot, l_toes
    for (int k : new int[] {2, 3, 0, 1}) add(from, sign, o + k, 1);
    o += 4;
    // diff_local_body_pos, diff_local_vel, local_ref_body_pos, the previews: per tracked body
    int[] tracked = body.trackedBodies;
    for (int block = 0; block < 3 + previews; block++) {
      for (int t : tracked) vector(from, sign, o + 3 * indexOf(tracked, bodyTwin[t]), 1);
      o += 3 * tracked.length;
    }
    int dim = ObsLayout.imitation(nbody - 1, tracked.length).dim() + 3 * tracked.length * previews;
    if (o != dim || from.size() != dim)
      throw new IllegalStateException("mirror covers " + o + " of " + dim + " observations");
    obsFrom = from.stream().mapToInt(Integer::intValue).toArray();
    obsSign = new float[dim];
    for (int i = 0; i < dim; i++) obsSign[i] = sign.get(i);

    List<String> muscles = body.muscles;
    actFrom = new int[muscles.size()];
    actSign = new float[muscles.size()];
    for (int m = 0; m < actFrom.length; m++) {
      actFrom[m] = partner(muscles, m);
      actSign[m] = 1;
    }
  }

  /** Index of the partner of {@code names[i]}, or i itself when it has none. */
  private static int partner(List<String> names, int i) {
    int t = names.indexOf(twin(names.get(i)));
    return t < 0 ? i : t;
  }

  /** The left/right partner's name ({@code x_r} ↔ {@code x_l}), or the name itself. */
  static String twin(String name) {
    if (name.endsWith("_r")) return name.substring(0, name.length() - 2) + "_l";
    if (name.endsWith("_l")) return name.substring(0, name.length() - 2) + "_r";
    return name;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
    throw new IllegalStateException(
        "tracked body " + v + " has no mirrored partner among the tracked bodies");
  }

  private static void add(List<Integer> from, List<Float> sign, int src, float s) {
    from.add(src);
    sign.add(s);
  }

  /** A polar 3-vector read from {@code src}, times {@code s}: (s·x, −s·y, s·z). */
  private static void vector(List<Integer> from, List<Float> sign, int src, float s) {
    add(from, sign, src, s);
    add(from, sign, src + 1, -s);
    add(from, sign, src + 2, s);
  }

  /**
   * A polar vector, or an axial one (angular velocity), which mirrors as its negative: (−x, y, −z).
   */
  private static void axialOrPolar(List<Integer> from, List<Float> sign, int src, boolean axial) {
    vector(from, sign, src, axial ? -1 : 1);
  }

  /**
   * Per body id, which local axis (0 x, 1 y, 2 z) points most nearly sideways in the model's
   * default pose (sideways = perpendicular to the root's x axis, horizontal).
   */
  private static int[] lateralAxes(BodyModel body) {
    int nbody = body.sim.nbody;
    double[] xmat = new double[9 * nbody];
    try (var d = body.sim.makeData()) {
      d.forward();
      d.xmat.copyTo(xmat, 0);
    }
    int r = 9 * body.rootBody;
    double h = Math.atan2(xmat[r + 3], xmat[r]), lx = -Math.sin(h), ly = Math.cos(h);
    int[] axis = new int[nbody];
    for (int b = 1; b < nbody; b++) {
      double best = -1;
      for (int k = 0; k < 3; k++) {
        double c = Math.abs(xmat[9 * b + k] * lx + xmat[9 * b + 3 + k] * ly);
        if (c > best) {
          best = c;
          axis[b] = k;
        }
      }
    }
    return axis;
  }

  @Override
  public void mirrorObservations(float[] src, int row, float[] dst, int rows) {
    Symmetry.permute(obsFrom, obsSign, src, row, dst, rows);
  }

  @Override
  public void mirrorActions(float[] src, int row, float[] dst, int rows) {
    Symmetry.permute(actFrom, actSign, src, row, dst, rows);
  }
}
