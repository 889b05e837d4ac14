package kinesis.motion.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;

class CommandParserTest {
  static Command one(String sentence) {
    List<Command> c = CommandParser.parse(sentence);
    assertEquals(1, c.size(), sentence + " → " + c);
    return c.get(0);
  }

  @Test
  void thePapersFivePromptsParse() {
    Command forward = one("the person walked forward");
    assertEquals(Command.Kind.STRAIGHT, forward.kind());
    assertEquals("walk", forward.gait());
    assertEquals(CommandParser.DEFAULT_SECONDS, forward.seconds());
    Command circle = one("the person walked in a circle");
    assertEquals(Command.Kind.CIRCLE, circle.kind());
    assertEquals(360, circle.turnDeg());
    assertEquals(2 * Math.PI * CommandParser.DEFAULT_RADIUS_M, circle.distanceM(), 1e-12);
    assertEquals("backwards", one("the person walked backwards").gait());
    assertEquals(90, one("the person is turning left").turnDeg());
    assertEquals(-90, one("the person is turning right").turnDeg());
  }

  @Test
  void sentencesOfSeveralCommandsKeepTheirNumbers() {
    List<Command> c =
        CommandParser.parse(
            "walk forward 3 m, then turn left 90 degrees, then walk backwards for 2 seconds and run");
    assertEquals(4, c.size());
    assertEquals(3.0, c.get(0).distanceM());
    assertTrue(Double.isNaN(c.get(0).seconds()), "a distance, not a duration");
    assertEquals(Command.Kind.TURN, c.get(1).kind());
    assertEquals(90, c.get(1).turnDeg());
    assertEquals("backwards", c.get(2).gait());
    assertEquals(2.0, c.get(2).seconds());
    assertEquals("run", c.get(3).gait());
    assertEquals("walk backwards for 2 seconds", c.get(2).phrase());
    // words for numbers, glued units, other wordings
    assertEquals(10.0, one("jog for ten seconds").seconds());
    assertEquals("run", one("jog for ten seconds").gait());
    assertEquals(-45, one("turn right by 45°").turnDeg());
    assertEquals(2.5, one("go ahead 2.5m").distanceM());
    assertEquals(180, one("turn around").turnDeg());
    assertEquals(
        -90, one("walk to the right").turnDeg(), "walking left or right is a walking turn");
    Command cw = one("walk in a circle clockwise of radius 2 m");
    assertEquals(-360, cw.turnDeg());
    assertEquals(4 * Math.PI, cw.distanceM(), 1e-12);
    assertEquals(12.0, one("run in a circle for 12 s").seconds());
    assertEquals(2, CommandParser.parse("walk 2 m. After that, turn left").size());
  }

  @Test
  void nonsenseIsRefusedNamingTheWordAndTheGrammar() {
    String[][] bad = {
      {"dance then walk", "'dance'"},
      {"walk forward 3 bananas", "'3' needs a unit"},
      {"walk 3", "needs a unit"},
      {"turn left 3 m", "a turn takes"},
      {"walk 3 m for 2 s", "not both"},
      {"walk 500 m", "over the limit"},
      {"", "no command"},
      {"walk run", "one verb"},
      {"left 90 degrees", "no verb"},
      {"walk forward 90 degrees", "degrees belong to a turn"},
      {"run backwards", "no running backwards"},
      {"walk forward backwards", "'forward' and 'backwards'"},
      {"walk in a circle of radius 0.1 m", "radius"},
      {"walk forward 2 m 3 m", "two values"},
      {"walk 0 m", "positive"}
    };
    for (String[] b : bad) {
      BadInputException e =
          assertThrows(BadInputException.class, () -> CommandParser.parse(b[0]), b[0]);
      assertTrue(e.getMessage().contains(b[1]), b[0] + " → " + e.getMessage());
      assertTrue(e.getMessage().contains("the grammar: 'walk|run|jog"), e.getMessage());
    }
  }
}
