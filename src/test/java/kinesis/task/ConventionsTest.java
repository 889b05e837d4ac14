package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import kinesis.eval.Protocol;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * The reference code's conventions that imported checkpoints need (kinesis-reference.md §1.4,
 * §3.6.2).
 */
class ConventionsTest {
  private static double[] mul(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
    return c;
  }

  private static double[] rx(double a) {
    return new double[] {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
  }

  private static double[] ry(double a) {
    return new double[] {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
  }

  private static double[] rz(double a) {
    return new double[] {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
  }

  /**
   * The reference document's example: q = R_z(ψ)·R_x(0.2)·R_y(−0.1) gives (0.201, −0.098) at HEAD,
   * (0.098, 0.201) originally, for any ψ.
   */
  @Test
  void tiltAnglesOfBothConventions() {
    double[] a = new double[2];
    for (double psi : new double[] {0, 0.7, -2.5, 3.1}) {
      double[] m = mul(rz(psi), mul(rx(0.2), ry(-0.1)));
      TiltConvention.HEAD.angles(m, 0, a);
      assertEquals(0.201, a[0], 5e-4, "HEAD alpha, psi " + psi);
      assertEquals(-0.098, a[1], 5e-4, "HEAD beta, psi " + psi);
      TiltConvention.ORIGINAL.angles(m, 0, a);
      assertEquals(0.098, a[0], 5e-4, "ORIGINAL first angle, psi " + psi);
      assertEquals(0.201, a[1], 5e-4, "ORIGINAL second angle, psi " + psi);
      // the original upright reward applies the trigonometry twice
      TiltConvention.ORIGINAL.uprightAngles(m, 0, a);
      assertEquals(Math.atan2(Math.sin(Math.sin(0.098)), Math.cos(Math.cos(0.098))), a[0], 5e-4);
    }
    double[] upright = rz(1.2);
    TiltConvention.ORIGINAL.uprightAngles(upright, 0, a);
    assertEquals(0, a[0], 1e-9);
    assertEquals(0, a[1], 1e-9);
  }

  /**
   * float32 clip length and truncation: at t = k/fps the frame read is k or k − 1 — always k − 1
   * for clips whose length rounds up in float32 — and over clip lengths a large share of lookups.
   */
  @Test
  void referenceFrameLookupTruncates() {
    int previous = 0, all = 0;
    for (int n = 20; n < 220; n++) {
      boolean roundsUp = (float) ((n - 1) / 30.0) > (n - 1) / 30.0;
      for (int k = 1; k < n - 1; k++) {
        int f = ImitationEnv.referenceFrame(k / 30.0, n, 30);
        assertTrue(f == k || f == k - 1, "frame " + f + " at step " + k + " of " + n);
        if (roundsUp) assertEquals(k - 1, f, "clip of " + n + " frames, step " + k);
        if (f == k - 1) previous++;
        all++;
      }
    }
    assertTrue(
        previous > 0.2 * all && previous < 0.8 * all,
        previous + " of " + all + " lookups return the previous frame");
    assertEquals(0, ImitationEnv.referenceFrame(0, 195, 30));
    assertEquals(194, ImitationEnv.referenceFrame(100, 195, 30), "past the end: the last frame");
  }

  /** Settings, and the evaluation configuration of a policy trained under them. */
  @Test
  void settingsReachEvaluation() {
    ImitationConfig c =
        Protocol.PAPER.config(
            Map.of("control", "pd", "root_tilt", "original", "frame_lookup", "reference"));
    assertEquals(ControlMode.PD, c.control());
    assertEquals(new ImitationConfig.Conventions(TiltConvention.ORIGINAL, true), c.conventions());
    assertEquals(
        ImitationConfig.Conventions.DEFAULT, Protocol.PAPER.config(Map.of()).conventions());
    assertEquals(
        c.conventions(),
        c.with("k_pos", "100").with("assist", "0").conventions(),
        "other settings keep them");
    assertThrows(BadInputException.class, () -> c.with("root_tilt", "sideways"));
    assertThrows(BadInputException.class, () -> c.with("frame_lookup", "nearest"));
  }

  /** ref_preview: parsed, saved, carried to evaluation, and refused when malformed. */
  @Test
  void previewStepsAreParsedSavedAndCarried() {
    ImitationConfig c =
        ImitationConfig.training(ControlMode.DIRECT).with("ref_preview", "10, 20,30");
    assertEquals(List.of(10, 20, 30), c.conventions().preview());
    assertEquals("10,20,30", c.toMap().get("ref_preview"));
    assertEquals("none", ImitationConfig.training(ControlMode.DIRECT).toMap().get("ref_preview"));
    assertEquals(List.of(), c.with("ref_preview", "none").conventions().preview());
    assertEquals(
        List.of(10, 20, 30),
        Protocol.PAPER.config(Map.of("ref_preview", "10,20,30")).conventions().preview());
    assertEquals(
        c.conventions(), c.with("root_tilt", "head").with("frame_lookup", "exact").conventions());
    for (String bad : List.of("0", "20,10", "10,10", "ten", "10,", "301", "1,2,3,4,5,6,7,8,9"))
      assertThrows(BadInputException.class, () -> c.with("ref_preview", bad), bad);
  }
}
