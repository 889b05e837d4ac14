package kinesis.viz.web;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Chromium for the browser tests: a failure in CI (the launcher installs it there), a reported skip
 * elsewhere.
 */
public final class Browsers {
  private Browsers() {}

  /**
   * Chromium on PATH; without it the test fails when {@code $CI} is set (and not "false"), else it
   * is skipped.
   */
  public static Chromium chromium(String test) {
    Optional<Chromium> c = Chromium.find();
    String ci = System.getenv("CI");
    if (c.isEmpty() && ci != null && !ci.equalsIgnoreCase("false")) {
      throw new AssertionError(
          test + ": no chromium on PATH in CI (the launcher should have installed it)");
    }
    if (c.isEmpty())
      System.out.println(test + " skipped: no chromium on PATH (apt-get install chromium)");
    Assumptions.assumeTrue(c.isPresent(), "no chromium on PATH (apt-get install chromium)");
    return c.get();
  }
}
