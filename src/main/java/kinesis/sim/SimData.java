package kinesis.sim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One simulation state ({@code mjData}) over a shared {@link SimModel}. One per environment and
 * used by one thread at a time. Native memory is freed deterministically by {@link #close()}. The
 * array views are resolved once: MuJoCo keeps them at fixed addresses for the data's life.
 */
public final class SimData implements AutoCloseable {
  /** {@code mjSTATE_INTEGRATION}: everything needed to continue a simulation identically. */
  public static final int STATE_INTEGRATION = 0x3FFF;

  private final SimModel model;
  private final MemorySegment mp;
  private final MemorySegment d;
  private final Arena scratchArena = Arena.ofShared();
  private final MemorySegment scratch6;
  private MemorySegment jacp, jacr;
  private boolean closed;

  public final DoubleView qpos, qvel, qacc, ctrl, act, qaccWarmstart, qfrcApplied, xfrcApplied;
  public final DoubleView xpos, xquat, xmat, xipos, cvel, subtreeCom, cfrcExt;
  public final DoubleView actuatorLength, actuatorVelocity, actuatorForce;
  public final DoubleView sensordata, qfrcInverse, geomXpos, geomXmat, siteXpos, tenLength;

  SimData(SimModel model) {
    this.model = model;
    this.mp = model.ptr();
    try {
      MemorySegment ptr = (MemorySegment) MuJoCo.mj_makeData.invokeExact(mp);
      if (ptr.equals(MemorySegment.NULL))
        throw new IllegalStateException("mj_makeData failed (out of memory?)");
      d = ptr.reinterpret(MjLayout.SIZEOF_MJDATA);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
    int nq = model.nq, nv = model.nv, nu = model.nu, nb = model.nbody;
    qpos = view(MjLayout.D_qpos, nq, 1);
    qvel = view(MjLayout.D_qvel, nv, 1);
    qacc = view(MjLayout.D_qacc, nv, 1);
    ctrl = view(MjLayout.D_ctrl, nu, 1);
    act = view(MjLayout.D_act, model.na, 1);
    qaccWarmstart = view(MjLayout.D_qacc_warmstart, nv, 1);
    qfrcApplied = view(MjLayout.D_qfrc_applied, nv, 1);
    xfrcApplied = view(MjLayout.D_xfrc_applied, nb, 6);
    xpos = view(MjLayout.D_xpos, nb, 3);
    xquat = view(MjLayout.D_xquat, nb, 4);
    xmat = view(MjLayout.D_xmat, nb, 9);
    xipos = view(MjLayout.D_xipos, nb, 3);
    cvel = view(MjLayout.D_cvel, nb, 6);
    subtreeCom = view(MjLayout.D_subtree_com, nb, 3);
    cfrcExt = view(MjLayout.D_cfrc_ext, nb, 6);
    actuatorLength = view(MjLayout.D_actuator_length, nu, 1);
    actuatorVelocity = view(MjLayout.D_actuator_velocity, nu, 1);
    actuatorForce = view(MjLayout.D_actuator_force, nu, 1);
    sensordata = view(MjLayout.D_sensordata, model.nsensordata, 1);
    qfrcInverse = view(MjLayout.D_qfrc_inverse, nv, 1);
    geomXpos = view(MjLayout.D_geom_xpos, model.ngeom, 3);
    geomXmat = view(MjLayout.D_geom_xmat, model.ngeom, 9);
    siteXpos = view(MjLayout.D_site_xpos, model.nsite, 3);
    tenLength = view(MjLayout.D_ten_length, model.ntendon, 1);
    scratch6 = scratchArena.allocate(6 * 8L, 8);
  }

  private DoubleView view(long offset, int rows, int cols) {
    return new DoubleView(d.get(ADDRESS, offset).reinterpret(8L * rows * cols), rows, cols);
  }

  /**
   * View of any data {@code mjtNum} array given its generated offset ({@code MjLayout.D_*}) and
   * shape.
   */
  public DoubleView doubles(long fieldOffset, int rows, int cols) {
    return new DoubleView(
        ptr().get(ADDRESS, fieldOffset).reinterpret(8L * rows * cols), rows, cols);
  }

  /**
   * View of any data {@code int} array given its generated offset ({@code MjLayout.D_*}) and shape.
   */
  public IntView ints(long fieldOffset, int rows, int cols) {
    return new IntView(ptr().get(ADDRESS, fieldOffset).reinterpret(4L * rows * cols), rows, cols);
  }

  /** Position-dependent computations incl. tendon paths ({@code mj_fwdPosition}). */
  public void fwdPosition() {
    try {
      MuJoCo.mj_fwdPosition.invokeExact(mp, ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  public SimModel model() {
    return model;
  }

  /** The native {@code mjData*} (for other native shims such as the renderer). */
  public MemorySegment pointer() {
    return ptr();
  }

  private MemorySegment ptr() {
    if (closed) throw new IllegalStateException("SimData is closed");
    return d;
  }

  // ---- simulation -----------------------------------------------------------------------------

  /** One physics step ({@code mj_step}). */
  public void step() {
    try {
      MuJoCo.mj_step.invokeExact(mp, ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Full forward dynamics without integration ({@code mj_forward}). */
  public void forward() {
    try {
      MuJoCo.mj_forward.invokeExact(mp, ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Positions and orientations of bodies, geoms and sites from qpos ({@code mj_kinematics}). */
  public void kinematics() {
    try {
      MuJoCo.mj_kinematics.invokeExact(mp, ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /**
   * Centre-of-mass quantities needed by Jacobians after {@link #kinematics()} ({@code mj_comPos}).
   */
  public void comPos() {
    try {
      MuJoCo.mj_comPos.invokeExact(mp, ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Inverse dynamics ({@code mj_inverse}): fills {@link #qfrcInverse} from qpos, qvel, qacc. */
  public void inverse() {
    try {
      MuJoCo.mj_inverse.invokeExact(mp, ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Resets to the model's default state ({@code mj_resetData}). */
  public void reset() {
    try {
      MuJoCo.mj_resetData.invokeExact(mp, ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  public double time() {
    return ptr().get(JAVA_DOUBLE, MjLayout.D_time);
  }

  /** Copies the whole state of {@code src} (same model) into this data ({@code mj_copyData}). */
  public void copyFrom(SimData src) {
    if (src.model != model) throw new IllegalArgumentException("SimData of a different model");
    try {
      // invokeExact needs the call typed as it returns (the copy's own pointer, not needed here)
      MemorySegment unused = (MemorySegment) MuJoCo.mj_copyData.invokeExact(ptr(), mp, src.ptr());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  // ---- state snapshots ------------------------------------------------------------------------

  /** Size of a state vector for the given {@code mjtState} signature. */
  public int stateSize(int sig) {
    try {
      return (int) MuJoCo.mj_stateSize.invokeExact(mp, sig);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Everything needed to continue identically: time, qpos, qvel, act, warm start, ctrl, ... */
  public double[] getState() {
    int n = stateSize(STATE_INTEGRATION);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment buf = a.allocate(8L * n, 8);
      MuJoCo.mj_getState.invokeExact(mp, ptr(), buf, STATE_INTEGRATION);
      return buf.toArray(JAVA_DOUBLE);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /**
   * Restores a state from {@link #getState()}; call {@link #forward()} to refresh derived values.
   */
  public void setState(double[] state) {
    int n = stateSize(STATE_INTEGRATION);
    if (state.length != n)
      throw new IllegalArgumentException("state has " + state.length + " values, expected " + n);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment buf = a.allocateFrom(JAVA_DOUBLE, state);
      MuJoCo.mj_setState.invokeExact(mp, ptr(), buf, STATE_INTEGRATION);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  // ---- contacts -------------------------------------------------------------------------------

  /** Number of active contacts after the last forward pass. */
  public int ncon() {
    return ptr().get(JAVA_INT, MjLayout.D_ncon);
  }

  private MemorySegment contact(int i) {
    MemorySegment base = ptr().get(ADDRESS, MjLayout.D_contact);
    return base.reinterpret(MjLayout.SIZEOF_MJCONTACT * (i + 1L))
        .asSlice(MjLayout.SIZEOF_MJCONTACT * i);
  }

  /** Geom ids {geom1, geom2} of contact {@code i}. */
  public int contactGeom(int i, int which) {
    return contact(i).get(JAVA_INT, MjLayout.C_geom + 4L * which);
  }

  /** Penetration distance of contact {@code i} (negative when penetrating). */
  public double contactDist(int i) {
    return contact(i).get(JAVA_DOUBLE, MjLayout.C_dist);
  }

  /** Contact point of contact {@code i} into {@code out[0..2]}. */
  public void contactPos(int i, double[] out) {
    MemorySegment.copy(contact(i), JAVA_DOUBLE, MjLayout.C_pos, out, 0, 3);
  }

  /**
   * Force and torque of contact {@code i} in its contact frame ({@code mj_contactForce}), normal
   * first.
   */
  public void contactForce(int i, double[] out6) {
    try {
      MuJoCo.mj_contactForce.invokeExact(mp, ptr(), i, scratch6);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
    MemorySegment.copy(scratch6, JAVA_DOUBLE, 0, out6, 0, 6);
  }

  // ---- Jacobians and velocities -------------------------------------------------------------

  /** Translational (3×nv) and rotational (3×nv) Jacobians of a body origin ({@code mj_jacBody}). */
  public void jacBody(int body, double[] outJacp, double[] outJacr) {
    int n = 3 * model.nv;
    if (jacp == null) {
      jacp = scratchArena.allocate(8L * n, 8);
      jacr = scratchArena.allocate(8L * n, 8);
    }
    try {
      MuJoCo.mj_jacBody.invokeExact(mp, ptr(), jacp, jacr, body);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
    if (outJacp != null) MemorySegment.copy(jacp, JAVA_DOUBLE, 0, outJacp, 0, n);
    if (outJacr != null) MemorySegment.copy(jacr, JAVA_DOUBLE, 0, outJacr, 0, n);
  }

  /** 6D velocity (angular, then linear) of an object ({@code mj_objectVelocity}). */
  public void objectVelocity(ObjType type, int id, boolean local, double[] out6) {
    try {
      MuJoCo.mj_objectVelocity.invokeExact(mp, ptr(), type.code, id, scratch6, local ? 1 : 0);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
    MemorySegment.copy(scratch6, JAVA_DOUBLE, 0, out6, 0, 6);
  }

  // ---- warnings -------------------------------------------------------------------------------

  /** Total warnings MuJoCo counted in this data (bad qacc, too many contacts, ...). */
  public int warnings() {
    MemorySegment w = ptr();
    int total = 0;
    for (int i = 0; i < MjLayout.MJ_NWARNING; i++) {
      total += w.get(JAVA_INT, MjLayout.D_warning + i * MjLayout.SIZEOF_MJWARNINGSTAT + 4);
    }
    return total;
  }

  /** True when the state holds a NaN or infinity, or MuJoCo raised a warning. */
  public boolean unstable() {
    if (warnings() > 0) return true;
    for (int i = 0; i < model.nq; i++) if (!Double.isFinite(qpos.get(i))) return true;
    for (int i = 0; i < model.nv; i++) if (!Double.isFinite(qvel.get(i))) return true;
    return false;
  }

  /** Frees the native data. Safe to call twice. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      MuJoCo.mj_deleteData.invokeExact(d);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
    scratchArena.close();
  }
}
