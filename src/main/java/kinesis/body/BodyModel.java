package kinesis.body;

import java.nio.file.Path;
import java.util.List;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
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
  /** Bodies of the robot (excluding the world body), in id order. */
  public final List<String> bodies;

  private BodyModel(Variant variant, Path file, SimModel sim) {
    this.variant = variant;
    this.file = file;
    this.sim = sim;
    sim.setTimestep(Catalogue.TIMESTEP);
    rootBody = sim.requireId(ObjType.BODY, variant.root());
    trackedBodies = variant.tracked().stream().mapToInt(b -> sim.requireId(ObjType.BODY, b)).toArray();
    feetBodies = variant.feet().stream().mapToInt(b -> sim.requireId(ObjType.BODY, b)).toArray();
    touchAdr = variant.touchSensors().stream().mapToInt(s -> {
      int id = sim.id(ObjType.SENSOR, s);
      return id < 0 ? -1 : sim.sensorAdr().get(id);
    }).toArray();
    muscles = sim.names(ObjType.ACTUATOR);
    bodies = sim.names(ObjType.BODY).subList(1, sim.nbody);
    if (muscles.size() != variant.muscles()) {
      throw new BadInputException(file, "expected " + variant.muscles() + " muscles for model '"
          + variant.name() + "', found " + muscles.size());
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

  public int muscleCount() {
    return muscles.size();
  }

  @Override
  public void close() {
    sim.close();
  }
}
