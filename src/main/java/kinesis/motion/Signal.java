package kinesis.motion;

/**
 * Time-series helpers on frame-major arrays ({@code x[frame * width + c]}): Gaussian smoothing as
 * scipy's {@code gaussian_filter1d} (truncate 4σ, mode "nearest"), backward-difference velocities,
 * and resampling to a new frame rate (linear for vectors, slerp for quaternions).
 */
public final class Signal {
  private Signal() {}

  /** Normalised Gaussian taps for σ (in frames), radius round(4σ) as scipy. */
  public static double[] gaussianKernel(double sigma) {
    int r = (int) (4 * sigma + 0.5);
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) k[i] /= sum;
    return k;
  }

  /**
   * Gaussian smoothing along frames of each of the {@code width} channels, edges held ("nearest").
   */
  public static double[] smooth(double[] x, int width, double sigma) {
    if (sigma <= 0) return x.clone();
    int frames = x.length / width;
    double[] k = gaussianKernel(sigma);
    int r = k.length / 2;
    double[] out = new double[x.length];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < width; c++) {
        double s = 0;
        for (int j = -r; j <= r; j++) {
          int u = Math.min(Math.max(t + j, 0), frames - 1);
          s += k[j + r] * x[u * width + c];
        }
        out[t * width + c] = s;
      }
    }
    return out;
  }

  /**
   * Velocities by backward differences (v[t] = (x[t] − x[t−1])·fps, v[0] = v[1]) then Gaussian
   * smoothing with σ frames — the reference motion library's recipe.
   */
  public static double[] velocity(double[] x, int width, double fps, double sigma) {
    int frames = x.length / width;
    double[] v = new double[x.length];
    if (frames < 2) return v;
    for (int t = 1; t < frames; t++) {
      for (int c = 0; c < width; c++)
        v[t * width + c] = (x[t * width + c] - x[(t - 1) * width + c]) * fps;
    }
    System.arraycopy(v, width, v, 0, width);
    return smooth(v, width, sigma);
  }

  /**
   * World angular velocity of a quaternion track: the rotation q[t]·q[t−1]⁻¹ as a rotation vector
   * times fps (shortest arc), ω[0] = ω[1], then Gaussian smoothing with σ frames.
   */
  public static double[] angularVelocity(double[] quats, double fps, double sigma) {
    int frames = quats.length / 4;
    double[] w = new double[3 * frames];
    if (frames < 2) return w;
    for (int t = 1; t < frames; t++) {
      double[] dq = Rot.mul(at(quats, t, 4), Rot.conj(at(quats, t - 1, 4)));
      double[] rv = Rot.toRotVec(dq);
      for (int a = 0; a < 3; a++) w[3 * t + a] = rv[a] * fps;
    }
    System.arraycopy(w, 3, w, 0, 3);
    return smooth(w, 3, sigma);
  }

  /** Number of frames after resampling {@code frames} from {@code from} to {@code to} fps. */
  public static int resampledFrames(int frames, double from, double to) {
    double duration = (frames - 1) / from;
    return (int) Math.floor(duration * to + 1e-6) + 1;
  }

  /** Linear resampling of {@code width}-channel frames from {@code from} to {@code to} fps. */
  public static double[] resample(double[] x, int width, double from, double to) {
    int frames = x.length / width;
    int n = resampledFrames(frames, from, to);
    double[] out = new double[n * width];
    for (int i = 0; i < n; i++) {
      double f = Math.min(i * from / to, frames - 1);
      int f0 = (int) Math.floor(f);
      int f1 = Math.min(f0 + 1, frames - 1);
      double w = f - f0;
      for (int c = 0; c < width; c++) {
        out[i * width + c] = (1 - w) * x[f0 * width + c] + w * x[f1 * width + c];
      }
    }
    return out;
  }

  /** Slerp resampling of a (w, x, y, z) quaternion track from {@code from} to {@code to} fps. */
  public static double[] resampleQuats(double[] q, double from, double to) {
    int frames = q.length / 4;
    int n = resampledFrames(frames, from, to);
    double[] out = new double[n * 4];
    for (int i = 0; i < n; i++) {
      double f = Math.min(i * from / to, frames - 1);
      int f0 = (int) Math.floor(f);
      int f1 = Math.min(f0 + 1, frames - 1);
      double[] r = Rot.slerp(at(q, f0, 4), at(q, f1, 4), f - f0);
      System.arraycopy(r, 0, out, 4 * i, 4);
    }
    return out;
  }

  /**
   * A frame rate from a stored frame duration, snapped to the nearest integer when within 0.05 %
   * (files store 1/120 s as 0.008333 and 1/30 s as 0.033332).
   */
  public static double rateFromFrameTime(double frameTime) {
    double fps = 1 / frameTime;
    double r = Math.rint(fps);
    return r > 0 && Math.abs(fps - r) < 5e-4 * r ? r : fps;
  }

  /** A copy of frame {@code t} of a {@code width}-channel track. */
  public static double[] at(double[] x, int t, int width) {
    double[] r = new double[width];
    System.arraycopy(x, t * width, r, 0, width);
    return r;
  }
}
