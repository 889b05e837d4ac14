package kinesis.motion;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;

/**
 * DeepMimic motion JSON ({@code {"Loop": ..., "Frames": [[dt, root pos 3, root quat 4,
 * joints...]]}}) over a character file ({@code Skeleton.Joints}: name, type, parent, attach offset;
 * metres, y up). Spherical joints take a quaternion (w, x, y, z), revolute joints one angle about
 * z, fixed joints nothing. The humanoid3d character has no toes: the mapping synthesises them from
 * the foot's orientation and says so in provenance.
 */
public final class DeepMimicImporter {
  private DeepMimicImporter() {}

  /** Default character: the DeepMimic humanoid3d beside the shared motions. */
  public static final String CHARACTER = "data/motions/deepmimic/character_humanoid3d.txt";

  /** Character joints, in file order. */
  record CharacterJoints(Skeleton skeleton, List<String> types) {}

  public static SourceMotion load(Path file) {
    Path sibling = file.toAbsolutePath().resolveSibling("character_humanoid3d.txt");
    return load(
        file,
        Files.exists(sibling) ? sibling : Assets.resolve(CHARACTER),
        SkeletonMapping.bundled("deepmimic-humanoid3d"));
  }

  public static SourceMotion load(Path file, Path characterFile, SkeletonMapping mapping) {
    CharacterJoints ch = character(characterFile);
    Skeleton sk = ch.skeleton();
    for (String j : mapping.requiredJoints()) {
      if (sk.index(j) < 0)
        throw new BadInputException(characterFile, "character lacks joint '" + j + "'");
    }
    JsonNode root = readJson(file);
    JsonNode frames = root.get("Frames");
    if (frames == null || !frames.isArray())
      throw new BadInputException(file, "no \"Frames\" array (not a DeepMimic motion)");
    int width = 1 + 3;
    for (String t : ch.types()) width += dofs(t, characterFile);
    int n = frames.size();
    if (n < 2) throw new BadInputException(file, "needs at least 2 frames, has " + n);
    double[] roles = new double[n * 3 * SourceMotion.ROLE_COUNT];
    int jn = sk.size();
    double[] rot = new double[4 * jn], pos = new double[3 * jn], wrot = new double[4 * jn];
    double dt = 0;
    for (int f = 0; f < n; f++) {
      JsonNode row = frames.get(f);
      if (!row.isArray() || row.size() != width) {
        throw new BadInputException(
            file, "frame " + f + " has " + row.size() + " values, the character needs " + width);
      }
      double[] v = new double[width];
      for (int i = 0; i < width; i++) {
        if (!row.get(i).isNumber())
          throw new BadInputException(file, "frame " + f + " value " + i + " is not a number");
        v[i] = row.get(i).asDouble();
        if (!Double.isFinite(v[i]))
          throw new BadInputException(file, "non-finite value (NaN) in frame " + f);
      }
      if (f == 0) dt = v[0];
      int c = 4;
      for (int j = 0; j < jn; j++) {
        double[] q =
            switch (ch.types().get(j)) {
              case "none", "spherical" -> {
                double[] r = new double[] {v[c], v[c + 1], v[c + 2], v[c + 3]};
                if (!(Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2] + r[3] * r[3]) > 1e-12)) {
                  throw new BadInputException(
                      file,
                      "frame " + f + ": joint '" + sk.names().get(j) + "' has a zero quaternion");
                }
                r = Rot.normalize(r);
                c += 4;
                yield r;
              }
              case "revolute" -> Rot.rotZ(v[c++]);
              default -> Rot.identity();
            };
        System.arraycopy(q, 0, rot, 4 * j, 4);
      }
      sk.forward(new double[] {v[1], v[2], v[3]}, null, rot, null, pos, wrot);
      System.arraycopy(
          mapping.roles(sk, pos, wrot),
          0,
          roles,
          f * 3 * SourceMotion.ROLE_COUNT,
          3 * SourceMotion.ROLE_COUNT);
    }
    if (!(dt > 0)) throw new BadInputException(file, "frame duration must be positive, got " + dt);
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("character", characterFile.getFileName().toString());
    prov.put("loop", root.path("Loop").asText("none"));
    for (Map.Entry<String, SkeletonMapping.Virtual> e : mapping.virtual().entrySet()) {
      prov.put("synthesised_" + e.getKey(), e.getValue().note());
    }
    return new SourceMotion(
        file,
        "deepmimic",
        mapping.name(),
        Signal.rateFromFrameTime(dt),
        roles,
        null,
        mapping.toePitchDeg(),
        prov);
  }

  private static int dofs(String type, Path characterFile) {
    return switch (type) {
      case "none" -> 4; // the root quaternion (its position is counted separately)
      case "spherical" -> 4;
      case "revolute" -> 1;
      case "fixed" -> 0;
      default -> throw new BadInputException(characterFile, "unsupported joint type " + type);
    };
  }

  static CharacterJoints character(Path file) {
    JsonNode joints = readJson(file).path("Skeleton").path("Joints");
    if (!joints.isArray() || joints.isEmpty())
      throw new BadInputException(file, "no Skeleton.Joints (not a DeepMimic character)");
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    int[] parents = new int[joints.size()];
    double[][] offsets = new double[joints.size()][];
    for (int i = 0; i < joints.size(); i++) {
      JsonNode j = joints.get(i);
      names.add(j.path("Name").asText());
      types.add(j.path("Type").asText());
      parents[i] = j.path("Parent").asInt(-2);
      if (parents[i] < -1 || parents[i] >= i)
        throw new BadInputException(file, "joint " + i + " has a bad parent");
      offsets[i] =
          new double[] {
            j.path("AttachX").asDouble(), j.path("AttachY").asDouble(), j.path("AttachZ").asDouble()
          };
    }
    if (!types.get(0).equals("none"))
      throw new BadInputException(file, "joint 0 must be the root (type none)");
    return new CharacterJoints(new Skeleton(names, parents, offsets), types);
  }

  private static JsonNode readJson(Path file) {
    if (!Files.exists(file)) throw new BadInputException(file, "file not found");
    try {
      if (Files.size(file) == 0) throw new BadInputException(file, "file is empty");
      return Json.MAPPER.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadInputException(file, "malformed JSON (truncated?): " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
  }
}
