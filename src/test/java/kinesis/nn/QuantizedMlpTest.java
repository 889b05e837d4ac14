package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;

class QuantizedMlpTest {
  /** Integer weights with per-row scales reproduce the float32 network within their resolution. */
  @Test
  void quantisedOutputsFollowFloat32() {
    Mlp m =
        new Mlp(
            "p",
            37,
            new int[] {64, 33},
            9,
            new Rng(3),
            Gemm.fromProperties()); // widths that leave vector tails
    float[] x = new float[37];
    Rng r = new Rng(5);
    for (int i = 0; i < x.length; i++) x[i] = (float) r.uniform(-2, 2);
    float[] ref = m.forward(x, 0, 1).clone();
    double scale = 0;
    for (float v : ref) scale = Math.max(scale, Math.abs(v));
    for (Precision p : new Precision[] {Precision.INT16, Precision.INT8}) {
      QuantizedMlp q = new QuantizedMlp(m, p);
      float[] y = q.forward(x, 0);
      double err = 0;
      for (int i = 0; i < ref.length; i++) err = Math.max(err, Math.abs(y[i] - ref[i]));
      double bound = p == Precision.INT16 ? 1e-3 : 3e-2;
      assertTrue(err < bound * scale, p + ": max error " + err + " for outputs up to " + scale);
      assertTrue(err > 0, p + " really is quantised");
      long weights = 37 * 64 + 64 * 33 + 33 * 9, rows = 64 + 33 + 9;
      assertEquals(weights * (p == Precision.INT8 ? 1 : 2) + 8 * rows, q.weightBytes());
    }
  }

  @Test
  void precisionNamesAreParsedOrRefused() {
    assertEquals(Precision.INT8, Precision.parse("INT8"));
    assertEquals(Precision.FLOAT32, Precision.parse(" float32"));
    assertThrows(BadInputException.class, () -> Precision.parse("int4"));
  }
}
