package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import kinesis.io.Assets;
import org.junit.jupiter.api.Test;

class PublicClipsTest {
  @Test
  void specSplitsBySourceFileAndEveryFileExists() {
    PublicClips.Spec spec = PublicClips.spec();
    assertEquals("public-locomotion", spec.name());
    Map<String, String> side = new HashMap<>();
    for (PublicClips.Source s : spec.sources()) {
      assertTrue(Files.isRegularFile(Assets.resolve(s.file())), s.file());
      assertTrue(s.split().equals("train") || s.split().equals("test"), s.split());
      if (s.skill() != null) Skills.check(s.skill());
      // a recording appears once, so all its pieces land on one side
      assertEquals(null, side.put(s.file(), s.split()), "listed twice: " + s.file());
    }
    assertTrue(side.containsValue("train") && side.containsValue("test"));
  }

  @Test
  void cacheLivesOutsideTheRepository() {
    assertTrue(PublicClips.directory("legs").endsWith("clips/public-locomotion"));
    assertTrue(PublicClips.directory("legs-abs").endsWith("clips/public-locomotion-legs-abs"));
    assertTrue(!PublicClips.directory("legs").startsWith(Assets.repository()));
  }
}
