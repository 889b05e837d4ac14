package kinesis.io;

import java.io.PrintStream;

/**
 * A progress bar on standard error. On a terminal it redraws one line; elsewhere (pipes, CI=true)
 * it prints a plain line every 10 %, so logs stay readable.
 */
public final class Progress implements AutoCloseable {
  private final String label;
  private final long total;
  private final PrintStream out = System.err;

  @SuppressWarnings("SystemConsoleNull") // console() may still be null; isTerminal() decides
  private final boolean tty =
      System.console() != null && System.console().isTerminal() && System.getenv("CI") == null;

  private final long start = System.nanoTime();
  private long done;
  private int lastDecile = -1;
  private long lastDraw;
  private String note = "";

  public Progress(String label, long total) {
    this.label = label;
    this.total = Math.max(1, total);
  }

  /** Extra text shown after the bar (e.g. samples/s). */
  public void note(String text) {
    note = text;
  }

  public void step(long n) {
    done = Math.min(total, done + n);
    long now = System.nanoTime();
    int decile = (int) (10 * done / total);
    if (tty && (now - lastDraw > 100_000_000L || done == total)) {
      lastDraw = now;
      out.print("\r" + line());
    } else if (!tty && decile != lastDecile) {
      lastDecile = decile;
      out.println(line());
    }
  }

  private String line() {
    double secs = (System.nanoTime() - start) / 1e9;
    double rate = done / Math.max(secs, 1e-9);
    int width = 24, fill = (int) (width * done / total);
    String bar = "#".repeat(fill) + " ".repeat(width - fill);
    double eta = rate > 0 ? (total - done) / rate : 0;
    return String.format(
        "%s [%s] %3d%% %d/%d  %.1f/s  eta %.0fs %s",
        label, bar, 100 * done / total, done, total, rate, eta, note);
  }

  @Override
  public void close() {
    if (tty) out.println();
  }
}
