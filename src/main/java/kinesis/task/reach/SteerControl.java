package kinesis.task.reach;

import kinesis.io.BadInputException;

/**
 * Live directional-control inputs, changed by one thread (the web page's requests) and read by
 * another (the stepping loop). Starts stopped, as the reference does; a direction is kept until the
 * next one; the distance moves in the reference's keypad limits.
 */
public final class SteerControl implements SteerInput {
  private volatile SteerSchedule.Command now;

  public SteerControl(double distance) {
    now = new SteerSchedule.Command(0, 0, checked(distance), true);
  }

  @Override
  public SteerSchedule.Command at(double t) {
    return now;
  }

  public SteerSchedule.Command current() {
    return now;
  }

  /** Walk towards {@code degrees} from the start heading (90 = left), wrapped into (−180, 180]. */
  public synchronized SteerSchedule.Command go(double degrees) {
    if (!Double.isFinite(degrees))
      throw new BadInputException("direction must be a finite number of degrees, not " + degrees);
    now = new SteerSchedule.Command(0, wrap(degrees), now.distance(), false);
    return now;
  }

  /** Keep the goal on the pelvis; the direction is remembered. */
  public synchronized SteerSchedule.Command stop() {
    now = new SteerSchedule.Command(0, now.direction(), now.distance(), true);
    return now;
  }

  /** Sets the goal distance (m); outside the limits it is refused. */
  public synchronized SteerSchedule.Command distance(double metres) {
    now = new SteerSchedule.Command(0, now.direction(), checked(metres), now.stop());
    return now;
  }

  /** Moves the goal distance by {@code metres}, held within the limits (the keypad's + and −). */
  public synchronized SteerSchedule.Command nudge(double metres) {
    if (!Double.isFinite(metres) || Math.abs(metres) > SteerSchedule.MAX_DISTANCE) {
      throw new BadInputException(
          "nudge must be a number of metres within ±"
              + SteerSchedule.MAX_DISTANCE
              + ", not "
              + metres);
    }
    double d =
        Math.round((now.distance() + metres) * 1000) / 1000.0; // no drift from repeated 0.1 steps
    d = Math.max(SteerSchedule.MIN_DISTANCE, Math.min(SteerSchedule.MAX_DISTANCE, d));
    now = new SteerSchedule.Command(0, now.direction(), d, now.stop());
    return now;
  }

  private static double checked(double metres) {
    if (!(metres >= SteerSchedule.MIN_DISTANCE && metres <= SteerSchedule.MAX_DISTANCE)) {
      throw new BadInputException(
          "distance must be within "
              + SteerSchedule.MIN_DISTANCE
              + "–"
              + SteerSchedule.MAX_DISTANCE
              + " m, not "
              + metres);
    }
    return metres;
  }

  /** An angle in degrees wrapped into (−180, 180]. */
  static double wrap(double deg) {
    double w = deg % 360;
    if (w > 180) w -= 360;
    if (w <= -180) w += 360;
    return w;
  }
}
