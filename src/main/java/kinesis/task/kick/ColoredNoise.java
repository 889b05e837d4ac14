package kinesis.task.kick;

import kinesis.task.Rng;

/**
 * Gaussian noise with power spectrum ∝ 1/f^β (Timmer and König 1995, as the {@code colorednoise} /
 * {@code pink} packages MyoSuite's goalkeeper uses), produced in chunks of {@code n} samples; a new
 * independent chunk starts every {@code n} samples (MyoSuite: β = 2, n = 10). Normalised as the
 * reference code does, whose "unit variance" leaves the zero-frequency term out: the variance is
 * 1.18 for white noise and 1.36 for β = 2 at n = 10 ({@code KickTest} derives both). Its whole
 * state is the chunk and the position in it, so it snapshots exactly.
 */
public final class ColoredNoise {
  private final double[] chunk, scale, re, im;
  private int next;

  public ColoredNoise(double beta, int n) {
    if (n < 2) throw new IllegalArgumentException("chunks need at least 2 samples: " + n);
    chunk = new double[n];
    int m = n / 2 + 1;
    scale = new double[m];
    re = new double[m];
    im = new double[m];
    for (int k = 0; k < m; k++)
      scale[k] =
          Math.pow(Math.max(k, 1) / (double) n, -beta / 2); // f = 0 takes the lowest frequency 1/n
    next = n;
  }

  /** The next sample; a new chunk is drawn from {@code rng} when the current one is used up. */
  public double sample(Rng rng) {
    if (next == chunk.length) {
      fill(rng);
      next = 0;
    }
    return chunk[next++];
  }

  /** Starts afresh: the next sample begins a new chunk. */
  public void reset() {
    next = chunk.length;
  }

  /**
   * Random Fourier coefficients with amplitude f^(−β/2), transformed back and normalised to unit
   * variance.
   */
  private void fill(Rng rng) {
    int n = chunk.length, m = scale.length;
    for (int k = 0; k < m; k++) {
      re[k] = scale[k] * gaussian(rng);
      im[k] = scale[k] * gaussian(rng);
    }
    im[0] = 0;
    re[0] *= Math.sqrt(2);
    if (n % 2 == 0) {
      im[m - 1] = 0;
      re[m - 1] *= Math.sqrt(2);
    }
    double sigma = sigma(n);
    for (int t = 0; t < n; t++) {
      double y = re[0];
      for (int k = 1; k < m; k++) {
        double a = 2 * Math.PI * k * t / n,
            w = (n % 2 == 0 && k == m - 1) ? 1 : 2; // Nyquist term appears once
        y += w * (re[k] * Math.cos(a) - im[k] * Math.sin(a));
      }
      chunk[t] = y / n / sigma;
    }
  }

  /**
   * The normalisation of the reference code: 2·sqrt(Σ w²)/n over the non-zero frequencies, the last
   * halved when n is even.
   */
  private double sigma(int n) {
    double sum = 0;
    for (int k = 1; k < scale.length; k++) {
      double w = scale[k];
      if (k == scale.length - 1) w *= (1 + n % 2) / 2.0;
      sum += w * w;
    }
    return 2 * Math.sqrt(sum) / n;
  }

  /** Standard normal by Box–Muller from two uniforms. */
  static double gaussian(Rng rng) {
    double u = 1 - rng.nextDouble(), v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Writes the chunk and the position in it. */
  void save(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeInt(next);
    for (double v : chunk) out.writeDouble(v);
  }

  void load(java.io.DataInputStream in) throws java.io.IOException {
    next = in.readInt();
    for (int i = 0; i < chunk.length; i++) chunk[i] = in.readDouble();
  }
}
