package kinesis.motion.text;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.PublicClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clips composed from a file of sentences use the training split alone and are posed. */
class ComposedClipsTest {
  @TempDir Path tmp;

  @Test
  void sentencesBecomePosedClipsOfTrainingClipsOnly() throws Exception {
    ClipSet set = PublicClips.ensure("legs");
    Path file = tmp.resolve("sentences.txt");
    Files.writeString(
        file,
        "# a comment\n\nwalk forward 1 m, then turn right 90 degrees, then walk forward 1 m\n");
    try (BodyModel body = BodyModel.load("legs")) {
      List<Clip> clips = ComposedClips.fromFile(file, set, body);
      assertEquals(1, clips.size());
      Clip c = clips.get(0);
      assertNotNull(c.poses(), "posed for the body");
      String pieces = c.provenance().get("pieces");
      for (Clip test : set.split("test"))
        assertFalse(pieces.contains(test.name()), "a test clip was used: " + pieces);

      Files.writeString(file, "walk forward 1 m\nfly to the moon\n");
      BadInputException bad =
          assertThrows(BadInputException.class, () -> ComposedClips.fromFile(file, set, body));
      assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
      Files.writeString(file, "# nothing\n");
      assertThrows(BadInputException.class, () -> ComposedClips.fromFile(file, set, body));
      assertThrows(
          BadInputException.class,
          () -> ComposedClips.fromFile(tmp.resolve("missing.txt"), set, body));
    }
  }
}
