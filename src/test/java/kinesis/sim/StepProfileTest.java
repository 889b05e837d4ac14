package kinesis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepProfileTest {
  /** Output of the C loop in profile mode (numbers made up, 1,000 steps, 100 µs each). */
  static final String OUTPUT =
      """
      steps_per_s 9000.0
      timer 0 step 0.100000000 1000
      timer 1 forward 0.090000000 1000
      timer 2 inverse 0.000000000 0
      timer 3 position 0.060000000 1000
      timer 4 velocity 0.005000000 1000
      timer 5 actuation 0.005000000 1000
      timer 6 constraint 0.010000000 1000
      timer 7 advance 0.004000000 1000
      timer 8 pos_kinematics 0.040000000 1000
      timer 9 pos_inertia 0.002000000 1000
      timer 10 pos_collision 0.010000000 1000
      timer 11 pos_make 0.003000000 1000
      timer 12 pos_project 0.001000000 1000
      timer 13 col_broadphase 0.004000000 1000
      timer 14 col_narrowphase 0.005000000 2000
      """;

  @Test
  void parsesTimersAndStepRate() {
    StepProfile p = StepProfile.parse("legs", OUTPUT);
    assertEquals(15, p.timers().size());
    assertEquals(9000.0, p.stepsPerSecond());
    assertEquals(1000, p.steps());
    assertEquals(new StepProfile.Timer("col_narrowphase", 0.005, 2000), p.timers().get(14));
  }

  /**
   * Rows come in tree order with depths; uncalled timers are dropped; each parent gets its untimed
   * remainder.
   */
  @Test
  void rowsAreATreeWithUntimedRemainders() {
    List<Map<String, Object>> rows = StepProfile.parse("legs", OUTPUT).rows();
    List<String> names =
        rows.stream().map(r -> "  ".repeat((Integer) r.get("depth")) + r.get("name")).toList();
    assertEquals(
        List.of(
            "step",
            "  forward",
            "    position",
            "      pos_kinematics",
            "      pos_inertia",
            "      pos_collision",
            "        col_broadphase",
            "        col_narrowphase",
            "        untimed",
            "      pos_make",
            "      pos_project",
            "      untimed",
            "    velocity",
            "    actuation",
            "    constraint",
            "    untimed",
            "  advance",
            "  untimed"),
        names);
    Map<String, Object> step = rows.get(0);
    assertEquals(100.0, step.get("us_per_step"));
    assertEquals(1.0, step.get("fraction_of_step"));
    Map<String, Object> position = rows.get(2);
    assertEquals(0.6, position.get("fraction_of_step"));
    assertEquals(60.0, position.get("us_per_step"));
    assertEquals(2.0, rows.get(7).get("calls_per_step")); // narrowphase runs twice per step here
    assertEquals(
        0.01,
        (Double) rows.get(8).get("fraction_of_step"),
        1e-9); // pos_collision 10 − broad 4 − narrow 5
    assertEquals(
        0.06,
        (Double) rows.get(17).get("fraction_of_step"),
        1e-9); // step 100 − forward 90 − advance 4
    assertFalse(rows.get(8).containsKey("calls_per_step"));
  }

  @Test
  void jsonAndTable() {
    StepProfile p = StepProfile.parse("legs", OUTPUT);
    Map<String, Object> m = p.toMap();
    assertEquals("legs", m.get("model"));
    assertEquals(1000L, m.get("steps"));
    assertEquals(100.0, m.get("us_per_step"));
    assertEquals(18, ((List<?>) m.get("timers")).size());
    String table = p.table();
    assertTrue(table.startsWith("legs: 100.0 us per mj_step"), table);
    assertTrue(table.contains("\n        pos_kinematics           40.00 us   40.0 %\n"), table);
  }

  @Test
  void outputWithoutStepTimerIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> StepProfile.parse("legs", "steps_per_s 100.0\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> StepProfile.parse("legs", "steps_per_s 1\ntimer 0 step 0.0 0\n"));
  }
}
