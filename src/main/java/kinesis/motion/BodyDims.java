package kinesis.motion;

import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.sim.ObjType;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;

/**
 * The target body's size, measured once on the model in its neutral pose (root upright at the
 * origin, every joint at zero): leg length (hip → knee → ankle origins), where the root origin sits
 * relative to the hip-joint centre, and how high the ankle and toe origins are above the lowest
 * point of the foot's collision geoms. Retargeting scales and grounds motions with these.
 *
 * @param leg hip→knee + knee→ankle, mean of both sides (m)
 * @param pelvisOffset root origin − hip centre, in the root frame (x forward, y left, z up)
 * @param ankleHeight ankle (talus) origin above the sole (m)
 * @param toeHeight toe (MTP) origin above the sole (m)
 * @param footGeoms collision geoms of the feet (for floor checks)
 */
public record BodyDims(
    double leg, double[] pelvisOffset, double ankleHeight, double toeHeight, int[] footGeoms) {

  public static BodyDims measure(BodyModel body) {
    SimModel m = body.sim;
    int[] ids = new int[8];
    String[] names = {
      "femur_l", "femur_r", "tibia_l", "tibia_r", "talus_l", "talus_r", "toes_l", "toes_r"
    };
    for (int i = 0; i < names.length; i++) {
      ids[i] = m.id(ObjType.BODY, names[i]);
      if (ids[i] < 0)
        throw new BadInputException(
            "model "
                + body.variant.name()
                + " has no body "
                + names[i]
                + " (needed for retargeting)");
    }
    int[] feet = footGeoms(m, body.feetBodies);
    try (SimData d = m.makeData()) {
      int rootJnt = -1;
      for (int j = 0; j < m.njnt; j++)
        if (m.jntType().get(j) == 0 && m.jntBodyId().get(j) == body.rootBody) rootJnt = j;
      if (rootJnt < 0)
        throw new BadInputException(
            "model " + body.variant.name() + ": root body has no free joint");
      for (int i = 0; i < m.nq; i++) d.qpos.set(i, 0);
      int a = m.jntQposAdr().get(rootJnt);
      d.qpos.set(a + 2, 1.0);
      d.qpos.set(a + 3, 1.0);
      d.kinematics();
      double[][] p = new double[8][];
      for (int i = 0; i < 8; i++)
        p[i] = new double[] {d.xpos.get(ids[i], 0), d.xpos.get(ids[i], 1), d.xpos.get(ids[i], 2)};
      double legL = Rot.norm(Rot.sub(p[0], p[2])) + Rot.norm(Rot.sub(p[2], p[4]));
      double legR = Rot.norm(Rot.sub(p[1], p[3])) + Rot.norm(Rot.sub(p[3], p[5]));
      double[] hip = Rot.scale(Rot.add(p[0], p[1]), 0.5);
      double[] root = {
        d.xpos.get(body.rootBody, 0), d.xpos.get(body.rootBody, 1), d.xpos.get(body.rootBody, 2)
      };
      double sole = lowestPoint(m, d, feet);
      double ankle = (p[4][2] + p[5][2]) / 2 - sole;
      double toe = (p[6][2] + p[7][2]) / 2 - sole;
      return new BodyDims((legL + legR) / 2, Rot.sub(root, hip), ankle, toe, feet);
    }
  }

  /** Non-mesh geoms (the collision primitives) attached to the given bodies. */
  static int[] footGeoms(SimModel m, int[] bodies) {
    List<Integer> g = new ArrayList<>();
    var bid = m.geomBodyId();
    var type = m.geomType();
    for (int i = 0; i < m.ngeom; i++) {
      int t = type.get(i);
      if (t < 2 || t > 6) continue; // sphere 2, capsule 3, ellipsoid 4, cylinder 5, box 6
      for (int b : bodies) if (bid.get(i) == b) g.add(i);
    }
    if (g.isEmpty()) throw new BadInputException("model has no collision geoms on its feet");
    return g.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Lowest world z of the given primitive geoms after kinematics. */
  public static double lowestPoint(SimModel m, SimData d, int[] geoms) {
    var type = m.geomType();
    var size = m.geomSize();
    double low = Double.POSITIVE_INFINITY;
    for (int g : geoms) {
      double cz = d.geomXpos.get(g, 2);
      double r0 = d.geomXmat.get(g, 6), r1 = d.geomXmat.get(g, 7), r2 = d.geomXmat.get(g, 8);
      double s0 = size.get(g, 0), s1 = size.get(g, 1), s2 = size.get(g, 2);
      double z =
          switch (type.get(g)) {
            case 2 -> cz - s0;
            case 3 -> cz - Math.abs(r2) * s1 - s0;
            case 4 -> cz - Math.sqrt(sq(s0 * r0) + sq(s1 * r1) + sq(s2 * r2));
            case 5 -> cz - Math.abs(r2) * s1 - s0 * Math.sqrt(Math.max(0, 1 - r2 * r2));
            case 6 -> cz - Math.abs(r0) * s0 - Math.abs(r1) * s1 - Math.abs(r2) * s2;
            default -> cz;
          };
      low = Math.min(low, z);
    }
    return low;
  }

  private static double sq(double x) {
    return x * x;
  }
}
