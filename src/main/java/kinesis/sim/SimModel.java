package kinesis.sim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.SAXParserFactory;
import kinesis.io.BadInputException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A compiled MuJoCo model ({@code mjModel}). Loaded once and shared read-only by every thread; each
 * environment creates its own {@link SimData}. Options such as the timestep are set right after
 * loading, before any data is made.
 */
public final class SimModel implements AutoCloseable {
  private final MemorySegment m;
  private final String source;
  private boolean closed;

  public final int nq, nv, nu, na, nbody, njnt, ngeom, nsite, ntendon, nsensor, nsensordata;
  public final int nmocap, neq, nkey, ncam;

  private SimModel(MemorySegment ptr, String source) {
    this.m = ptr.reinterpret(MjLayout.SIZEOF_MJMODEL);
    this.source = source;
    nq = size(MjLayout.M_nq);
    nv = size(MjLayout.M_nv);
    nu = size(MjLayout.M_nu);
    na = size(MjLayout.M_na);
    nbody = size(MjLayout.M_nbody);
    njnt = size(MjLayout.M_njnt);
    ngeom = size(MjLayout.M_ngeom);
    nsite = size(MjLayout.M_nsite);
    ntendon = size(MjLayout.M_ntendon);
    nsensor = size(MjLayout.M_nsensor);
    nsensordata = size(MjLayout.M_nsensordata);
    nmocap = size(MjLayout.M_nmocap);
    neq = size(MjLayout.M_neq);
    nkey = size(MjLayout.M_nkey);
    ncam = size(MjLayout.M_ncam);
    lengthRange = actuatorLengthRange().segment();
    gainPrm = actuatorGainPrm().segment();
    biasPrm = actuatorBiasPrm().segment();
    acc0 = actuatorAcc0();
  }

  // muscle parameters, resolved once for the muscle-curve calls of the PD controller
  private final MemorySegment lengthRange, gainPrm, biasPrm;
  private final DoubleView acc0;

  /**
   * Loads an MJCF file. The file is checked in Java first (exists, not empty, well-formed XML), so
   * a bad file gives a {@link BadInputException} naming it rather than a native failure.
   */
  public static SimModel load(Path file) {
    checkXmlFile(file);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment err = a.allocate(1000);
      MemorySegment ptr =
          (MemorySegment)
              MuJoCo.mj_loadXML.invokeExact(
                  a.allocateFrom(file.toAbsolutePath().toString()), MemorySegment.NULL, err, 1000);
      if (ptr.equals(MemorySegment.NULL)) {
        throw new BadInputException(file, "MuJoCo cannot load this model: " + err.getString(0));
      }
      return new SimModel(ptr, file.toAbsolutePath().toString());
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Compiles a model from an MJCF string (assets referenced by relative paths are not found). */
  public static SimModel fromXml(String xml) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment err = a.allocate(1000);
      MemorySegment spec =
          (MemorySegment)
              MuJoCo.mj_parseXMLString.invokeExact(
                  a.allocateFrom(xml), MemorySegment.NULL, err, 1000);
      if (spec.equals(MemorySegment.NULL)) {
        throw new BadInputException("MJCF string: " + err.getString(0));
      }
      try {
        MemorySegment ptr = (MemorySegment) MuJoCo.mj_compile.invokeExact(spec, MemorySegment.NULL);
        if (ptr.equals(MemorySegment.NULL)) {
          MemorySegment msg = (MemorySegment) MuJoCo.mjs_getError.invokeExact(spec);
          throw new BadInputException("MJCF string: " + msg.reinterpret(4096).getString(0));
        }
        return new SimModel(ptr, "<string>");
      } finally {
        MuJoCo.mj_deleteSpec.invokeExact(spec);
      }
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  private static void checkXmlFile(Path file) {
    if (!Files.exists(file)) throw new BadInputException(file, "file not found");
    if (!Files.isRegularFile(file)) throw new BadInputException(file, "not a regular file");
    if (!Files.isReadable(file)) throw new BadInputException(file, "not readable");
    try {
      if (Files.size(file) == 0) throw new BadInputException(file, "file is empty");
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.newSAXParser().parse(file.toFile(), new DefaultHandler());
    } catch (SAXParseException e) {
      throw new BadInputException(
          file, "malformed XML at line " + e.getLineNumber() + ": " + e.getMessage());
    } catch (BadInputException e) {
      throw e;
    } catch (Exception e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
  }

  /** Where the model came from (absolute file path or {@code <string>}). */
  public String source() {
    return source;
  }

  /** Creates a fresh data instance ({@code mj_makeData}); close it when done. */
  public SimData makeData() {
    return new SimData(this);
  }

  /** The native {@code mjModel*} (for other native shims such as the renderer). */
  public MemorySegment pointer() {
    return ptr();
  }

  MemorySegment ptr() {
    checkOpen();
    return m;
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("SimModel is closed");
  }

  private int size(long offset) {
    return Math.toIntExact(m.get(JAVA_LONG, offset));
  }

  // ---- options --------------------------------------------------------------------------------

  public double timestep() {
    return m.get(JAVA_DOUBLE, MjLayout.M_opt_timestep);
  }

  /** Sets {@code opt.timestep}; call before the model is shared between threads. */
  public void setTimestep(double dt) {
    m.set(JAVA_DOUBLE, MjLayout.M_opt_timestep, dt);
  }

  /**
   * Switches the collisions of geom {@code geom} off (contype = conaffinity = 0); call before the
   * model is shared between threads.
   */
  public void disableCollisions(int geom) {
    if (geom < 0 || geom >= ngeom) throw new IllegalArgumentException("no geom " + geom);
    for (long field : new long[] {MjLayout.M_geom_contype, MjLayout.M_geom_conaffinity}) {
      ptr()
          .get(ADDRESS, field)
          .reinterpret(4L * ngeom)
          .setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, geom, 0);
    }
  }

  // ---- names ----------------------------------------------------------------------------------

  /** Id of a named object, or -1 when the model has no such object. */
  public int id(ObjType type, String name) {
    try (Arena a = Arena.ofConfined()) {
      return (int) MuJoCo.mj_name2id.invokeExact(ptr(), type.code, a.allocateFrom(name));
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Id of a named object; a clear error when it is missing. */
  public int requireId(ObjType type, String name) {
    int id = id(type, name);
    if (id < 0) {
      throw new BadInputException(
          "model "
              + source
              + " has no "
              + type.name().toLowerCase(Locale.ROOT)
              + " '"
              + name
              + "'");
    }
    return id;
  }

  /** Name of an object ("" when unnamed). */
  public String name(ObjType type, int id) {
    try {
      MemorySegment s = (MemorySegment) MuJoCo.mj_id2name.invokeExact(ptr(), type.code, id);
      return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Names of all objects of one type, in id order. */
  public List<String> names(ObjType type) {
    int n =
        switch (type) {
          case BODY, XBODY -> nbody;
          case JOINT -> njnt;
          case GEOM -> ngeom;
          case SITE -> nsite;
          case TENDON -> ntendon;
          case ACTUATOR -> nu;
          case SENSOR -> nsensor;
          case EQUALITY -> neq;
          case KEY -> nkey;
          case CAMERA -> ncam;
          case DOF -> nv;
          case MESH -> size(MjLayout.M_nmesh);
        };
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(name(type, i));
    return out;
  }

  // ---- model arrays -------------------------------------------------------------------------

  /** View of a model {@code mjtNum} array given its generated offset ({@code MjLayout.M_*}). */
  public DoubleView doubles(long fieldOffset, int rows, int cols) {
    MemorySegment p = ptr().get(ADDRESS, fieldOffset).reinterpret(8L * rows * cols);
    return new DoubleView(p, rows, cols);
  }

  /** View of a model {@code int} array given its generated offset ({@code MjLayout.M_*}). */
  public IntView ints(long fieldOffset, int rows, int cols) {
    MemorySegment p = ptr().get(ADDRESS, fieldOffset).reinterpret(4L * rows * cols);
    return new IntView(p, rows, cols);
  }

  public DoubleView actuatorLengthRange() {
    return doubles(MjLayout.M_actuator_lengthrange, nu, 2);
  }

  public DoubleView actuatorGainPrm() {
    return doubles(MjLayout.M_actuator_gainprm, nu, 10);
  }

  public DoubleView actuatorBiasPrm() {
    return doubles(MjLayout.M_actuator_biasprm, nu, 10);
  }

  public DoubleView actuatorAcc0() {
    return doubles(MjLayout.M_actuator_acc0, nu, 1);
  }

  public DoubleView actuatorCtrlRange() {
    return doubles(MjLayout.M_actuator_ctrlrange, nu, 2);
  }

  public IntView actuatorTrnId() {
    return ints(MjLayout.M_actuator_trnid, nu, 2);
  }

  public DoubleView jntRange() {
    return doubles(MjLayout.M_jnt_range, njnt, 2);
  }

  public IntView jntType() {
    return ints(MjLayout.M_jnt_type, njnt, 1);
  }

  public IntView jntQposAdr() {
    return ints(MjLayout.M_jnt_qposadr, njnt, 1);
  }

  public IntView jntDofAdr() {
    return ints(MjLayout.M_jnt_dofadr, njnt, 1);
  }

  /** Whether each joint has limits (MuJoCo stores one byte per joint). */
  public boolean[] jntLimited() {
    MemorySegment p = ptr().get(ADDRESS, MjLayout.M_jnt_limited).reinterpret(njnt);
    boolean[] out = new boolean[njnt];
    for (int j = 0; j < njnt; j++) out[j] = p.get(java.lang.foreign.ValueLayout.JAVA_BYTE, j) != 0;
    return out;
  }

  public IntView jntBodyId() {
    return ints(MjLayout.M_jnt_bodyid, njnt, 1);
  }

  public IntView bodyParentId() {
    return ints(MjLayout.M_body_parentid, nbody, 1);
  }

  public DoubleView bodyMass() {
    return doubles(MjLayout.M_body_mass, nbody, 1);
  }

  public IntView geomBodyId() {
    return ints(MjLayout.M_geom_bodyid, ngeom, 1);
  }

  public IntView geomType() {
    return ints(MjLayout.M_geom_type, ngeom, 1);
  }

  public DoubleView geomSize() {
    return doubles(MjLayout.M_geom_size, ngeom, 3);
  }

  public IntView sensorType() {
    return ints(MjLayout.M_sensor_type, nsensor, 1);
  }

  public IntView sensorAdr() {
    return ints(MjLayout.M_sensor_adr, nsensor, 1);
  }

  public IntView sensorDim() {
    return ints(MjLayout.M_sensor_dim, nsensor, 1);
  }

  public IntView sensorObjId() {
    return ints(MjLayout.M_sensor_objid, nsensor, 1);
  }

  public DoubleView qpos0() {
    return doubles(MjLayout.M_qpos0, nq, 1);
  }

  public DoubleView keyQpos() {
    return doubles(MjLayout.M_key_qpos, nkey, nq);
  }

  public IntView eqType() {
    return ints(MjLayout.M_eq_type, neq, 1);
  }

  public IntView eqObj1Id() {
    return ints(MjLayout.M_eq_obj1id, neq, 1);
  }

  public IntView eqObj2Id() {
    return ints(MjLayout.M_eq_obj2id, neq, 1);
  }

  public DoubleView eqData() {
    return doubles(MjLayout.M_eq_data, neq, 11);
  }

  /** Total mass of all bodies in kg. */
  public double totalMass() {
    DoubleView mass = bodyMass();
    double s = 0;
    for (int i = 0; i < nbody; i++) s += mass.get(i);
    return s;
  }

  // ---- muscle curves (mju_muscleGain / mju_muscleBias for actuator i) --------------------------

  /** MuJoCo's muscle gain for actuator {@code i} at length {@code len} and velocity {@code vel}. */
  public double muscleGain(int i, double len, double vel) {
    try {
      return (double)
          MuJoCo.mju_muscleGain.invokeExact(
              len,
              vel,
              lengthRange.asSlice(16L * i, 16),
              acc0.get(i),
              gainPrm.asSlice(80L * i, 80));
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** MuJoCo's passive muscle force (bias) for actuator {@code i} at length {@code len}. */
  public double muscleBias(int i, double len) {
    try {
      return (double)
          MuJoCo.mju_muscleBias.invokeExact(
              len, lengthRange.asSlice(16L * i, 16), acc0.get(i), biasPrm.asSlice(80L * i, 80));
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }

  /** Frees the native model. All its data must be closed first. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      MuJoCo.mj_deleteModel.invokeExact(m);
    } catch (Throwable t) {
      throw MuJoCo.rethrow(t);
    }
  }
}
