package kinesis.motion.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;

/**
 * Route 2 of text-to-control: the prompt is matched (BM25, {@link TextIndex}) against every
 * description ({@link Descriptions}: KIT-ML texts and the public-locomotion texts; clips of the
 * user's sets without a description are described by their skill and name). Matches are per clip
 * (its best-scoring text) and say whether the clip is in the library, i.e. can be played.
 */
public final class Retrieval {
  /**
   * One matching clip: its set, name, BM25 score, the text that matched, who wrote it, and whether
   * the library holds it.
   */
  public record Match(
      String set, String clip, double score, String text, String source, boolean inLibrary) {}

  private final List<Descriptions.Description> texts;
  private final Map<String, ClipSet> library = new LinkedHashMap<>();

  /**
   * Retrieval over {@code descriptions} for a library of clip sets (their names key the
   * descriptions).
   */
  public Retrieval(List<Descriptions.Description> descriptions, List<ClipSet> library) {
    List<Descriptions.Description> all = new ArrayList<>(descriptions);
    Set<String> described = new HashSet<>();
    for (Descriptions.Description d : descriptions) described.add(d.set() + "/" + d.clip());
    for (ClipSet s : library) {
      this.library.put(s.name(), s);
      // clips nobody described: their skill and the words of their name
      for (ClipSet.Entry e : s.entries()) {
        Clip c = e.clip();
        if (!described.contains(s.name() + "/" + c.name())) {
          all.add(
              new Descriptions.Description(
                  s.name(),
                  c.name(),
                  c.skill() + " " + c.name().replaceAll("[_\\-.0-9]+", " ").strip(),
                  "clip name"));
        }
      }
    }
    this.texts = List.copyOf(all);
  }

  public int descriptions() {
    return texts.size();
  }

  /**
   * Every clip some text of which shares a word with the prompt, best first (each clip at its best
   * text).
   */
  public List<Match> rank(String prompt) {
    Map<String, Match> best = new LinkedHashMap<>();
    try (TextIndex idx =
        new TextIndex(texts.stream().map(Descriptions.Description::text).toList())) {
      for (TextIndex.Hit h : idx.search(prompt, texts.size())) {
        Descriptions.Description d = texts.get(h.position());
        best.putIfAbsent(
            d.set() + "/" + d.clip(),
            new Match(
                d.set(),
                d.clip(),
                h.score(),
                d.text(),
                d.source(),
                clip(d.set(), d.clip()) != null));
      }
    }
    return List.copyOf(best.values());
  }

  /** The best {@code k} clips for the prompt (empty when no word matches). */
  public List<Match> search(String prompt, int k) {
    List<Match> all = rank(prompt);
    return all.subList(0, Math.min(k, all.size()));
  }

  /** The library's entry for a match (null when the library does not hold it). */
  public ClipSet.Entry entry(Match m) {
    return clip(m.set(), m.clip());
  }

  private ClipSet.Entry clip(String set, String name) {
    ClipSet s = library.get(set);
    if (s == null) return null;
    for (ClipSet.Entry e : s.entries()) if (e.clip().name().equals(name)) return e;
    return null;
  }
}
