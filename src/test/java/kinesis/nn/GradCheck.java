package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/** Central finite differences of a scalar function of a float parameter vector. */
final class GradCheck {
  private GradCheck() {}

  /** Numerical dL/dx_i by central differences of {@code loss} with step {@code eps}. */
  static double[] numerical(float[] x, double eps, DoubleSupplier loss) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      float keep = x[i];
      x[i] = (float) (keep + eps);
      double up = loss.getAsDouble();
      x[i] = (float) (keep - eps);
      double down = loss.getAsDouble();
      x[i] = keep;
      g[i] = (up - down) / ((double) (float) (keep + eps) - (float) (keep - eps));
    }
    return g;
  }

  /** Asserts |a − n| ≤ atol + rtol·|n| elementwise; returns the largest relative error seen. */
  static double assertClose(
      String what, float[] analytic, double[] numeric, double atol, double rtol) {
    double worst = 0;
    for (int i = 0; i < numeric.length; i++) {
      double err = Math.abs(analytic[i] - numeric[i]);
      worst = Math.max(worst, err / (Math.abs(numeric[i]) + atol));
      final int idx = i;
      assertTrue(
          err <= atol + rtol * Math.abs(numeric[i]),
          () -> what + "[" + idx + "]: analytic " + analytic[idx] + " vs numeric " + numeric[idx]);
    }
    return worst;
  }
}
