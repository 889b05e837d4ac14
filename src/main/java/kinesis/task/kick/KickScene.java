package kinesis.task.kick;

import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.body.Variant;
import kinesis.io.BadInputException;
import kinesis.sim.MjLayout;
import kinesis.sim.ObjType;
import kinesis.sim.SimModel;

/**
 * The MyoChallenge 2025 penalty-kick scene (models/soccer, MyoSuite's {@code myolegs_soccer.xml}):
 * the legs-back body (290 muscles; its root body is called {@code root} there, {@code Full Body} in
 * {@code myobody.xml}) on a pitch with a ball (free body, before the robot in MuJoCo's order) and a
 * goalkeeper (mocap body). The variant keeps the name {@code legs-back}, so legs-back policies,
 * observations and snapshots apply unchanged. Timestep: the project's 1/150 s with 5 substeps per
 * 30 Hz action (the scene ships with 1 ms; see {@code KickBallTest} for the ball's contact at 1/150
 * s), with the duplicate floor plane's collisions switched off ({@link #singleFloor}).
 */
public final class KickScene implements AutoCloseable {
  /** MJCF path of the scene relative to the asset root. */
  public static final String FILE =
      "models/soccer/myosuite/envs/myo/assets/leg_soccer/myolegs_soccer.xml";

  /** The legs-back variant as it appears in the scene. */
  public static final Variant VARIANT = variant();

  public final BodyModel body;

  /** Body id of the ball and the goalkeeper; the goalkeeper's mocap index. */
  public final int ballBody, keeperBody, keeperMocap;

  /** qpos and dof address of the ball's free joint. */
  public final int ballQpos, ballDof;

  /** Radius of the ball's sphere (m): its centre's height when it rests on the pitch. */
  public final double ballRadius;

  private KickScene(BodyModel body) {
    this.body = body;
    var sim = body.sim;
    singleFloor(sim);
    ballBody = sim.requireId(ObjType.BODY, "soccer_ball");
    keeperBody = sim.requireId(ObjType.BODY, "goalkeeper");
    keeperMocap = sim.ints(MjLayout.M_body_mocapid, sim.nbody, 1).get(keeperBody);
    if (keeperMocap < 0)
      throw new BadInputException(body.file, "the goalkeeper is not a mocap body");
    int joint = -1;
    for (int j = 0; j < sim.njnt; j++) if (sim.jntBodyId().get(j) == ballBody) joint = j;
    if (joint < 0 || sim.jntType().get(joint) != 0)
      throw new BadInputException(body.file, "the ball has no free joint");
    ballQpos = sim.jntQposAdr().get(joint);
    ballDof = sim.jntDofAdr().get(joint);
    int geom = sim.requireId(ObjType.GEOM, "ball_geom");
    ballRadius = sim.geomSize().get(geom, 0);
  }

  /**
   * The pitch is two planes, {@code soccer_floor_1} and {@code soccer_floor_2} (its mirror half, x
   * < 0), and MuJoCo planes are infinite: every contact with the pitch is counted twice, which
   * doubles its stiffness and, at 1/150 s, makes a rolled ball hop (15 cm, {@code KickBallTest}).
   * The second plane keeps its looks and loses its collisions.
   */
  public static void singleFloor(SimModel sim) {
    sim.disableCollisions(sim.requireId(ObjType.GEOM, "soccer_floor_2"));
  }

  /** Loads the scene from the asset root at the project's 1/150 s. */
  public static KickScene load() {
    return load(Catalogue.TIMESTEP);
  }

  /** Loads the scene from the asset root with this physics timestep (s). */
  public static KickScene load(double timestep) {
    BodyModel body = BodyModel.load(VARIANT, kinesis.io.Assets.resolve(FILE));
    body.sim.setTimestep(timestep);
    try {
      return new KickScene(body);
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
  }

  private static Variant variant() {
    Variant v = Catalogue.LEGS_BACK;
    List<String> tracked = new ArrayList<>(v.tracked());
    tracked.set(tracked.indexOf(v.root()), "root");
    return new Variant(
        v.name(),
        FILE,
        v.muscles(),
        "root",
        tracked,
        v.trackedKeypoints(),
        v.touchSensors(),
        v.feet(),
        v.ikRootPrior(),
        "MyoBody legs and back on the MyoChallenge 2025 soccer pitch, with a ball and a goalkeeper");
  }

  @Override
  public void close() {
    body.close();
  }
}
