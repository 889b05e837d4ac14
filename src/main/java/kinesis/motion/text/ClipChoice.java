package kinesis.motion.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kinesis.io.BadInputException;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.motion.MotionStats;
import kinesis.motion.Retarget;

/**
 * Which library clip plays each command. Straight moves and circles take a clip with the command's
 * gait as skill label ({@link kinesis.motion.Skills}: walk, backwards, run) and a loopable gait
 * cycle, ranked by the retrieval index ({@link Retrieval}, BM25) against a query for that gait ("a
 * person walks forward in a straight line", ...), else the clip whose cycle closes best. Turns take
 * the {@code turn} clip whose heading change has the turn's sign and is closest to its angle.
 */
public final class ClipChoice {
  /** A library clip analysed for composition. */
  public record Source(
      String set, Clip clip, Track track, Gait gait, Gait.Cycle cycle, MotionStats stats) {
    String id() {
      return set + "/" + clip.name();
    }
  }

  /** The chosen source, why, and the runners-up (set/clip names). */
  public record Choice(
      Source source, String reason, double score, String text, List<String> alternatives) {}

  public static final Map<String, String> QUERIES =
      Map.of(
          "walk",
          "a person walks forward in a straight line",
          "backwards",
          "a person walks backwards in a straight line",
          "run",
          "a person runs forward");

  private final List<Source> sources = new ArrayList<>();
  private final Retrieval retrieval;
  private final String sets;

  public ClipChoice(List<Descriptions.Description> descriptions, List<ClipSet> library) {
    for (ClipSet s : library) {
      for (ClipSet.Entry e : s.entries()) {
        Clip c = e.clip();
        if (!c.keypoints().equals(Retarget.KEYPOINTS) || c.frames() < 2) continue;
        Track t = Track.of(c, 0, c.frames());
        Gait g = Gait.of(t);
        sources.add(new Source(s.name(), c, t, g, g.bestCycle(t), MotionStats.of(c)));
      }
    }
    this.retrieval = new Retrieval(descriptions, library);
    this.sets = library.stream().map(ClipSet::name).collect(Collectors.joining(", "));
  }

  /**
   * A clip with skill {@code gait} and a loopable cycle, best by the retrieval index, else by how
   * well its cycle closes.
   */
  public Choice straight(String gait) {
    List<Source> ok =
        sources.stream().filter(s -> s.clip.skill().equals(gait) && s.cycle != null).toList();
    if (ok.isEmpty()) {
      throw new BadInputException(
          "your library (" + sets + ") has no '" + gait + "' clip with a full gait cycle to loop");
    }
    Map<String, Source> byId = new LinkedHashMap<>();
    for (Source s : ok) byId.put(s.id(), s);
    List<String> ranked = new ArrayList<>();
    Retrieval.Match top = null;
    for (Retrieval.Match m : retrieval.rank(QUERIES.get(gait))) {
      if (!byId.containsKey(m.set() + "/" + m.clip())) continue;
      if (top == null) top = m;
      ranked.add(m.set() + "/" + m.clip());
    }
    if (top != null) {
      return new Choice(
          byId.get(top.set() + "/" + top.clip()),
          "skill " + gait + ", best BM25 match of \"" + QUERIES.get(gait) + "\"",
          top.score(),
          top.text(),
          ranked.subList(1, Math.min(4, ranked.size())));
    }
    List<Source> closing =
        ok.stream().sorted(Comparator.comparingDouble(s -> s.cycle.mismatchM())).toList();
    return new Choice(
        closing.get(0),
        "skill " + gait + ", the cycle that closes best",
        Double.NaN,
        null,
        closing.stream().skip(1).limit(3).map(Source::id).toList());
  }

  /**
   * The turn clip whose heading change has the sign of {@code deg} and is closest to it; null when
   * none has that sign.
   */
  public Choice turn(double deg) {
    List<Source> ok =
        sources.stream()
            .filter(
                s ->
                    s.clip.skill().equals("turn")
                        && Math.signum(s.stats.headingChangeDeg()) == Math.signum(deg))
            .sorted(Comparator.comparingDouble(s -> Math.abs(s.stats.headingChangeDeg() - deg)))
            .toList();
    if (ok.isEmpty()) return null;
    Source best = ok.get(0);
    return new Choice(
        best,
        String.format(
            java.util.Locale.ROOT,
            "skill turn, heading change %.1f° closest to %.1f°",
            best.stats.headingChangeDeg(),
            deg),
        Double.NaN,
        null,
        ok.stream()
            .skip(1)
            .limit(3)
            .map(
                s ->
                    String.format(
                        java.util.Locale.ROOT, "%s (%.1f°)", s.id(), s.stats.headingChangeDeg()))
            .toList());
  }

  public String sets() {
    return sets;
  }
}
