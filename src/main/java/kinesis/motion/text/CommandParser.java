package kinesis.motion.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kinesis.io.BadInputException;

/**
 * The grammar of composed locomotion (route 3 of text-to-control). A sentence is a list of commands
 * joined by "then", "and", "after that", commas, semicolons or full stops; inside a command the
 * words may come in any order:
 *
 * <pre>
 *   walk|run|jog|go [forward|backwards] [N m | for N s]          straight (default 3 s)
 *   turn [left|right|around] [by N degrees]                        walking turn (default left 90°, around 180°)
 *   walk|run [in a] circle [left|right|clockwise|counterclockwise] [of radius N m | N m | for N s]
 * </pre>
 *
 * "walk left/right" is a walking turn and "walk around" a circle. Subjects and small words ("the
 * person is", "a", "to", "for", "in", "line") are skipped; any other word is bad input naming it
 * and the grammar. Numbers are digits or the words one to ten, twenty, thirty, forty-five, sixty,
 * ninety; units m/metres/meters, s/seconds, degrees/°.
 */
public final class CommandParser {
  private CommandParser() {}

  public static final double DEFAULT_SECONDS = 3, DEFAULT_TURN_DEG = 90, DEFAULT_RADIUS_M = 1.5;
  public static final double MAX_DISTANCE_M = 100,
      MAX_SECONDS = 60,
      MAX_TURN_DEG = 720,
      MIN_RADIUS_M = 0.5,
      MAX_RADIUS_M = 20;

  /** What the grammar understands, for error messages. */
  public static final String GRAMMAR =
      "the grammar: 'walk|run|jog [forward|backwards] [N m | for N s]', "
          + "'turn left|right|around [N degrees]', 'walk|run in a circle [left|right|clockwise] [of radius N m | N m | for N s]', "
          + "joined by 'then', 'and' or commas (e.g. \"walk forward 3 m, then turn left 90 degrees, then walk backwards for 2 seconds\")";

  private static final Set<String> SKIP =
      Set.of(
          "a",
          "an",
          "the",
          "person",
          "man",
          "woman",
          "someone",
          "somebody",
          "he",
          "she",
          "they",
          "is",
          "was",
          "are",
          "were",
          "will",
          "to",
          "by",
          "for",
          "in",
          "of",
          "with",
          "please",
          "first",
          "finally",
          "line",
          "full",
          "his",
          "her",
          "way");
  private static final Set<String> JOIN =
      Set.of("then", "and", ",", ";", ".", "after", "that", "afterwards", "next");
  private static final Map<String, String> VERBS =
      Map.ofEntries(
          Map.entry("walk", "walk"),
          Map.entry("walks", "walk"),
          Map.entry("walked", "walk"),
          Map.entry("walking", "walk"),
          Map.entry("go", "walk"),
          Map.entry("goes", "walk"),
          Map.entry("went", "walk"),
          Map.entry("going", "walk"),
          Map.entry("run", "run"),
          Map.entry("runs", "run"),
          Map.entry("ran", "run"),
          Map.entry("running", "run"),
          Map.entry("jog", "run"),
          Map.entry("jogs", "run"),
          Map.entry("jogged", "run"),
          Map.entry("jogging", "run"),
          Map.entry("turn", "turn"),
          Map.entry("turns", "turn"),
          Map.entry("turned", "turn"),
          Map.entry("turning", "turn"));
  private static final Map<String, String> DIRECTIONS =
      Map.ofEntries(
          Map.entry("forward", "forward"),
          Map.entry("forwards", "forward"),
          Map.entry("ahead", "forward"),
          Map.entry("straight", "forward"),
          Map.entry("backward", "backwards"),
          Map.entry("backwards", "backwards"),
          Map.entry("back", "backwards"),
          Map.entry("left", "left"),
          Map.entry("right", "right"),
          Map.entry("counterclockwise", "left"),
          Map.entry("anticlockwise", "left"),
          Map.entry("counter-clockwise", "left"),
          Map.entry("clockwise", "right"),
          Map.entry("around", "around"),
          Map.entry("circle", "circle"),
          Map.entry("circles", "circle"));
  private static final Map<String, Double> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("one", 1.0),
          Map.entry("two", 2.0),
          Map.entry("three", 3.0),
          Map.entry("four", 4.0),
          Map.entry("five", 5.0),
          Map.entry("six", 6.0),
          Map.entry("seven", 7.0),
          Map.entry("eight", 8.0),
          Map.entry("nine", 9.0),
          Map.entry("ten", 10.0),
          Map.entry("twenty", 20.0),
          Map.entry("thirty", 30.0),
          Map.entry("forty-five", 45.0),
          Map.entry("sixty", 60.0),
          Map.entry("ninety", 90.0));
  private static final Map<String, String> UNITS =
      Map.ofEntries(
          Map.entry("m", "m"),
          Map.entry("meter", "m"),
          Map.entry("meters", "m"),
          Map.entry("metre", "m"),
          Map.entry("metres", "m"),
          Map.entry("s", "s"),
          Map.entry("sec", "s"),
          Map.entry("secs", "s"),
          Map.entry("second", "s"),
          Map.entry("seconds", "s"),
          Map.entry("deg", "deg"),
          Map.entry("degree", "deg"),
          Map.entry("degrees", "deg"),
          Map.entry("°", "deg"));
  private static final Pattern TOKEN =
      Pattern.compile("\\d+(?:\\.\\d+)?|[a-z]+(?:-[a-z]+)*|°|[,;.]|\\S");

  /** The commands of a sentence, in order; a word outside the grammar is bad input naming it. */
  public static List<Command> parse(String sentence) {
    List<String> tokens = tokens(sentence);
    List<Command> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String t : tokens) {
      if (JOIN.contains(t)) {
        if (!current.isEmpty()) out.add(command(current, sentence));
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    if (!current.isEmpty()) out.add(command(current, sentence));
    if (out.isEmpty())
      throw new BadInputException("no command in \"" + sentence + "\"; " + GRAMMAR);
    return out;
  }

  static List<String> tokens(String sentence) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(sentence.toLowerCase(Locale.ROOT));
    while (m.find()) out.add(m.group());
    return out;
  }

  /** One command from its words (between joining words). */
  private static Command command(List<String> words, String sentence) {
    String verb = null, dir = null, side = null, phrase = String.join(" ", words);
    boolean circle = false, around = false, radiusNext = false;
    double metres = Double.NaN, seconds = Double.NaN, degrees = Double.NaN, radius = Double.NaN;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      Double number = number(w);
      if (number != null) {
        // a number takes the unit after it
        String unit = i + 1 < words.size() ? UNITS.get(words.get(i + 1)) : null;
        if (unit == null)
          throw bad("the number '" + w + "' needs a unit (m, s or degrees)", sentence);
        i++;
        if (!(number > 0)) throw bad("'" + w + " " + words.get(i) + "' must be positive", sentence);
        switch (unit) {
          case "m" -> {
            if (radiusNext) radius = once(radius, number, "radius", sentence);
            else metres = once(metres, number, "distance", sentence);
            radiusNext = false;
          }
          case "s" -> seconds = once(seconds, number, "duration", sentence);
          default -> degrees = once(degrees, number, "angle", sentence);
        }
      } else if (VERBS.containsKey(w)) {
        if (verb != null)
          throw bad(
              "one verb per command: '" + phrase + "' has two; join commands with 'then'",
              sentence);
        verb = VERBS.get(w);
      } else if (DIRECTIONS.containsKey(w)) {
        switch (DIRECTIONS.get(w)) {
          case "circle" -> circle = true;
          case "around" -> around = true;
          case "left", "right" -> side = same(side, DIRECTIONS.get(w), sentence);
          default -> dir = same(dir, DIRECTIONS.get(w), sentence);
        }
      } else if (w.equals("radius")) {
        radiusNext = true;
      } else if (!SKIP.contains(w)) {
        throw bad("cannot understand '" + w + "'", sentence);
      }
    }
    if (verb == null) throw bad("'" + phrase + "' has no verb (walk, run, jog or turn)", sentence);
    if (Double.isFinite(radius) && !circle && !around)
      throw bad("a radius belongs to a circle: '" + phrase + "'", sentence);
    double sign = "right".equals(side) ? -1 : 1;
    // turns: a walking turn by an angle
    if (verb.equals("turn") || (side != null && !circle)) {
      if (circle || dir != null || Double.isFinite(metres) || Double.isFinite(seconds)) {
        throw bad(
            "a turn takes left, right or around and an angle in degrees: '" + phrase + "'",
            sentence);
      }
      if (verb.equals("run"))
        throw bad(
            "turns are walking turns: say 'run, then turn " + (side == null ? "left" : side) + "'",
            sentence);
      double deg = Double.isFinite(degrees) ? degrees : around ? 180 : DEFAULT_TURN_DEG;
      check(deg, MAX_TURN_DEG, "turn angle", "degrees", sentence);
      return new Command(Command.Kind.TURN, "walk", sign * deg, Double.NaN, Double.NaN, phrase);
    }
    if (Double.isFinite(degrees)) throw bad("degrees belong to a turn: '" + phrase + "'", sentence);
    if (Double.isFinite(metres) && Double.isFinite(seconds))
      throw bad("give a distance or a duration, not both: '" + phrase + "'", sentence);
    String gait = "backwards".equals(dir) ? "backwards" : verb;
    if (gait.equals("backwards") && verb.equals("run"))
      throw bad("the library has no running backwards: '" + phrase + "'", sentence);
    if (Double.isFinite(seconds)) check(seconds, MAX_SECONDS, "duration", "s", sentence);
    if (Double.isFinite(metres)) check(metres, MAX_DISTANCE_M, "distance", "m", sentence);
    // circles: one full turn, the path from radius, circumference or duration
    if (circle || around) {
      if (Double.isFinite(radius) && (radius < MIN_RADIUS_M || radius > MAX_RADIUS_M)) {
        throw bad(
            "circle radius must be "
                + MIN_RADIUS_M
                + " to "
                + MAX_RADIUS_M
                + " m: '"
                + phrase
                + "'",
            sentence);
      }
      if (Double.isFinite(radius) && (Double.isFinite(metres) || Double.isFinite(seconds))) {
        throw bad(
            "give a circle's radius, length or duration, not two: '" + phrase + "'", sentence);
      }
      double path =
          Double.isFinite(seconds)
              ? Double.NaN
              : Double.isFinite(metres)
                  ? metres
                  : 2 * Math.PI * (Double.isFinite(radius) ? radius : DEFAULT_RADIUS_M);
      return new Command(Command.Kind.CIRCLE, gait, sign * 360, path, seconds, phrase);
    }
    if (!Double.isFinite(metres) && !Double.isFinite(seconds)) seconds = DEFAULT_SECONDS;
    return new Command(Command.Kind.STRAIGHT, gait, 0, metres, seconds, phrase);
  }

  private static Double number(String w) {
    if (Character.isDigit(w.charAt(0))) return Double.parseDouble(w);
    return NUMBER_WORDS.get(w);
  }

  private static double once(double old, double v, String what, String sentence) {
    if (Double.isFinite(old)) throw bad("two values for the " + what, sentence);
    return v;
  }

  private static String same(String old, String v, String sentence) {
    if (old != null && !old.equals(v))
      throw bad("'" + old + "' and '" + v + "' in one command", sentence);
    return v;
  }

  private static void check(double v, double max, String what, String unit, String sentence) {
    if (v > max)
      throw bad(
          String.format(
              Locale.ROOT, "%s %.4g %s is over the limit of %.4g %s", what, v, unit, max, unit),
          sentence);
  }

  private static BadInputException bad(String why, String sentence) {
    return new BadInputException(why + " in \"" + sentence + "\"; " + GRAMMAR);
  }
}
