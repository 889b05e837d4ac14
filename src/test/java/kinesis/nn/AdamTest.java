package kinesis.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
  /**
   * Two steps by hand: with constant gradient g the first step moves by lr·g/(|g| + eps) =
   * lr·sign(g).
   */
  @Test
  void stepsMatchHandComputedValues() {
    Param p = new Param("p", 2);
    p.value[0] = 1f;
    p.value[1] = -2f;
    Adam adam = new Adam(List.of(p), 0.1, 1e-8);
    p.grad[0] = 0.5f;
    p.grad[1] = -3f;
    adam.step();
    assertEquals(0.9f, p.value[0], 1e-6f);
    assertEquals(-1.9f, p.value[1], 1e-6f);
    p.grad[0] =
        0.25f; // m = 0.9·0.05 + 0.1·0.25 = 0.07; v = 0.999·2.5e-4 + 0.001·0.0625 = 3.1225e-4
    adam.step();
    double mHat = 0.07 / (1 - 0.81), vHat = 3.1225e-4 / (1 - 0.998001);
    assertEquals(0.9 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), p.value[0], 1e-6);
  }

  @Test
  void clipGradNormScalesToTheLimit() {
    Param a = new Param("a", 2), b = new Param("b", 1);
    a.grad[0] = 3;
    a.grad[1] = 0;
    b.grad[0] = 4;
    double before = Params.clipGradNorm(List.of(a, b), 2.5);
    assertEquals(5, before, 1e-9);
    assertEquals(2.5, Params.gradNorm(List.of(a, b)), 1e-5);
    assertEquals(1.5f, a.grad[0], 1e-5f);
  }
}
