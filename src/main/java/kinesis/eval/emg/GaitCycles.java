package kinesis.eval.emg;

import java.util.ArrayList;
import java.util.List;

/**
 * Gait cycles of one foot from its two touch sensors (heel = {@code *_foot}, toes), per control
 * step. The foot is in contact when either sensor is above zero; a touch shorter than {@code
 * minPhaseSteps} is a scuff and ignored. A swing is a run of at least {@code minPhaseSteps} steps
 * without contact; the initial contact is the first step of contact after a swing, by the heel (a
 * heel strike, as in human walking) or by the toes (as policies that walk on their forefoot land),
 * so the episode's initial stance never counts. A cycle runs from one initial contact to the next;
 * its toe-off is the first step of the swing that ended it.
 */
public final class GaitCycles {
  private GaitCycles() {}

  /**
   * One cycle in step indices: {@code start} (initial contact), {@code toeOff}, {@code end} (next
   * initial contact, exclusive), {@code source} the rollout it came from, {@code seconds} its
   * length, {@code heelStrike} whether the heel touched at its initial contact.
   */
  public record Cycle(
      int source, int start, int toeOff, int end, double seconds, boolean heelStrike) {}

  /** The cycles chosen for averaging and those dropped as duration outliers. */
  public record Selection(
      List<Cycle> kept, List<Cycle> dropped, double meanSeconds, double sdSeconds) {}

  /** Cycles of one foot in one rollout. */
  public static List<Cycle> find(
      double[] heel, double[] toes, int minPhaseSteps, double fps, int source) {
    if (heel.length != toes.length)
      throw new IllegalArgumentException("heel and toe series differ in length");
    boolean[] contact = new boolean[heel.length];
    for (int t = 0; t < heel.length; t++) contact[t] = heel[t] > 0 || toes[t] > 0;
    for (int t = 0; t < contact.length; ) { // drop scuffs
      int end = t;
      while (end < contact.length && contact[end] == contact[t]) end++;
      if (contact[t] && end - t < minPhaseSteps && end < contact.length)
        java.util.Arrays.fill(contact, t, end, false);
      t = end;
    }
    List<int[]> contacts =
        new ArrayList<>(); // {initial contact step, first step of the swing before it, heel?}
    int swing = 0, swingStart = -1;
    boolean armed = false;
    for (int t = 0; t < heel.length; t++) {
      if (!contact[t]) {
        if (swing++ == 0) swingStart = t;
        if (swing == minPhaseSteps) armed = true;
        continue;
      }
      if (armed) contacts.add(new int[] {t, swingStart, heel[t] > 0 ? 1 : 0});
      swing = 0;
      armed = false;
    }
    List<Cycle> cycles = new ArrayList<>();
    for (int i = 0; i + 1 < contacts.size(); i++) {
      int[] a = contacts.get(i), b = contacts.get(i + 1);
      cycles.add(new Cycle(source, a[0], b[1], b[0], (b[0] - a[0]) / fps, a[2] == 1));
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
  private static void sample(
      double[] series, int from, int to, double[] out, int offset, int points) {
    for (int j = 0; j < points; j++) {
      double x = from + (double) j / points * (to - from);
      int i = (int) Math.floor(x);
      double f = x - i;
      out[offset + j] =
          i + 1 < series.length
              ? series[i] * (1 - f) + series[i + 1] * f
              : series[Math.min(i, series.length - 1)];
    }
  }
}
