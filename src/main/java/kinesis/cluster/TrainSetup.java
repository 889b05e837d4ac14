package kinesis.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kinesis.rl.RunConfig;

/**
 * What a worker needs to step a training run's environments: the run's configuration (as its
 * config.yaml text), the environments per segment, the steps per segment and the run's seed (each
 * worker seeds its environments with it and its worker id).
 */
record TrainSetup(String runYaml, int envs, int steps, long seed) {
  byte[] encode() {
    return new Bytes.Out().str(runYaml).i32(envs).i32(steps).i64(seed).bytes();
  }

  static TrainSetup decode(byte[] b) {
    Bytes.In in = new Bytes.In(b);
    TrainSetup s = new TrainSetup(in.str(), in.i32(), in.i32(), in.i64());
    in.end();
    return s;
  }

  RunConfig run() {
    try {
      Path tmp = Files.createTempFile("kinesis-run", ".yaml");
      try {
        Files.writeString(tmp, runYaml);
        return RunConfig.load(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed of worker {@code id}'s environments and action noise. */
  long workerSeed(int id) {
    return seed * 1_000_003L + 7919L * id;
  }
}
