package kinesis.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BadInputExceptionTest {
  /** Text echoed from a file cannot break the one-line promise or flood the terminal. */
  @Test
  void messagesAreOneShortLine() {
    assertEquals(
        "f.yaml: distance must be a number, not 1.2 x y",
        new BadInputException(
                Path.of("f.yaml"), "distance must be a number, not 1.2\n\u0000x\r\ny\t")
            .getMessage());
    String long_ = new BadInputException("x".repeat(5000)).getMessage();
    assertEquals(BadInputException.MAX_LENGTH, long_.length());
    assertTrue(long_.endsWith("…"));
  }
}
