package kinesis.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrialsTest {

  @Test
  void resultsComeBackInTrialOrder() {
    assertEquals(List.of(0, 1, 4, 9, 16), Trials.run(5, 3, () -> null, (w, i) -> i * i));
  }

  /**
   * When a trial fails, run() throws only after every other running trial has ended and starts no
   * new one: the callers free the native scene the workers step as soon as run() leaves (a kick
   * evaluation refused on one thread once crashed the JVM in the other one).
   */
  @Test
  void aFailureWaitsForTheRunningTrialsAndStartsNoMore() {
    AtomicInteger running = new AtomicInteger(), started = new AtomicInteger();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Trials.run(
                    100,
                    2,
                    () -> null,
                    (w, i) -> {
                      started.incrementAndGet();
                      running.incrementAndGet();
                      try {
                        if (i == 0) {
                          sleep(50);
                          throw new IllegalArgumentException("bad trial");
                        }
                        sleep(300);
                        return i;
                      } finally {
                        running.decrementAndGet();
                      }
                    }));
    assertEquals("bad trial", e.getMessage());
    assertEquals(0, running.get(), "no trial still running when run() throws");
    assertEquals(2, started.get(), "the other worker finished its trial and took no new one");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
