package kinesis.io;

import java.nio.file.Path;

/**
 * A file or option the user gave cannot be used. The message names the file (when there is one) and
 * what is wrong; the CLI turns it into exit code 3 without a stack trace. It is always one line of
 * at most {@link #MAX_LENGTH} characters: text echoed from a file (line breaks, control bytes) is
 * flattened and shortened here, whichever reader produced it.
 */
public class BadInputException extends RuntimeException {
  /** Longest message kept; longer ones end in an ellipsis. */
  public static final int MAX_LENGTH = 2000;

  public BadInputException(String message) {
    super(oneLine(message));
  }

  public BadInputException(Path file, String problem) {
    super(oneLine(file + ": " + problem));
  }

  public BadInputException(Path file, String problem, Throwable cause) {
    super(oneLine(file + ": " + problem), cause);
  }

  /**
   * Control characters and line breaks become single spaces; the result is cut to {@link
   * #MAX_LENGTH}.
   */
  static String oneLine(String s) {
    if (s == null) return null;
    String flat = s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH - 1) + "…";
  }
}
