package kinesis.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.nn.TensorFile;
import kinesis.task.Rollout;
import kinesis.task.RolloutFile;

/**
 * Writes the seeds of ReadersFuzzTest that our own writers produce (a tensor file, a two-step
 * rollout); the other formats come from src/test/python/make_fuzz_seeds.py. Run once from the
 * repository root with the test classpath.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("src/test/resources/kinesis/fuzz/ReadersFuzzTestInputs");
    Files.createDirectories(out.resolve("tensorFile"));
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("policy.trunk.0.weight", new float[] {1, -2, 3.5f, 0});
    t.put("iteration", new long[] {7});
    t.put("policy_lr", new double[] {1e-4});
    TensorFile.write(out.resolve("tensorFile/small.bin"), t);
    Files.createDirectories(out.resolve("rollout"));
    try (BodyModel body = BodyModel.load("legs");
        var d = body.sim.makeData()) {
      Rollout.Builder b =
          Rollout.builder(
              body, "seed", 30, body.variant.trackedKeypoints(), List.of("a", "b"), "none", 0);
      double[] keypoints = new double[3 * body.trackedBodies.length];
      for (int step = 0; step < 2; step++) {
        d.forward();
        b.record(d, keypoints, new double[] {0.5, 0.25});
      }
      RolloutFile.write(out.resolve("rollout/two-steps.rollout.npz"), b.build());
    }
  }
}
