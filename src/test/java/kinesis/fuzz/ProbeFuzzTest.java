package kinesis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import kinesis.io.BadInputException;
import kinesis.io.Npy;

class ProbeFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void npy(byte[] data) {
    try {
      Npy.parse(data, "fuzz.npy");
    } catch (BadInputException e) {
      // refused with a reason: fine
    }
  }
}
