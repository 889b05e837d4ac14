package kinesis.sim;

/** MuJoCo object types (values of {@code mjtObj}) that can be looked up by name. */
public enum ObjType {
  BODY(1),
  XBODY(2),
  JOINT(3),
  DOF(4),
  GEOM(5),
  SITE(6),
  CAMERA(7),
  MESH(10),
  EQUALITY(17),
  TENDON(18),
  ACTUATOR(19),
  SENSOR(20),
  KEY(24);

  /** The integer MuJoCo uses for this type. */
  public final int code;

  ObjType(int code) {
    this.code = code;
  }
}
