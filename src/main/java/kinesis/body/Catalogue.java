package kinesis.body;

import java.util.List;
import java.util.stream.Collectors;
import kinesis.io.BadInputException;

/**
 * The named model variants of the paper and its later revision (kinesis-reference.md §1.6, §3.6.4).
 */
public final class Catalogue {
  private Catalogue() {}

  /** Simulation timestep used everywhere: 1/150 s. */
  public static final double TIMESTEP = 1.0 / 150;

  /** Physics substeps per control step (30 Hz control). */
  public static final int SUBSTEPS = 5;

  private static final List<String> FEET = List.of("calcn_r", "toes_r", "calcn_l", "toes_l");
  private static final List<String> TOUCH = List.of("r_foot", "r_toes", "l_foot", "l_toes");
  private static final List<String> LEG_BODIES =
      List.of("tibia_l", "tibia_r", "talus_l", "talus_r", "toes_l", "toes_r");
  private static final List<String> LEG_KEYPOINTS =
      List.of("L_Knee", "R_Knee", "L_Ankle", "R_Ankle", "L_Toe", "R_Toe");

  /**
   * Root-orientation prior of the pose solver for the models with a spine: it keeps the pelvis
   * within 2° of the clip's root frame, as the reference's IK (which holds the root fixed).
   */
  private static final double SPINE_ROOT_PRIOR = 1.0;

  public static final Variant LEGS =
      new Variant(
          "legs",
          "models/kinesis_legs/myolegs.xml",
          80,
          "root",
          concat("root", LEG_BODIES),
          concat("Pelvis", LEG_KEYPOINTS),
          TOUCH,
          FEET,
          0.05,
          "KINESIS MyoLeg: 80 leg muscles, rigid torso and head (the paper's model)");
  public static final Variant LEGS_ABS =
      new Variant(
          "legs-abs",
          "models/myo_sim/leg/myolegs_abdomen.xml",
          86,
          "root",
          concat2("root", "head", LEG_BODIES),
          concat2("Pelvis", "Head", LEG_KEYPOINTS),
          TOUCH,
          FEET,
          SPINE_ROOT_PRIOR,
          "MyoLeg with abdomen: 80 leg + 6 abdominal muscles");
  public static final Variant LEGS_BACK =
      new Variant(
          "legs-back",
          "models/myo_sim/body/myobody.xml",
          290,
          "Full Body",
          concat2("Full Body", "head", LEG_BODIES),
          concat2("Pelvis", "Head", LEG_KEYPOINTS),
          TOUCH,
          FEET,
          SPINE_ROOT_PRIOR,
          "MyoBody legs and back: 290 muscles");

  public static final List<Variant> ALL = List.of(LEGS, LEGS_ABS, LEGS_BACK);

  /** The variant with this name, or a clear error listing the known names. */
  public static Variant get(String name) {
    for (Variant v : ALL) if (v.name().equals(name)) return v;
    throw new BadInputException(
        "unknown model '"
            + name
            + "'; known models: "
            + ALL.stream().map(Variant::name).collect(Collectors.joining(", ")));
  }

  private static List<String> concat(String first, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
        .toList();
  }

  private static List<String> concat2(String a, String b, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(a, b), rest.stream()).toList();
  }
}
