package kinesis.task.kick;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import kinesis.task.Rng;

/**
 * The goalkeeper of MyoSuite's soccer task ({@code soccer_v0.GoalKeeper}): it stays on the goal
 * line and moves sideways, its y held within ±{@code limit}. Per episode it draws a speed limit v
 * uniform in [vMin, vMax] and starts at the centre. Each control step of dt seconds it moves by
 * dt·velocity:
 *
 * <ul>
 *   <li>stationary: velocity 0;
 *   <li>random: v·(β = 2 coloured noise, chunks of 10), clipped to ±v;
 *   <li>block: the ball's y (clipped to ±limit) minus its own y, clipped to ±v (it closes the gap
 *       at 1/s until the speed limit).
 * </ul>
 *
 * Unlike MyoSuite, every strategy starts at the centre (MyoSuite draws the start uniformly in the
 * range for all three; the paper's static keeper stands at the centre), and the random strategy's
 * noise is scaled by this episode's limit (MyoSuite scales it by the previous episode's).
 */
public final class Goalkeeper {
  public enum Strategy {
    STATIONARY,
    RANDOM,
    BLOCK;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** stationary, random or block. */
    public static Strategy parse(String s) {
      for (Strategy v : values()) if (v.label().equals(s)) return v;
      throw new kinesis.io.BadInputException(
          "unknown goalkeeper strategy '" + s + "' (known: stationary, random, block)");
    }
  }

  private final double limit, vMin, vMax;
  private final ColoredNoise noise = new ColoredNoise(2, 10);
  private Strategy strategy = Strategy.STATIONARY;
  private double y, speed;

  public Goalkeeper(double limit, double vMin, double vMax) {
    this.limit = limit;
    this.vMin = vMin;
    this.vMax = vMax;
  }

  /** A new episode: at the centre, with this strategy and a speed limit drawn from {@code rng}. */
  public void reset(Strategy s, Rng rng) {
    strategy = s;
    y = 0;
    speed = vMin + (vMax - vMin) * rng.nextDouble();
    noise.reset();
  }

  /**
   * One control step of {@code dt} seconds with the ball's centre at {@code ballY}; returns the new
   * y.
   */
  public double step(double dt, double ballY, Rng rng) {
    y = clip(y + dt * velocity(ballY, rng), limit);
    return y;
  }

  /** The sideways velocity this step (m/s). */
  double velocity(double ballY, Rng rng) {
    return switch (strategy) {
      case STATIONARY -> 0;
      case RANDOM -> clip(speed * noise.sample(rng), speed);
      case BLOCK -> clip(clip(ballY, limit) - y, speed);
    };
  }

  static double clip(double v, double bound) {
    return Math.max(-bound, Math.min(bound, v));
  }

  public double y() {
    return y;
  }

  public double speedLimit() {
    return speed;
  }

  public Strategy strategy() {
    return strategy;
  }

  @SuppressWarnings("EnumOrdinal") // the snapshot format stores the strategy as its ordinal
  void save(DataOutputStream out) throws IOException {
    out.writeInt(strategy.ordinal());
    out.writeDouble(y);
    out.writeDouble(speed);
    noise.save(out);
  }

  void load(DataInputStream in) throws IOException {
    strategy = Strategy.values()[in.readInt()];
    y = in.readDouble();
    speed = in.readDouble();
    noise.load(in);
  }
}
