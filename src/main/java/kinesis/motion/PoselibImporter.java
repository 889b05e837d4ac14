package kinesis.motion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;

/**
 * poselib {@code SkeletonMotion} files (AMP, ASE, PHC, early ProtoMotions): an object {@code .npy}
 * pickling one OrderedDict with {@code rotation} (T, J, 4) quaternions in xyzw order (local to the
 * parent when {@code is_local}, else world), {@code root_translation} (T, 3), {@code fps}, {@code
 * skeleton_tree} ({@code node_names}, {@code parent_indices}, {@code local_translation} (J, 3)) and
 * {@code __name__} = "SkeletonMotion"; each array is a dict {@code {'arr': ndarray, 'context':
 * {...}}}. Metres, z up. Forward kinematics on the file's own tree gives body positions; roles are
 * matched by body name through the first bundled mapping whose bodies the file has (AMP humanoid,
 * SMPL), or {@code --mapping}. The stored velocities are not used: every import computes its own.
 */
public final class PoselibImporter {
  private PoselibImporter() {}

  public static final String FORMAT = "poselib SkeletonMotion";

  /** Bundled mappings tried in order when no mapping is given. */
  public static final List<String> MAPPINGS = List.of("poselib-amp-humanoid", "smpl");

  /** True for an unpickled poselib dict (SkeletonMotion or another poselib class). */
  public static boolean accepts(Object top) {
    return top instanceof Map<?, ?> m
        && (m.containsKey("skeleton_tree") || m.containsKey("__name__"));
  }

  /**
   * A parsed motion: the skeleton tree, local wxyz rotations (T×J×4), root positions (T×3) and the
   * frame rate.
   */
  record Motion(Skeleton skeleton, double[] localRot, double[] root, double fps, boolean isLocal) {
    int frames() {
      return root.length / 3;
    }
  }

  public static SourceMotion load(Path file, Object top, SkeletonMapping mapping) {
    Motion m = parse(file, top);
    SkeletonMapping map = mapping != null ? mapping : choose(file, m.skeleton());
    List<String> missing = new ArrayList<>();
    for (String j : map.requiredJoints()) if (m.skeleton().index(j) < 0) missing.add(j);
    java.util.Collections.sort(missing);
    if (!missing.isEmpty()) {
      throw new BadInputException(
          file,
          FORMAT
              + " of "
              + m.skeleton().size()
              + " bodies lacks "
              + missing
              + " that mapping '"
              + map.name()
              + "' needs");
    }
    if (!map.upAxis().equals("z"))
      throw new BadInputException(
          file, FORMAT + " is z up; mapping '" + map.name() + "' says " + map.upAxis());
    Skeleton sk = m.skeleton();
    int n = m.frames(), jn = sk.size();
    double[] pos = new double[3 * jn], wrot = new double[4 * jn];
    double[] roles = new double[n * 3 * SourceMotion.ROLE_COUNT];
    for (int f = 0; f < n; f++) {
      sk.forward(
          Signal.at(m.root(), f, 3),
          null,
          Arrays.copyOfRange(m.localRot(), f * 4 * jn, (f + 1) * 4 * jn),
          null,
          pos,
          wrot);
      System.arraycopy(
          map.roles(sk, pos, wrot),
          0,
          roles,
          f * 3 * SourceMotion.ROLE_COUNT,
          3 * SourceMotion.ROLE_COUNT);
    }
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put(
        "format",
        FORMAT + " (" + jn + " bodies, " + (m.isLocal() ? "local" : "world") + " rotations)");
    for (Map.Entry<String, SkeletonMapping.Virtual> e : map.virtual().entrySet())
      prov.put("synthesised_" + e.getKey(), e.getValue().note());
    return new SourceMotion(
        file, "poselib", map.name(), m.fps(), roles, null, map.toePitchDeg(), prov);
  }

  /**
   * The first bundled mapping whose bodies the skeleton has; else an error naming the format and
   * the bodies.
   */
  static SkeletonMapping choose(Path file, Skeleton sk) {
    for (String name : MAPPINGS) {
      SkeletonMapping m = SkeletonMapping.bundled(name);
      if (m.requiredJoints().stream().allMatch(j -> sk.index(j) >= 0)) return m;
    }
    String bodies =
        String.join(", ", sk.names().subList(0, Math.min(8, sk.size())))
            + (sk.size() > 8 ? ", …" : "");
    throw new BadInputException(
        file,
        FORMAT
            + " with "
            + sk.size()
            + " bodies ("
            + bodies
            + ") matches no bundled skeleton mapping "
            + MAPPINGS
            + "; pass --mapping FILE naming its bodies");
  }

  /** Validates the dict and converts rotations to local wxyz. */
  static Motion parse(Path file, Object top) {
    if (!(top instanceof Map<?, ?> d))
      throw new BadInputException(file, "not a poselib file (the pickle holds no dict)");
    Object name = d.get("__name__");
    if (!"SkeletonMotion".equals(name)) {
      throw new BadInputException(
          file,
          "poselib "
              + name
              + ", not a SkeletonMotion (a motion needs fps and per-frame rotations)");
    }
    if (!(d.get("skeleton_tree") instanceof Map<?, ?> tree))
      throw new BadInputException(file, FORMAT + " without skeleton_tree");
    if (!(tree.get("node_names") instanceof List<?> names)
        || names.isEmpty()
        || !names.stream().allMatch(s -> s instanceof String)) {
      throw new BadInputException(
          file, FORMAT + ": skeleton_tree.node_names must be a list of names");
    }
    int jn = names.size();
    double[] parentsD = array(file, tree, "parent_indices", "skeleton_tree.", jn);
    double[] offsets = array(file, tree, "local_translation", "skeleton_tree.", jn, 3);
    double[] q = array(file, d, "rotation", "", -1, jn, 4);
    int n = q.length / (4 * jn);
    double[] root = array(file, d, "root_translation", "", n, 3);
    if (!(d.get("fps") instanceof Number fpsN) || !(fpsN.doubleValue() > 0))
      throw new BadInputException(file, FORMAT + ": fps must be a positive number");
    boolean isLocal = !Boolean.FALSE.equals(d.get("is_local"));
    int[] parents = new int[jn];
    double[][] off = new double[jn][];
    List<String> nameList = new ArrayList<>();
    for (int j = 0; j < jn; j++) {
      parents[j] = (int) parentsD[j];
      if (parents[j] >= j || parents[j] < -1 || (parents[j] == -1) != (j == 0)) {
        throw new BadInputException(
            file,
            FORMAT
                + ": body "
                + j
                + " ("
                + names.get(j)
                + ") has parent "
                + parents[j]
                + "; the root must come first and every parent before its children");
      }
      off[j] = Arrays.copyOfRange(offsets, 3 * j, 3 * j + 3);
      nameList.add((String) names.get(j));
    }
    Skeleton sk = new Skeleton(nameList, parents, off);
    return new Motion(
        sk, localWxyz(file, q, parents, n, jn, isLocal), root, fpsN.doubleValue(), isLocal);
  }

  /** xyzw (local, or world when not {@code isLocal}) → local wxyz, normalised. */
  static double[] localWxyz(
      Path file, double[] xyzw, int[] parents, int n, int jn, boolean isLocal) {
    double[] out = new double[xyzw.length];
    for (int f = 0; f < n; f++) {
      for (int j = 0; j < jn; j++) {
        int o = 4 * (f * jn + j);
        double[] w = {xyzw[o + 3], xyzw[o], xyzw[o + 1], xyzw[o + 2]};
        if (!(Rot.norm(w) > 1e-6))
          throw new BadInputException(
              file, FORMAT + ": zero rotation quaternion at frame " + f + ", body " + j);
        w = Rot.normalize(w);
        if (!isLocal && parents[j] >= 0) {
          int po = 4 * (f * jn + parents[j]);
          double[] parent =
              Rot.normalize(new double[] {xyzw[po + 3], xyzw[po], xyzw[po + 1], xyzw[po + 2]});
          w = Rot.normalize(Rot.mul(Rot.conj(parent), w));
        }
        System.arraycopy(w, 0, out, o, 4);
      }
    }
    return out;
  }

  /**
   * The finite numeric array stored at {@code key} as {@code {'arr': ndarray, ...}} (or a bare
   * ndarray), checked against {@code shape} (−1: any length, at least 2 frames).
   */
  static double[] array(Path file, Map<?, ?> d, String key, String prefix, int... shape) {
    Object v = d.get(key);
    if (v instanceof Map<?, ?> wrapped) v = wrapped.get("arr");
    if (!(v instanceof NdArray a))
      throw new BadInputException(
          file, FORMAT + ": " + prefix + key + " is missing or not an array");
    int[] s = a.shape();
    boolean ok = a.isNumeric() && s.length == shape.length;
    for (int i = 0; ok && i < s.length; i++) ok = shape[i] < 0 ? s[i] >= 2 : s[i] == shape[i];
    if (!ok) {
      throw new BadInputException(
          file,
          FORMAT
              + ": "
              + prefix
              + key
              + " has shape "
              + a.dtype()
              + " "
              + Arrays.toString(s)
              + ", expected "
              + Arrays.toString(shape).replace("-1", "T"));
    }
    double[] x = a.toDoubles();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]))
        throw new BadInputException(file, FORMAT + ": non-finite value (NaN) in " + prefix + key);
    }
    return x;
  }
}
