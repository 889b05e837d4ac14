package kinesis.io;

import java.nio.file.Path;

/**
 * A file or option the user gave cannot be used. The message names the file (when there is one)
 * and what is wrong; the CLI turns it into exit code 3 without a stack trace.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public BadInputException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
