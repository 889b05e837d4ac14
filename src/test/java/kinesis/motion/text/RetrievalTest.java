package kinesis.motion.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import org.junit.jupiter.api.Test;

class RetrievalTest {
  static Clip tiny(String name, String skill) {
    return new Clip(
        name,
        skill,
        30,
        30,
        List.of("Pelvis"),
        new double[6],
        new double[6],
        new double[] {1, 0, 0, 0, 1, 0, 0, 0},
        new double[6],
        Map.of(),
        null,
        0,
        null);
  }

  @Test
  void bm25StemsAndDropsStopWords() {
    try (TextIndex idx =
        new TextIndex(
            List.of("a person is walking slowly", "someone jumps", "the man walked in a circle"))) {
      assertEquals(List.of("man", "walk", "circl"), idx.terms("The man walked in circles"));
      List<TextIndex.Hit> hits = idx.search("walks around in a circle", 3);
      assertEquals(2, hits.size(), "the jump shares no word");
      assertEquals(2, hits.get(0).position(), "two shared words beat one");
      assertTrue(hits.get(0).score() > hits.get(1).score());
      assertEquals(
          2, idx.search("a man walks", 3).get(0).position(), "the text with both words first");
      assertTrue(idx.search("the a of", 3).isEmpty(), "stop words alone match nothing");
    }
  }

  @Test
  void kitMlEntriesMatchTheVerbsOfTheQuery() {
    List<Descriptions.Description> kit = Descriptions.kitMl();
    assertTrue(kit.size() > 2000, "KIT-ML texts of the 1084 keys: " + kit.size());
    Retrieval r = new Retrieval(kit, List.of());
    for (String[] q :
        new String[][] {
          {"a person walks backwards", "backward"},
          {"someone turns left", "left"},
          {"a person jogs", "jog"},
          {"walking in a circle", "circle"}
        }) {
      List<Retrieval.Match> top = r.search(q[0], 10);
      assertEquals(10, top.size(), q[0]);
      for (Retrieval.Match m : top) {
        assertTrue(m.text().toLowerCase(Locale.ROOT).contains(q[1]), q[0] + " → " + m.text());
        assertEquals(Descriptions.KIT_SOURCE, m.source());
        assertTrue(m.clip().startsWith("0-KIT_"), m.clip());
        assertFalse(m.inLibrary(), "no KIT set was given");
      }
    }
  }

  @Test
  void libraryClipsArePlayableAndUndescribedClipsAreFoundByName() {
    ClipSet pub =
        new ClipSet(
            "public-locomotion",
            "legs",
            List.of(
                new ClipSet.Entry(
                    tiny("dataset-1_walk-back_normal_001", "backwards"), "test", null)));
    ClipSet mine =
        new ClipSet(
            "mine",
            "legs",
            List.of(new ClipSet.Entry(tiny("sidestep_left", "other"), "all", null)));
    List<Descriptions.Description> d = new java.util.ArrayList<>(Descriptions.publicLocomotion());
    assertEquals(
        33,
        d.stream().map(Descriptions.Description::clip).distinct().count(),
        "every public-locomotion clip is described");
    d.addAll(Descriptions.kitMl());
    Retrieval r = new Retrieval(d, List.of(pub, mine));
    Retrieval.Match best =
        r.rank("a person walks backwards").stream()
            .filter(Retrieval.Match::inLibrary)
            .findFirst()
            .orElseThrow();
    assertEquals("dataset-1_walk-back_normal_001", best.clip());
    assertNotNull(r.entry(best));
    Retrieval.Match side = r.search("sidestep to the left", 1).get(0);
    assertEquals("mine", side.set());
    assertTrue(side.inLibrary());
    assertTrue(r.search("xyzzy plugh", 5).isEmpty());
  }
}
