package kinesis.motion;

import java.util.ArrayList;
import java.util.List;
import kinesis.sim.SimModel;

/**
 * The model's polynomial joint equalities (MuJoCo {@code mjEQ_JOINT}): slave joint1 follows master
 * joint2 as q1 − q1₀ = c0 + c1·x + c2·x² + c3·x³ + c4·x⁴ with x = q2 − q2₀ ({@code eq_data[0..4]}).
 * In MyoLeg these are the knee translations/rotations and the patella, all driven by the knee
 * angle.
 */
public final class JointCoupling {
  /** One equality: qpos addresses, reference values and coefficients. */
  public record Link(
      int slaveJoint,
      int slaveAdr,
      int masterJoint,
      int masterAdr,
      double slave0,
      double master0,
      double[] c) {
    /** Slave value for a master value. */
    public double value(double master) {
      double x = masterAdr < 0 ? 0 : master - master0;
      return slave0 + c[0] + x * (c[1] + x * (c[2] + x * (c[3] + x * c[4])));
    }

    /** d slave / d master. */
    public double slope(double master) {
      if (masterAdr < 0) return 0;
      double x = master - master0;
      return c[1] + x * (2 * c[2] + x * (3 * c[3] + x * 4 * c[4]));
    }
  }

  private static final int EQ_JOINT = 2;
  public final List<Link> links;

  public JointCoupling(SimModel m) {
    List<Link> l = new ArrayList<>();
    var type = m.eqType();
    var o1 = m.eqObj1Id();
    var o2 = m.eqObj2Id();
    var data = m.eqData();
    var adr = m.jntQposAdr();
    var q0 = m.qpos0();
    for (int e = 0; e < m.neq; e++) {
      if (type.get(e) != EQ_JOINT) continue;
      int j1 = o1.get(e), j2 = o2.get(e);
      int a1 = adr.get(j1), a2 = j2 < 0 ? -1 : adr.get(j2);
      double[] c = new double[5];
      for (int i = 0; i < 5; i++) c[i] = data.get(e, i);
      l.add(new Link(j1, a1, j2, a2, q0.get(a1), a2 < 0 ? 0 : q0.get(a2), c));
    }
    links = List.copyOf(l);
  }

  /** True when joint {@code j} is driven by an equality. */
  public boolean isSlave(int joint) {
    for (Link k : links) if (k.slaveJoint == joint) return true;
    return false;
  }

  /** Sets every slave from its master in {@code qpos}. */
  public void apply(double[] qpos) {
    for (Link k : links) qpos[k.slaveAdr] = k.value(k.masterAdr < 0 ? 0 : qpos[k.masterAdr]);
  }
}
