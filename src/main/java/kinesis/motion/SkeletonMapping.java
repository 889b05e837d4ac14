package kinesis.motion;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.Json;

/**
 * How one source skeleton's joints become our keypoints: declared as data in {@code
 * src/main/resources/kinesis/motion/skeletons/NAME.json}, never in importer code.
 *
 * @param name mapping name, recorded in every clip's provenance
 * @param description one line for people
 * @param unitsToMetres factor from file units to metres (0.01 for centimetres)
 * @param upAxis the source's up axis, {@code y} or {@code z} (converted to z up)
 * @param order source joint names by index, for formats that store joints by position (may be null)
 * @param joints role (L_Hip, R_Hip, L_Knee, R_Knee, L_Ankle, R_Ankle, L_Toe, R_Toe, Neck, Head) →
 *     source joint
 * @param virtual roles synthesised as a fixed offset in a joint's frame (source units), e.g. toes
 *     from the foot
 * @param toePitchDeg raise the toe keypoints by this angle about the ankle, in the shank–foot plane
 *     (degrees), where the source's toe joint sits lower than the body's for the same foot posture
 * @param notes what the mapping assumes, copied into provenance
 */
public record SkeletonMapping(
    String name,
    String description,
    @JsonProperty("units_to_metres") double unitsToMetres,
    @JsonProperty("up_axis") String upAxis,
    List<String> order,
    Map<String, String> joints,
    Map<String, Virtual> virtual,
    @JsonProperty("toe_pitch_deg") double toePitchDeg,
    String notes) {

  /** The roles every mapping must provide (as a joint or a virtual point). */
  public static final List<String> ROLES =
      List.of(
          "L_Hip", "R_Hip", "L_Knee", "R_Knee", "L_Ankle", "R_Ankle", "L_Toe", "R_Toe", "Neck",
          "Head");

  /** A point fixed in a joint's frame: position = p_joint + R_joint·offset (source units). */
  public record Virtual(String joint, double[] offset, String note) {}

  public SkeletonMapping {
    order = order == null ? List.of() : List.copyOf(order);
    joints = joints == null ? Map.of() : Map.copyOf(joints);
    virtual = virtual == null ? Map.of() : Map.copyOf(virtual);
    for (String r : ROLES) {
      if (!joints.containsKey(r) && !virtual.containsKey(r)) {
        throw new IllegalArgumentException("skeleton mapping " + name + " lacks role " + r);
      }
    }
  }

  /** Loads a bundled mapping by name. */
  public static SkeletonMapping bundled(String name) {
    String res = "/kinesis/motion/skeletons/" + name + ".json";
    try (InputStream in = SkeletonMapping.class.getResourceAsStream(res)) {
      if (in == null) throw new BadInputException("no bundled skeleton mapping '" + name + "'");
      return Json.MAPPER.readValue(in, SkeletonMapping.class);
    } catch (IOException e) {
      throw new IllegalStateException("bundled mapping " + res + " is unreadable", e);
    }
  }

  /** Loads a user mapping file. */
  public static SkeletonMapping read(Path file) {
    try {
      return Json.read(file, SkeletonMapping.class);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file, e.getMessage());
    } catch (BadInputException e) {
      // Jackson wraps the record's own validation message
      Throwable c = e.getCause();
      throw c instanceof IllegalArgumentException ? new BadInputException(file, c.getMessage()) : e;
    }
  }

  /** Rotation taking the source's up axis to world z. */
  public double[] upRotation() {
    return switch (upAxis) {
      case "z" -> Rot.identity();
      case "y" -> Rot.rotX(Math.PI / 2);
      default ->
          throw new BadInputException(
              "skeleton mapping " + name + ": up_axis must be y or z, got " + upAxis);
    };
  }

  /**
   * Role positions (roles × 3, world z-up metres) from joint positions stored by index in {@link
   * #order} (source units and axes, {@code J×3}); virtual points are not possible here.
   */
  public double[] rolesFromPositions(double[] jointPos) {
    double[] up = upRotation();
    double[] out = new double[3 * ROLES.size()];
    for (int r = 0; r < ROLES.size(); r++) {
      int j = order.indexOf(joints.get(ROLES.get(r)));
      double[] p = Rot.scale(Rot.rotate(up, Signal.at(jointPos, j, 3)), unitsToMetres);
      System.arraycopy(p, 0, out, 3 * r, 3);
    }
    return out;
  }

  /** Source joints this mapping needs (to check a file has them). */
  public List<String> requiredJoints() {
    java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(joints.values());
    for (Virtual v : virtual.values()) s.add(v.joint());
    return List.copyOf(s);
  }

  /**
   * Role positions (roles × 3, world z-up metres) of one frame from a skeleton's FK output in
   * source units and source axes ({@code pos} J×3, {@code rot} J×4), in {@link #ROLES} order.
   */
  public double[] roles(Skeleton sk, double[] pos, double[] rot) {
    double[] up = upRotation();
    double[] out = new double[3 * ROLES.size()];
    for (int r = 0; r < ROLES.size(); r++) {
      String role = ROLES.get(r);
      double[] p;
      Virtual v = virtual.get(role);
      if (v != null) {
        int j = sk.index(v.joint());
        p = Rot.add(Signal.at(pos, j, 3), Rot.rotate(Signal.at(rot, j, 4), v.offset()));
      } else {
        p = Signal.at(pos, sk.index(joints.get(role)), 3);
      }
      p = Rot.scale(Rot.rotate(up, p), unitsToMetres);
      System.arraycopy(p, 0, out, 3 * r, 3);
    }
    return out;
  }
}
