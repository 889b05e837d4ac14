package kinesis.motion.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.Importers;

/**
 * Clips composed from sentences of locomotion commands (text-to-control's route 3, {@link
 * ComposeRoute}) out of the training split of a clip set alone: new motions made only of what the
 * policy may learn from, e.g. sharper turns and direction changes than any training clip holds.
 */
public final class ComposedClips {
  private ComposedClips() {}

  /**
   * One clip per sentence of {@code file} (one per line; blank lines and lines starting with # are
   * skipped), each stitched from the training clips of {@code set} and posed for {@code body}.
   */
  public static List<Clip> fromFile(Path file, ClipSet set, BodyModel body) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read: " + e.getMessage());
    }
    ClipSet train =
        new ClipSet(
            set.name(),
            set.model(),
            set.entries().stream().filter(e -> e.split().equals("train")).toList());
    List<Descriptions.Description> descriptions = new ArrayList<>(Descriptions.publicLocomotion());
    descriptions.addAll(Descriptions.kitMl());
    ComposeRoute route = new ComposeRoute(descriptions, List.of(train));
    List<Clip> out = new ArrayList<>();
    try (Importers importers = new Importers(body, Importers.DEFAULT_POSE_STRIDE)) {
      for (int i = 0; i < lines.size(); i++) {
        String s = lines.get(i).strip();
        if (s.isEmpty() || s.startsWith("#")) continue;
        try {
          out.add(route.reference(s, importers).clip());
        } catch (BadInputException e) {
          throw new BadInputException(file, "line " + (i + 1) + ": " + e.getMessage());
        }
      }
    }
    if (out.isEmpty()) throw new BadInputException(file, "holds no sentence");
    return out;
  }
}
