package kinesis.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.io.Npy;
import kinesis.io.Npz;
import kinesis.io.Pickles;
import kinesis.io.TorchZip;
import kinesis.motion.BvhImporter;
import kinesis.motion.DeepMimicImporter;
import kinesis.motion.JointPositionsImporter;
import kinesis.motion.SkeletonMapping;
import kinesis.nn.TensorFile;
import kinesis.rl.RunConfig;
import kinesis.task.RolloutFile;
import kinesis.task.reach.SteerSchedule;

/**
 * Coverage-guided fuzzing of every reader (Jazzer). The property: a reader either returns or
 * refuses the input with a {@link BadInputException} whose reason is one line — never another
 * exception, never an error such as running out of memory. In every build the seeds ({@code
 * src/test/resources/kinesis/fuzz/ReadersFuzzTestInputs/METHOD/}, written by {@code
 * src/test/python/make_fuzz_seeds.py}) and the crashes found so far run as regression tests; {@code
 * ./kinesis fuzz} fuzzes each reader for a while.
 */
class ReadersFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("kinesis-fuzz");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the input to a file named {@code name} and reads it with {@code reader}. */
  private static void check(byte[] data, String name, Reader reader) {
    Path f = DIR.resolve(name);
    try {
      Files.write(f, data);
      reader.read(f);
    } catch (BadInputException e) {
      assertFalse(e.getMessage().contains("\n"), "a refusal is one line: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Reader {
    void read(Path file) throws IOException;
  }

  @FuzzTest(maxDuration = "10s")
  void bvh(byte[] data) {
    check(data, "in.bvh", BvhImporter::load);
  }

  @FuzzTest(maxDuration = "10s")
  void deepMimic(byte[] data) {
    check(data, "in.txt", DeepMimicImporter::load);
  }

  @FuzzTest(maxDuration = "10s")
  void npy(byte[] data) {
    check(data, "in.npy", f -> Npy.parse(Files.readAllBytes(f), f.toString()));
  }

  @FuzzTest(maxDuration = "10s")
  void npz(byte[] data) {
    check(data, "in.npz", Npz::read);
  }

  @FuzzTest(maxDuration = "10s")
  void jointPositions(byte[] data) {
    check(data, "in.npy", f -> JointPositionsImporter.load(f, 20));
  }

  @FuzzTest(maxDuration = "10s")
  void pickle(byte[] data) {
    check(data, "in.pkl", f -> Pickles.load(Files.readAllBytes(f), f.toString()));
  }

  @FuzzTest(maxDuration = "10s")
  void torchZip(byte[] data) {
    check(data, "in.pth", TorchZip::read);
  }

  @FuzzTest(maxDuration = "10s")
  void skeletonMapping(byte[] data) {
    check(data, "in.json", SkeletonMapping::read);
  }

  @FuzzTest(maxDuration = "10s")
  void runConfig(byte[] data) {
    check(data, "config.yaml", RunConfig::load);
  }

  @FuzzTest(maxDuration = "10s")
  void steerSchedule(byte[] data) {
    check(data, "steer.yaml", SteerSchedule::read);
  }

  @FuzzTest(maxDuration = "10s")
  void tensorFile(byte[] data) {
    check(
        data,
        "weights.bin",
        f -> {
          Map<String, Object> t = TensorFile.read(f);
          java.util.Objects.requireNonNull(t);
        });
  }

  @FuzzTest(maxDuration = "10s")
  void rollout(byte[] data) {
    check(data, "in.rollout.npz", RolloutFile::read);
  }
}
