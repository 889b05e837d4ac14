package kinesis.motion;

import java.util.List;

/**
 * A source skeleton: named joints, each with a parent (−1 for the root) and a rest offset from its
 * parent in the parent's frame. Forward kinematics composes local rotations down the tree: R_j =
 * R_parent·r_j and p_j = p_parent + R_parent·t_j, with t_j the rest offset unless the source gives
 * a per-frame local translation.
 */
public record Skeleton(List<String> names, int[] parents, double[][] offsets) {

  public Skeleton {
    names = List.copyOf(names);
    if (parents.length != names.size() || offsets.length != names.size()) {
      throw new IllegalArgumentException("skeleton arrays differ in length");
    }
    for (int j = 0; j < parents.length; j++) {
      if (parents[j] >= j)
        throw new IllegalArgumentException("parents must come before children: " + names.get(j));
    }
  }

  public int size() {
    return names.size();
  }

  /** Index of a joint by name, or −1. */
  public int index(String name) {
    return names.indexOf(name);
  }

  /**
   * World positions ({@code J×3}) and rotations ({@code J×4}) of one frame.
   *
   * @param rootPos world position of joint 0
   * @param rootRot extra world rotation applied above the root (e.g. y-up to z-up), or null
   * @param localRot local rotation of every joint ({@code J×4}, wxyz)
   * @param localTrans per-joint local translation replacing the rest offset ({@code J×3}), or null
   */
  public void forward(
      double[] rootPos,
      double[] rootRot,
      double[] localRot,
      double[] localTrans,
      double[] outPos,
      double[] outRot) {
    for (int j = 0; j < size(); j++) {
      double[] r = Signal.at(localRot, j, 4);
      int p = parents[j];
      double[] world;
      double[] pos;
      if (p < 0) {
        world = rootRot == null ? r : Rot.mul(rootRot, r);
        pos = rootRot == null ? rootPos.clone() : Rot.rotate(rootRot, rootPos);
      } else {
        double[] pr = Signal.at(outRot, p, 4);
        world = Rot.mul(pr, r);
        double[] t = localTrans != null ? Signal.at(localTrans, j, 3) : offsets[j];
        pos = Rot.add(Signal.at(outPos, p, 3), Rot.rotate(pr, t));
      }
      System.arraycopy(pos, 0, outPos, 3 * j, 3);
      System.arraycopy(Rot.normalize(world), 0, outRot, 4 * j, 4);
    }
  }
}
