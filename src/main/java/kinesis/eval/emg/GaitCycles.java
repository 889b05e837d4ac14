package kinesis.eval.emg;

import java.util.ArrayList;
import java.util.List;

/**
 * Gait cycles of one foot from its two touch sensors (heel = {@code *_foot}, toes), per control
 * step. The foot is in contact when either sensor is above zero. A swing is a run of at least
 * {@code minSwingSteps} steps without contact; a heel strike is the first step after a swing at
 * which the heel sensor rises above zero (so the episode's initial stance never counts, and a toe
 * touching first waits for the heel). A cycle runs from one heel strike to the next; its toe-off
 * is the first step of the swing that ended it.
 */
public final class GaitCycles {
  private GaitCycles() {}

  /**
   * One cycle in step indices: {@code start} (heel strike), {@code toeOff}, {@code end} (next
   * heel strike, exclusive), {@code source} the rollout it came from, {@code seconds} its length.
   */
  public record Cycle(int source, int start, int toeOff, int end, double seconds) {}

  /** The cycles chosen for averaging and those dropped as duration outliers. */
  public record Selection(List<Cycle> kept, List<Cycle> dropped, double meanSeconds, double sdSeconds) {}

  /** Cycles of one foot in one rollout. */
  public static List<Cycle> find(double[] heel, double[] toes, int minSwingSteps, double fps, int source) {
    if (heel.length != toes.length) throw new IllegalArgumentException("heel and toe series differ in length");
    List<int[]> strikes = new ArrayList<>(); // {heel strike step, first step of the swing before it}
    int swing = 0, swingStart = -1, lastSwingStart = -1;
    boolean armed = false;
    for (int t = 0; t < heel.length; t++) {
      boolean contact = heel[t] > 0 || toes[t] > 0;
      if (!contact) {
        if (swing++ == 0) swingStart = t;
        if (swing >= minSwingSteps) {
          armed = true;
          lastSwingStart = swingStart;
        }
        continue;
      }
      swing = 0;
      if (armed && heel[t] > 0) {
        strikes.add(new int[] {t, lastSwingStart});
        armed = false;
      }
    }
    List<Cycle> cycles = new ArrayList<>();
    for (int i = 0; i + 1 < strikes.size(); i++) {
      int start = strikes.get(i)[0], end = strikes.get(i + 1)[0];
      cycles.add(new Cycle(source, start, strikes.get(i + 1)[1], end, (end - start) / fps));
    }
    return cycles;
  }

  /**
   * Drops cycles whose duration lies outside mean ± {@code sds} standard deviations (all are kept
   * when there are fewer than three, or when they all last the same).
   */
  public static Selection filterByDuration(List<Cycle> cycles, double sds) {
    double[] d = cycles.stream().mapToDouble(Cycle::seconds).toArray();
    double mean = d.length == 0 ? Double.NaN : Stats.mean(d), sd = Stats.sd(d);
    List<Cycle> kept = new ArrayList<>(), dropped = new ArrayList<>();
    for (Cycle c : cycles) {
      boolean outlier = cycles.size() >= 3 && sd > 0 && Math.abs(c.seconds() - mean) > sds * sd;
      (outlier ? dropped : kept).add(c);
    }
    return new Selection(kept, dropped, mean, sd);
  }

  /** A series over one cycle, resampled onto the normalisation's points by linear interpolation. */
  public static double[] resample(double[] series, Cycle c, TimeNormalisation n) {
    double[] out = new double[n.points];
    switch (n) {
      case CYCLE_100 -> sample(series, c.start(), c.end(), out, 0, 100);
      case STANCE_SWING_200 -> {
        sample(series, c.start(), c.toeOff(), out, 0, 100);
        sample(series, c.toeOff(), c.end(), out, 100, 100);
      }
    }
    return out;
  }

  /** Point j of p at fractional step {@code from + j/p * (to - from)}. */
  private static void sample(double[] series, int from, int to, double[] out, int offset, int points) {
    for (int j = 0; j < points; j++) {
      double x = from + (double) j / points * (to - from);
      int i = (int) Math.floor(x);
      double f = x - i;
      out[offset + j] = i + 1 < series.length ? series[i] * (1 - f) + series[i + 1] * f : series[Math.min(i, series.length - 1)];
    }
  }
}
