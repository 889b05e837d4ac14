package kinesis.task.reach;

import static org.junit.jupiter.api.Assertions.*;

import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;

class SteerControlTest {
  @Test
  void startsStoppedAndKeepsWhatIsNotChanged() {
    SteerControl c = new SteerControl(1.265);
    assertTrue(c.at(0).stop());
    assertEquals(1.265, c.at(5).distance());
    c.go(135);
    assertEquals(135, c.at(7).direction());
    assertFalse(c.current().stop());
    c.stop();
    assertTrue(c.current().stop());
    assertEquals(135, c.current().direction(), "stop remembers the direction");
    c.distance(2);
    assertTrue(c.current().stop(), "a new distance does not start walking");
    assertEquals(2, c.current().distance());
  }

  @Test
  void directionsWrapIntoMinus180To180() {
    SteerControl c = new SteerControl(1);
    assertEquals(-90, c.go(270).direction());
    assertEquals(180, c.go(-180).direction());
    assertEquals(90, c.go(-630).direction());
    assertEquals(0, c.go(720).direction());
    assertThrows(BadInputException.class, () -> c.go(Double.NaN));
  }

  /** Ten presses of + from 2.5 m end at 3 m; ten of − from 0.3 m at 0.1 m; no rounding drift. */
  @Test
  void nudgesStayWithinTheKeypadLimits() {
    SteerControl c = new SteerControl(2.5);
    for (int i = 0; i < 10; i++) c.nudge(0.1);
    assertEquals(3.0, c.current().distance());
    c.distance(0.3);
    c.nudge(-0.1);
    assertEquals(0.2, c.current().distance());
    for (int i = 0; i < 10; i++) c.nudge(-0.1);
    assertEquals(0.1, c.current().distance());
    assertThrows(BadInputException.class, () -> c.nudge(4));
    assertThrows(BadInputException.class, () -> c.distance(3.01));
    assertThrows(BadInputException.class, () -> c.distance(0.09));
    assertThrows(BadInputException.class, () -> new SteerControl(Double.NaN));
  }
}
