package kinesis.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignalTest {
  @Test
  void gaussianKernelMatchesScipyTruncation() {
    double[] k = Signal.gaussianKernel(2);
    assertEquals(17, k.length); // radius round(4σ) = 8
    assertEquals(1, Arrays.stream(k).sum(), 1e-15);
    assertEquals(Math.exp(-0.5), k[8 + 2] / k[8], 1e-15);
  }

  @Test
  void smoothingKeepsLinesAwayFromEdgesAndConstantsEverywhere() {
    double[] c = new double[40];
    Arrays.fill(c, 3.5);
    assertArrayEquals(c, Signal.smooth(c, 1, 2), 1e-12);
    double[] ramp = new double[40];
    for (int i = 0; i < 40; i++) ramp[i] = 0.5 * i;
    double[] s = Signal.smooth(ramp, 1, 2);
    for (int i = 8; i < 32; i++) assertEquals(ramp[i], s[i], 1e-12);
    // "nearest" edges pull the ends inwards
    assertEquals(true, s[0] > ramp[0]);
  }

  @Test
  void velocityOfUniformMotion() {
    double fps = 30;
    double[] x = new double[3 * 50];
    for (int t = 0; t < 50; t++) {
      x[3 * t] = 1.2 * t / fps;
      x[3 * t + 2] = 0.9;
    }
    double[] v = Signal.velocity(x, 3, fps, 2);
    for (int t = 0; t < 50; t++) {
      assertEquals(1.2, v[3 * t], 1e-9);
      assertEquals(0, v[3 * t + 2], 1e-12);
    }
  }

  @Test
  void angularVelocityOfSteadyTurn() {
    double fps = 30, rate = 1.5;
    double[] q = new double[4 * 40];
    for (int t = 0; t < 40; t++) System.arraycopy(Rot.rotZ(rate * t / fps), 0, q, 4 * t, 4);
    double[] w = Signal.angularVelocity(q, fps, 2);
    for (int t = 0; t < 40; t++)
      assertArrayEquals(new double[] {0, 0, rate}, Signal.at(w, t, 3), 1e-9);
  }

  @Test
  void snapsStoredFrameTimesToWholeRates() {
    assertEquals(120, Signal.rateFromFrameTime(0.0083330004));
    assertEquals(30, Signal.rateFromFrameTime(0.033332));
    assertEquals(1 / 0.0416, Signal.rateFromFrameTime(0.0416), 1e-12); // 24.04 fps is not 24
  }

  @Test
  void resamplesExplicitlyByTime() {
    // 20 fps ramp of 2 s (41 frames) -> 30 fps: 61 frames, values on the same line
    double[] x = new double[41];
    for (int i = 0; i < 41; i++) x[i] = i / 20.0;
    double[] y = Signal.resample(x, 1, 20, 30);
    assertEquals(61, y.length);
    for (int i = 0; i < 61; i++) assertEquals(i / 30.0, y[i], 1e-12);
    assertEquals(30, Signal.resampledFrames(121, 120, 30) - 1);
    double[] q = new double[8];
    System.arraycopy(Rot.rotZ(0), 0, q, 0, 4);
    System.arraycopy(Rot.rotZ(0.3), 0, q, 4, 4);
    double[] r = Signal.resampleQuats(q, 10, 30); // 0.1 s apart -> 4 frames
    assertEquals(16, r.length);
    assertArrayEquals(Rot.rotZ(0.1), Signal.at(r, 1, 4), 1e-12);
  }
}
