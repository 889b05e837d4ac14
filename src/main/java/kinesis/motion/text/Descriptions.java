package kinesis.motion.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import kinesis.io.Json;
import kinesis.motion.KitLocomotion;
import kinesis.motion.PublicClips;

/**
 * Texts that describe clips, for retrieval: the KIT-ML annotations of the KIT-Locomotion keys
 * ({@code data/text/kitml-humanml3d/kinesis_kit_keys_with_texts.json}; a key is the clip name
 * {@code motion import-kit} gives) and the descriptions written for the {@code public-locomotion}
 * clips (bundled {@code public-locomotion-texts.json}).
 */
public final class Descriptions {
  private Descriptions() {}

  /**
   * One text describing clip {@code clip} of clip set {@code set}; {@code source} says who wrote
   * it.
   */
  public record Description(String set, String clip, String text, String source) {}

  public static final String KIT_TEXTS =
      "data/text/kitml-humanml3d/kinesis_kit_keys_with_texts.json";
  public static final String KIT_SOURCE = "KIT-ML", PUBLIC_SOURCE = "kinesis";

  /** The bundled descriptions of the public-locomotion clips. */
  public static List<Description> publicLocomotion() {
    try (InputStream in =
        Descriptions.class.getResourceAsStream(
            "/kinesis/motion/text/public-locomotion-texts.json")) {
      List<Description> out = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it =
              Json.MAPPER.readTree(in).path("clips").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        for (JsonNode t : e.getValue())
          out.add(new Description(PublicClips.NAME, e.getKey(), t.asText(), PUBLIC_SOURCE));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("bundled public-locomotion-texts.json unreadable", e);
    }
  }

  /** The KIT-ML texts of every KIT-Locomotion key (train and test). */
  public static List<Description> kitMl() {
    return kitMl(Assets.resolve(KIT_TEXTS));
  }

  static List<Description> kitMl(Path file) {
    if (!Files.isRegularFile(file))
      throw new BadInputException(file, "not found (the KIT-ML texts; see ./kinesis assets)");
    JsonNode root = Json.read(file, JsonNode.class);
    if (!root.isObject())
      throw new BadInputException(file, "expected an object of KIT-Locomotion keys");
    List<Description> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (JsonNode k : e.getValue().path("kitml")) {
        for (JsonNode t : k.path("texts"))
          out.add(new Description(KitLocomotion.NAME, e.getKey(), t.asText(), KIT_SOURCE));
      }
    }
    return out;
  }
}
