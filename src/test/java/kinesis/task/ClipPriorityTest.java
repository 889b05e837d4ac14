package kinesis.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ClipPriorityTest {
  /** λ = 0 draws with nextInt, as runs did before priorities existed (their resumes stay exact). */
  @Test
  void uniformDrawsExactlyAsBefore() {
    ClipPriority p = new ClipPriority(7, 0);
    p.absorb(new long[] {10, 10, 10, 10, 10, 10, 10}, new long[] {9, 0, 0, 0, 0, 0, 0});
    Rng a = new Rng(3), b = new Rng(3);
    for (int i = 0; i < 100; i++) assertEquals(b.nextInt(7), p.draw(a));
    assertEquals(1, p.maxWeight(), 1e-12);
  }

  /** Probability (1 − λ)/C + λ·h_i/Σh; clips not yet measured count as the mean of the others. */
  @Test
  void probabilitiesMixUniformAndHazard() {
    ClipPriority p = new ClipPriority(3, 0.5);
    assertEquals(1 / 3.0, p.probability(1), 1e-12); // nothing measured yet
    p.absorb(new long[] {100, 100, 0}, new long[] {10, 30, 0}); // hazards 0.1, 0.3, (0.2)
    assertEquals(0.5 / 3 + 0.5 * 0.1 / 0.6, p.probability(0), 1e-12);
    assertEquals(0.5 / 3 + 0.5 * 0.3 / 0.6, p.probability(1), 1e-12);
    assertEquals(0.5 / 3 + 0.5 * 0.2 / 0.6, p.probability(2), 1e-12);
    assertEquals(3 * (0.5 / 3 + 0.25), p.maxWeight(), 1e-12);
    // the next iteration moves each hazard a tenth of the way
    p.absorb(new long[] {100, 100, 0}, new long[] {30, 30, 0}); // 0.12, 0.3, (0.21)
    assertEquals(0.5 / 3 + 0.5 * 0.12 / 0.63, p.probability(0), 1e-12);
  }

  @Test
  void drawsFollowTheProbabilities() {
    ClipPriority p = new ClipPriority(2, 1);
    p.absorb(new long[] {100, 100}, new long[] {5, 15}); // 0.25 / 0.75
    Rng rng = new Rng(11);
    int[] n = new int[2];
    for (int i = 0; i < 40_000; i++) n[p.draw(rng)]++;
    assertEquals(0.75, n[1] / 40_000.0, 0.01);
  }

  @Test
  void snapshotRoundTrip() throws IOException {
    ClipPriority p = new ClipPriority(3, 0.7), q = new ClipPriority(3, 0.7);
    p.absorb(new long[] {50, 10, 0}, new long[] {4, 6, 0});
    var bytes = new ByteArrayOutputStream();
    p.save(new DataOutputStream(bytes));
    q.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    double[] a = new double[3], b = new double[3];
    for (int i = 0; i < 3; i++) {
      a[i] = p.probability(i);
      b[i] = q.probability(i);
    }
    assertArrayEquals(a, b, 0);
    ClipPriority other = new ClipPriority(4, 0.7);
    assertThrows(
        IOException.class,
        () -> other.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
  }

  @Test
  void settingIsAShareBetweenZeroAndOne() {
    ImitationConfig c = ImitationConfig.training(ControlMode.DIRECT).with("clip_priority", "0.5");
    assertEquals(0.5, c.curriculum().clipPriority());
    assertEquals("0.5", c.toMap().get("clip_priority"));
    assertThrows(
        kinesis.io.BadInputException.class,
        () -> ImitationConfig.training(ControlMode.DIRECT).with("clip_priority", "1.5"));
  }
}
