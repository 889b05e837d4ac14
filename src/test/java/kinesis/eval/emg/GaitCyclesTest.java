package kinesis.eval.emg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaitCyclesTest {
  /**
   * Contact pattern: heel from each strike for {@code heelSteps}, toes from there to {@code
   * stance}.
   */
  private static double[][] feet(int steps, int[] strikes, int heelSteps, int stance) {
    double[] heel = new double[steps], toes = new double[steps];
    for (int s : strikes) {
      for (int t = s; t < Math.min(steps, s + stance); t++) {
        if (t < s + heelSteps) heel[t] = 100;
        if (t >= s + heelSteps / 2) toes[t] = 50;
      }
    }
    return new double[][] {heel, toes};
  }

  @Test
  void findsKnownInitialContactsAndToeOffs() {
    int[] strikes = {10, 43, 76, 109};
    double[][] f = feet(140, strikes, 12, 20);
    // the episode starts in stance (steps 0..4): not an initial contact, no swing before it
    for (int t = 0; t < 5; t++) f[0][t] = 80;
    List<GaitCycles.Cycle> c = GaitCycles.find(f[0], f[1], 3, 30, 0);
    assertEquals(3, c.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(strikes[i], c.get(i).start());
      assertEquals(strikes[i + 1], c.get(i).end());
      assertEquals(strikes[i] + 20, c.get(i).toeOff());
      assertEquals(33 / 30.0, c.get(i).seconds(), 1e-12);
    }
  }

  @Test
  void briefLiftDuringStanceIsNotASwing() {
    int[] strikes = {5, 45, 85};
    double[][] f = feet(100, strikes, 25, 25);
    f[0][15] = 0; // a one-step bounce of the heel mid-stance (toes in contact from step 17 only)
    f[1][15] = 0;
    f[0][16] = 0;
    List<GaitCycles.Cycle> c = GaitCycles.find(f[0], f[1], 3, 30, 0);
    assertEquals(2, c.size());
    assertEquals(5, c.get(0).start());
    assertEquals(30, c.get(0).toeOff());
  }

  @Test
  void aForefootLandingIsTheInitialContact() {
    double[] heel = new double[80], toes = new double[80];
    for (int t = 20; t < 30; t++) toes[t] = 1; // toes land at 20, the heel follows at 23
    for (int t = 23; t < 28; t++) heel[t] = 1;
    for (int t = 50; t < 60; t++) heel[t] = 1; // a heel strike at 50
    for (int t = 70; t < 80; t++) toes[t] = 1; // toes only at 70
    List<GaitCycles.Cycle> c = GaitCycles.find(heel, toes, 3, 30, 0);
    assertEquals(2, c.size());
    assertEquals(20, c.get(0).start());
    assertEquals(30, c.get(0).toeOff());
    assertEquals(50, c.get(0).end());
    assertEquals(false, c.get(0).heelStrike());
    assertEquals(true, c.get(1).heelStrike());
    assertEquals(70, c.get(1).end());
  }

  @Test
  void aScuffAfterToeOffIsNeitherAStanceNorTheEndOfTheSwing() {
    int[] strikes = {10, 43, 76, 109};
    double[][] f = feet(140, strikes, 12, 20);
    for (int s : strikes) f[1][s + 23] = 5; // the toes brush the ground 3 steps into each swing
    List<GaitCycles.Cycle> c = GaitCycles.find(f[0], f[1], 3, 30, 0);
    assertEquals(3, c.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(strikes[i], c.get(i).start());
      assertEquals(strikes[i] + 20, c.get(i).toeOff());
    }
  }

  @Test
  void durationOutliersBeyondTwoSdAreDropped() {
    List<GaitCycles.Cycle> cycles = new ArrayList<>();
    double[] d = {1.0, 1.02, 0.98, 1.01, 0.99, 1.0, 1.03, 0.97, 1.0, 1.0, 2.0};
    for (int i = 0; i < d.length; i++) cycles.add(new GaitCycles.Cycle(0, 0, 1, 2, d[i], true));
    GaitCycles.Selection s = GaitCycles.filterByDuration(cycles, 2);
    assertEquals(10, s.kept().size());
    assertEquals(1, s.dropped().size());
    assertEquals(2.0, s.dropped().get(0).seconds(), 0);
    // two cycles: too few to judge, both kept
    assertEquals(2, GaitCycles.filterByDuration(cycles.subList(9, 11), 2).kept().size());
  }

  @Test
  void resamplesLinearlyOverEachPhase() {
    double[] ramp = new double[300];
    for (int t = 0; t < ramp.length; t++) ramp[t] = t;
    GaitCycles.Cycle c = new GaitCycles.Cycle(0, 10, 40, 60, 1, true);
    double[] u = GaitCycles.resample(ramp, c, TimeNormalisation.CYCLE_100);
    assertEquals(100, u.length);
    assertEquals(10, u[0], 1e-12);
    assertEquals(10 + 0.5 * 50, u[50], 1e-12);
    assertEquals(10 + 0.99 * 50, u[99], 1e-12);
    double[] ss = GaitCycles.resample(ramp, c, TimeNormalisation.STANCE_SWING_200);
    assertEquals(200, ss.length);
    assertEquals(10 + 0.5 * 30, ss[50], 1e-12);
    assertEquals(40, ss[100], 1e-12);
    assertEquals(40 + 0.5 * 20, ss[150], 1e-12);
    // a cycle of exactly 100 steps reproduces the samples
    double[] wave = new double[201];
    for (int t = 0; t < wave.length; t++) wave[t] = Math.sin(t * 0.3);
    double[] back =
        GaitCycles.resample(
            wave, new GaitCycles.Cycle(0, 100, 160, 200, 1, true), TimeNormalisation.CYCLE_100);
    assertArrayEquals(java.util.Arrays.copyOfRange(wave, 100, 200), back, 1e-12);
  }
}
