package kinesis.eval.emg;

/**
 * How a gait cycle (initial contact to the next initial contact of the same foot) is mapped onto
 * points. Each phase is sampled half-open: point {@code j} of {@code p} lies at fraction {@code
 * j/p} of it.
 */
public enum TimeNormalisation {
  /** 100 points over the whole cycle (Falisse et al. 2019: 0..99 % of the cycle). */
  CYCLE_100(100),
  /** 100 points over stance, then 100 over swing (Santuz et al. 2020, cycle_div = c(100, 100)). */
  STANCE_SWING_200(200);

  public final int points;

  TimeNormalisation(int points) {
    this.points = points;
  }
}
