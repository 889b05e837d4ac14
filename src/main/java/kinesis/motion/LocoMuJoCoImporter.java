package kinesis.motion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.io.NdArray;
import kinesis.sim.ObjType;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;

/**
 * LocoMuJoCo trajectories ({@code q_<joint>} arrays, one value per frame) in OpenSim/MyoLeg joint
 * names. The pelvis coordinates place the root; named leg joints are written into the MyoLeg model,
 * its coupled knee joints follow the equality polynomials, and MuJoCo forward kinematics gives the
 * body origins that become keypoints. The source rate is a parameter (the LocoMuJoCo "real" mini
 * datasets are 500 Hz).
 */
public final class LocoMuJoCoImporter {
  private LocoMuJoCoImporter() {}

  public static final double DEFAULT_FPS = 500;
  private static final String[] PELVIS = {
    "pelvis_tx", "pelvis_ty", "pelvis_tz", "pelvis_tilt", "pelvis_list", "pelvis_rotation"
  };

  /** True when the archive looks like LocoMuJoCo joint coordinates. */
  public static boolean accepts(Map<String, NdArray> npz) {
    return npz.containsKey("q_pelvis_tx");
  }

  public static SourceMotion load(Path file, Map<String, NdArray> npz, BodyModel body, double fps) {
    SkeletonMapping mapping = SkeletonMapping.bundled("locomujoco-myoleg");
    int n = -1;
    Map<String, double[]> q = new LinkedHashMap<>();
    for (Map.Entry<String, NdArray> e : npz.entrySet()) {
      if (!e.getKey().startsWith("q_")) continue;
      NdArray a = e.getValue();
      if (a.ndim() != 1 || !a.isNumeric())
        throw new BadInputException(
            file,
            e.getKey()
                + " must be a 1-D numeric array, has shape "
                + java.util.Arrays.toString(a.shape()));
      if (n < 0) n = a.shape()[0];
      if (a.shape()[0] != n)
        throw new BadInputException(
            file, e.getKey() + " has " + a.shape()[0] + " frames, others " + n);
      double[] v = a.toDoubles();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i]))
          throw new BadInputException(
              file, e.getKey() + " has a non-finite value (NaN) at frame " + i);
      }
      q.put(e.getKey().substring(2), v);
    }
    for (String p : PELVIS)
      if (!q.containsKey(p)) throw new BadInputException(file, "lacks q_" + p);
    if (n < 2) throw new BadInputException(file, "needs at least 2 frames, has " + n);
    SimModel m = body.sim;
    var adr = m.jntQposAdr();
    Map<Integer, double[]> byAdr = new LinkedHashMap<>();
    int used = 0;
    for (Map.Entry<String, double[]> e : q.entrySet()) {
      int j = m.id(ObjType.JOINT, e.getKey());
      if (j < 0 || e.getKey().startsWith("pelvis_")) continue;
      byAdr.put(adr.get(j), e.getValue());
      used++;
    }
    JointCoupling coupling = new JointCoupling(m);
    int[] bodies =
        SkeletonMapping.ROLES.stream()
            .mapToInt(r -> m.requireId(ObjType.BODY, mapping.joints().get(r)))
            .toArray();
    double[] roles = new double[n * 3 * SourceMotion.ROLE_COUNT];
    double[] rootQuat = new double[4 * n];
    double[] w = Rot.rotX(Math.PI / 2), wInv = Rot.conj(w);
    double[] qpos = new double[m.nq];
    try (SimData d = m.makeData()) {
      for (int f = 0; f < n; f++) {
        java.util.Arrays.fill(qpos, 0);
        double[] t =
            Rot.rotate(
                w,
                new double[] {q.get("pelvis_tx")[f], q.get("pelvis_ty")[f], q.get("pelvis_tz")[f]});
        double[] rOsim =
            Rot.euler(
                "ZXY",
                q.get("pelvis_tilt")[f],
                q.get("pelvis_list")[f],
                q.get("pelvis_rotation")[f]);
        double[] root = Rot.canonical(Rot.mul(Rot.mul(w, rOsim), wInv));
        System.arraycopy(t, 0, qpos, 0, 3);
        System.arraycopy(root, 0, qpos, 3, 4);
        for (Map.Entry<Integer, double[]> e : byAdr.entrySet()) qpos[e.getKey()] = e.getValue()[f];
        coupling.apply(qpos);
        for (int i = 0; i < m.nq; i++) d.qpos.set(i, qpos[i]);
        d.kinematics();
        for (int r = 0; r < bodies.length; r++) {
          for (int a = 0; a < 3; a++)
            roles[(f * SourceMotion.ROLE_COUNT + r) * 3 + a] = d.xpos.get(bodies[r], a);
        }
        System.arraycopy(root, 0, rootQuat, 4 * f, 4);
      }
    }
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("fk_model", body.variant.name());
    prov.put("joints_used", String.valueOf(used));
    return new SourceMotion(file, "locomujoco", mapping.name(), fps, roles, rootQuat, 0, prov);
  }
}
