package kinesis.body;

import java.nio.file.Path;
import java.util.List;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.sim.MjLayout;
import kinesis.sim.ObjType;
import kinesis.sim.SimModel;

/**
 * A {@link Variant} loaded into MuJoCo with its names resolved to ids: the root, tracked and foot
 * bodies, the touch sensors' data addresses and the muscle list. The timestep is set to 1/150 s.
 * Shared read-only by all environments of a run.
 */
public final class BodyModel implements AutoCloseable {
  public final Variant variant;
  public final Path file;
  public final SimModel sim;
  public final int rootBody;

  /** Tracked body ids, in observation order. */
  public final int[] trackedBodies;

  /** sensordata addresses of the four touch sensors (-1 where the model has none). */
  public final int[] touchAdr;

  public final int[] feetBodies;
  public final List<String> muscles;

  /** Every body except the world body (the robot and any scene objects), in id order. */
  public final List<String> bodies;

  /**
   * The robot within the scene: bodies {@code [robotFirst, robotEnd)} (the root's subtree,
   * contiguous in MuJoCo's order), its joints' qpos {@code [qposStart, qposStart + robotNq)} and
   * dofs {@code [dofStart, dofStart + robotNv)}. A model of the body alone has robotFirst 1,
   * robotEnd nbody and both starts 0; a scene (the soccer pitch) puts a ball and a goalkeeper
   * before it.
   */
  public final int robotFirst, robotEnd, qposStart, robotNq, dofStart, robotNv;

  private BodyModel(Variant variant, Path file, SimModel sim) {
    this.variant = variant;
    this.file = file;
    this.sim = sim;
    sim.setTimestep(Catalogue.TIMESTEP);
    rootBody = sim.requireId(ObjType.BODY, variant.root());
    trackedBodies =
        variant.tracked().stream().mapToInt(b -> sim.requireId(ObjType.BODY, b)).toArray();
    feetBodies = variant.feet().stream().mapToInt(b -> sim.requireId(ObjType.BODY, b)).toArray();
    touchAdr =
        variant.touchSensors().stream()
            .mapToInt(
                s -> {
                  int id = sim.id(ObjType.SENSOR, s);
                  return id < 0 ? -1 : sim.sensorAdr().get(id);
                })
            .toArray();
    muscles = sim.names(ObjType.ACTUATOR);
    bodies = sim.names(ObjType.BODY).subList(1, sim.nbody);
    int[] bodyRange = robotBodies(sim, rootBody, file);
    robotFirst = bodyRange[0];
    robotEnd = bodyRange[1];
    int[] q = robotCoordinates(sim, robotFirst, robotEnd, file);
    qposStart = q[0];
    robotNq = q[1];
    dofStart = q[2];
    robotNv = q[3];
    if (muscles.size() != variant.muscles()) {
      throw new BadInputException(
          file,
          "expected "
              + variant.muscles()
              + " muscles for model '"
              + variant.name()
              + "', found "
              + muscles.size());
    }
  }

  /** Loads a variant by name from the asset root. */
  public static BodyModel load(String name) {
    Variant v = Catalogue.get(name);
    return load(v, Assets.resolve(v.file()));
  }

  /** Loads a variant from an explicit MJCF file. */
  public static BodyModel load(Variant v, Path file) {
    SimModel sim = SimModel.load(file);
    try {
      return new BodyModel(v, file, sim);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** Number of robot bodies (the N of the imitation observation). */
  public int robotBodyCount() {
    return robotEnd - robotFirst;
  }

  /**
   * The root's subtree as {first, end}: every body whose top-level ancestor is the root, checked to
   * be contiguous.
   */
  static int[] robotBodies(SimModel sim, int root, Path file) {
    var rootId = sim.ints(MjLayout.M_body_rootid, sim.nbody, 1);
    if (rootId.get(root) != root)
      throw new BadInputException(file, "the root body must be a child of the world body");
    int end = root;
    while (end < sim.nbody && rootId.get(end) == root) end++;
    for (int b = end; b < sim.nbody; b++) {
      if (rootId.get(b) == root)
        throw new BadInputException(file, "the robot's bodies are not contiguous in the model");
    }
    return new int[] {root, end};
  }

  /**
   * The robot's joints' coordinates as {qposStart, nq, dofStart, nv}, checked to be contiguous and
   * shared with no other body.
   */
  static int[] robotCoordinates(SimModel sim, int first, int end, Path file) {
    var type = sim.jntType();
    var body = sim.jntBodyId();
    var qadr = sim.jntQposAdr();
    var dadr = sim.jntDofAdr();
    int q0 = Integer.MAX_VALUE, q1 = 0, d0 = Integer.MAX_VALUE, d1 = 0;
    for (int j = 0; j < sim.njnt; j++) {
      int b = body.get(j);
      if (b < first || b >= end) continue;
      int t = type.get(j), nq = t == 0 ? 7 : t == 1 ? 4 : 1, nv = t == 0 ? 6 : t == 1 ? 3 : 1;
      q0 = Math.min(q0, qadr.get(j));
      q1 = Math.max(q1, qadr.get(j) + nq);
      d0 = Math.min(d0, dadr.get(j));
      d1 = Math.max(d1, dadr.get(j) + nv);
    }
    if (q0 == Integer.MAX_VALUE) throw new BadInputException(file, "the robot has no joints");
    for (int j = 0; j < sim.njnt; j++) {
      int b = body.get(j);
      if (b >= first && b < end) continue;
      if ((qadr.get(j) >= q0 && qadr.get(j) < q1) || (dadr.get(j) >= d0 && dadr.get(j) < d1)) {
        throw new BadInputException(
            file, "the robot's coordinates are interleaved with another body's joint");
      }
    }
    return new int[] {q0, q1 - q0, d0, d1 - d0};
  }

  public int muscleCount() {
    return muscles.size();
  }

  @Override
  public void close() {
    sim.close();
  }
}
