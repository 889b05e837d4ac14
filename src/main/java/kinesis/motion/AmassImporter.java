package kinesis.motion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;

/**
 * AMASS SMPL / SMPL-H archives ({@code poses} N×(≥66) axis-angle, {@code trans} N×3, {@code
 * mocap_framerate}). Forward kinematics on the neutral zero-shape SMPL skeleton
 * (kinesis-reference.md §1.4–1.5): the pelvis joint is at trans + J0 (J0 not rotated), each joint's
 * world rotation is its parent's times its own axis-angle rotation. Joints are matched BY NAME
 * between the pose columns (SMPL bone order, declared in the {@code smpl} mapping) and the offset
 * table (MuJoCo body order). {@code betas} and {@code gender} are ignored, as in the reference.
 */
public final class AmassImporter {
  private AmassImporter() {}

  /** Offset table shipped with the shared data (z-up MJCF axes: template z, x, y). */
  public static final String OFFSETS = "data/smpl-offsets/smpl_humanoid_body_offsets.csv";

  public static boolean accepts(Map<String, NdArray> npz) {
    return npz.containsKey("poses")
        || npz.containsKey("trans")
        || npz.containsKey("mocap_framerate");
  }

  /**
   * Kinesis' key for an AMASS file: "0-KIT_" + parent folder + "_" + file stem (reference §1.1).
   */
  public static String kitKey(Path file) {
    String stem = file.getFileName().toString().replaceFirst("\\.npz$", "");
    Path parent = file.toAbsolutePath().getParent();
    return "0-KIT_" + (parent == null ? "" : parent.getFileName() + "_") + stem;
  }

  public static SourceMotion load(Path file, Map<String, NdArray> npz) {
    return load(
        file,
        npz,
        skeleton(Assets.resolve(OFFSETS), SkeletonMapping.bundled("smpl")),
        SkeletonMapping.bundled("smpl"));
  }

  public static SourceMotion load(
      Path file, Map<String, NdArray> npz, Skeleton sk, SkeletonMapping mapping) {
    NdArray poses = npz.get("poses"), trans = npz.get("trans"), rate = npz.get("mocap_framerate");
    if (rate == null)
      throw new BadInputException(file, "no mocap_framerate (a shape.npz or not an AMASS motion)");
    if (poses == null || trans == null)
      throw new BadInputException(file, "needs arrays poses and trans");
    if (!poses.isNumeric() || poses.ndim() != 2 || poses.shape()[1] < 66) {
      throw new BadInputException(
          file, "poses must have shape (N, >=66), found " + Arrays.toString(poses.shape()));
    }
    int n = poses.shape()[0];
    if (!trans.isNumeric() || trans.ndim() != 2 || trans.shape()[0] != n || trans.shape()[1] != 3) {
      throw new BadInputException(
          file, "trans must have shape (" + n + ", 3), found " + Arrays.toString(trans.shape()));
    }
    if (!rate.isNumeric() || rate.size() != 1)
      throw new BadInputException(file, "mocap_framerate must be a scalar");
    double fps = rate.scalar();
    int width = poses.shape()[1];
    double[] p = poses.toDoubles(), t = trans.toDoubles();
    int jn = sk.size();
    double[] rot = new double[4 * jn], pos = new double[3 * jn], wrot = new double[4 * jn];
    double[] roles = new double[n * 3 * SourceMotion.ROLE_COUNT];
    double[] j0 = sk.offsets()[0];
    for (int f = 0; f < n; f++) {
      for (int j = 0; j < jn; j++) {
        double[] q = Rot.identity();
        if (j < 22) {
          int c = f * width + 3 * j;
          for (int a = 0; a < 3; a++) {
            if (!Double.isFinite(p[c + a]))
              throw new BadInputException(file, "non-finite pose value (NaN) in frame " + f);
          }
          q = Rot.fromRotVec(p[c], p[c + 1], p[c + 2]);
        }
        System.arraycopy(q, 0, rot, 4 * j, 4);
      }
      double[] root = {t[3 * f] + j0[0], t[3 * f + 1] + j0[1], t[3 * f + 2] + j0[2]};
      for (double v : root)
        if (!Double.isFinite(v))
          throw new BadInputException(file, "non-finite trans (NaN) in frame " + f);
      sk.forward(root, null, rot, null, pos, wrot);
      System.arraycopy(
          mapping.roles(sk, pos, wrot),
          0,
          roles,
          f * 3 * SourceMotion.ROLE_COUNT,
          3 * SourceMotion.ROLE_COUNT);
    }
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put(
        "smpl_body", "neutral, zero betas (file betas and gender ignored as in the reference)");
    prov.put("kit_key", kitKey(file));
    return new SourceMotion(
        file, "amass", mapping.name(), fps, roles, null, mapping.toePitchDeg(), prov);
  }

  /**
   * The SMPL skeleton in pose (bone) order with template-frame offsets (x left, y up, z forward)
   * read by joint name from the offset table. The table stores (z, x, y) of the template frame for
   * every joint except the root, whose row is J0 itself.
   */
  public static Skeleton skeleton(Path csv, SkeletonMapping mapping) {
    Map<String, double[]> off = new HashMap<>();
    Map<String, String> parent = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new BadInputException(csv, "cannot read: " + e.getMessage());
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      if (line.isBlank()) continue;
      String[] c = line.split(",", 0);
      if (c.length < 3) throw new BadInputException(csv, "malformed row: " + line);
      String[] v = c[2].trim().split("\\s+", 0);
      if (v.length != 3) throw new BadInputException(csv, "malformed offset: " + line);
      double x = Double.parseDouble(v[0]),
          y = Double.parseDouble(v[1]),
          z = Double.parseDouble(v[2]);
      boolean root = c[1].trim().equals("world");
      off.put(c[0].trim(), root ? new double[] {x, y, z} : new double[] {y, z, x});
      parent.put(c[0].trim(), c[1].trim());
    }
    List<String> names = mapping.order();
    int[] parents = new int[names.size()];
    double[][] offsets = new double[names.size()][];
    List<String> missing = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      String n = names.get(j);
      if (!off.containsKey(n)) {
        missing.add(n);
        continue;
      }
      offsets[j] = off.get(n);
      String par = parent.get(n);
      parents[j] = par.equals("world") ? -1 : names.indexOf(par);
    }
    if (!missing.isEmpty())
      throw new BadInputException(csv, "offset table lacks joints " + missing);
    return new Skeleton(names, parents, offsets);
  }
}
