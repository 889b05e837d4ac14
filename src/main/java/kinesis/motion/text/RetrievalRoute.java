package kinesis.motion.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kinesis.io.BadInputException;
import kinesis.motion.ClipSet;
import kinesis.motion.Importers;

/**
 * Route 2: the best clip of the user's library for the prompt ({@link Retrieval}, BM25 over KIT-ML
 * and public-locomotion descriptions). The reference is the best-scoring clip the library holds;
 * the {@code top} best matches, in the library or not, are reported with their scores.
 */
public record RetrievalRoute(
    List<Descriptions.Description> descriptions, List<ClipSet> library, int top)
    implements TextRoute {
  public static final String NAME = "retrieve";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Reference reference(String prompt, Importers importers) {
    Retrieval r = new Retrieval(descriptions, library);
    List<Retrieval.Match> ranked = r.rank(prompt);
    String sets = library.stream().map(ClipSet::name).collect(Collectors.joining(", "));
    if (ranked.isEmpty()) {
      throw new BadInputException(
          "no description of a motion shares a word with '"
              + prompt
              + "' ("
              + r.descriptions()
              + " descriptions of KIT-ML and "
              + sets
              + "; try words such as walk, run, jog, turn, left, right, backwards, circle)");
    }
    List<Retrieval.Match> held = ranked.stream().filter(Retrieval.Match::inLibrary).toList();
    List<Retrieval.Match> elsewhere = ranked.stream().filter(m -> !m.inLibrary()).toList();
    if (held.isEmpty()) {
      Retrieval.Match m = ranked.get(0);
      throw new BadInputException(
          "the clips matching '"
              + prompt
              + "' are not in your library ("
              + sets
              + "): best "
              + m.set()
              + "/"
              + m.clip()
              + " '"
              + m.text()
              + "'; import AMASS KIT with ./kinesis motion import-kit to use KIT-ML matches");
    }
    Retrieval.Match best = held.get(0);
    ClipSet.Entry e = r.entry(best);
    // candidates: the library's best clips; the best KIT-ML matches it lacks are listed apart
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (Retrieval.Match m : held.subList(0, Math.min(top, held.size()))) candidates.add(json(m));
    Map<String, Object> material = json(best);
    material.put("library", sets);
    material.put("library_matches", held.size());
    material.put("descriptions", r.descriptions());
    material.put("matches_outside_library", elsewhere.size());
    material.put(
        "best_outside_library", elsewhere.stream().limit(3).map(RetrievalRoute::json).toList());
    return new Reference(e.clip(), e.ik(), NAME, material, candidates);
  }

  static Map<String, Object> json(Retrieval.Match m) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("set", m.set());
    j.put("clip", m.clip());
    j.put("score", m.score());
    j.put("text", m.text());
    j.put("text_by", m.source());
    j.put("in_library", m.inLibrary());
    return j;
  }
}
