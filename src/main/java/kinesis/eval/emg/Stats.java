package kinesis.eval.emg;

import java.util.List;

/** Small statistics on double arrays. */
public final class Stats {
  private Stats() {}

  /**
   * Pearson correlation of two equally long series; {@code NaN} when either is constant (or a value
   * is missing), which callers report as undefined rather than as a number.
   */
  public static double pearson(double[] a, double[] b) {
    if (a.length != b.length)
      throw new IllegalArgumentException("series lengths differ: " + a.length + " vs " + b.length);
    double ma = mean(a), mb = mean(b), sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i] - ma, y = b[i] - mb;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    if (!(saa > 0) || !(sbb > 0)) return Double.NaN;
    return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
  }

  public static double mean(double[] a) {
    double s = 0;
    for (double x : a) s += x;
    return s / a.length;
  }

  public static double mean(List<Double> a) {
    return mean(a.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Sample standard deviation (n−1); 0 for fewer than two values. */
  public static double sd(double[] a) {
    if (a.length < 2) return 0;
    double m = mean(a), s = 0;
    for (double x : a) s += (x - m) * (x - m);
    return Math.sqrt(s / (a.length - 1));
  }

  /** Standard error of the mean; 0 for fewer than two values. */
  public static double sem(double[] a) {
    return a.length < 2 ? 0 : sd(a) / Math.sqrt(a.length);
  }

  /** Mean absolute difference. */
  public static double meanAbsDiff(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
    return s / a.length;
  }

  /** Point-wise mean of equally long series. */
  public static double[] pointwiseMean(List<double[]> series) {
    double[] out = new double[series.get(0).length];
    for (double[] s : series) for (int i = 0; i < out.length; i++) out[i] += s[i];
    for (int i = 0; i < out.length; i++) out[i] /= series.size();
    return out;
  }

  public static double min(double[] a) {
    return java.util.Arrays.stream(a).min().orElse(Double.NaN);
  }

  public static double max(double[] a) {
    return java.util.Arrays.stream(a).max().orElse(Double.NaN);
  }
}
