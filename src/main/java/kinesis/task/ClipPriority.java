package kinesis.task;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * How random starts choose their clip: uniformly, or in part by each clip's termination hazard
 * (terminations per control step in training), so that clips the policy fails more often are
 * practised more. Clip i is drawn with probability (1 − λ)/C + λ·h_i/Σh; h_i is an exponential
 * average over iterations (weight {@link #SMOOTHING} on the newest), and a clip not yet measured
 * counts as the mean of those measured. The hazards are part of a training snapshot, so a resumed
 * run draws the same clips.
 */
final class ClipPriority {
  /** Weight of the newest iteration in the hazard average (about the last ten iterations). */
  static final double SMOOTHING = 0.1;

  private final double lambda;
  private final double[] hazard, cdf;

  ClipPriority(int clips, double lambda) {
    this.lambda = lambda;
    hazard = new double[clips];
    cdf = new double[clips];
    Arrays.fill(hazard, Double.NaN);
    rebuild();
  }

  boolean uniform() {
    return lambda == 0;
  }

  /**
   * A clip index; λ = 0 draws exactly as before priorities existed ({@code nextInt}), so runs
   * without them are unchanged.
   */
  int draw(Rng rng) {
    if (uniform()) return rng.nextInt(cdf.length);
    double u = rng.nextDouble();
    int i = Arrays.binarySearch(cdf, u);
    i = i >= 0 ? i + 1 : -i - 1; // first entry above u
    return Math.min(i, cdf.length - 1);
  }

  /** Takes one iteration's control steps and terminations per clip into the averages. */
  void absorb(long[] steps, long[] failures) {
    for (int i = 0; i < hazard.length; i++) {
      if (steps[i] == 0) continue;
      double h = (double) failures[i] / steps[i];
      hazard[i] = Double.isNaN(hazard[i]) ? h : (1 - SMOOTHING) * hazard[i] + SMOOTHING * h;
    }
    rebuild();
  }

  /** Probability of clip i. */
  double probability(int i) {
    return i == 0 ? cdf[0] : cdf[i] - cdf[i - 1];
  }

  /** The largest probability times the number of clips: how much the hardest clip is favoured. */
  double maxWeight() {
    double m = 0;
    for (int i = 0; i < cdf.length; i++) m = Math.max(m, probability(i));
    return m * cdf.length;
  }

  private void rebuild() {
    int c = hazard.length, measured = 0;
    double sum = 0;
    for (double h : hazard)
      if (!Double.isNaN(h)) {
        sum += h;
        measured++;
      }
    double fill = measured > 0 ? sum / measured : 0, total = sum + (c - measured) * fill;
    double acc = 0;
    for (int i = 0; i < c; i++) {
      double h = Double.isNaN(hazard[i]) ? fill : hazard[i];
      double share = total > 0 ? h / total : 1.0 / c;
      acc += (1 - lambda) / c + lambda * share;
      cdf[i] = acc;
    }
    cdf[c - 1] = 1; // no rounding gap at the top
  }

  void save(DataOutputStream out) throws IOException {
    out.writeInt(hazard.length);
    for (double h : hazard) out.writeDouble(h);
  }

  void load(DataInputStream in) throws IOException {
    if (in.readInt() != hazard.length)
      throw new IOException("clip priorities for another clip set");
    for (int i = 0; i < hazard.length; i++) hazard[i] = in.readDouble();
    rebuild();
  }
}
