package kinesis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kinesis.rl.EnvFactory;
import kinesis.rl.PointMassEnv;
import kinesis.rl.PpoConfig;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training with rollout workers on loopback: the point-mass task learns as in one JVM. */
class ClusterTrainingTest {
  @TempDir Path tmp;

  static final EnvFactory POINT_MASS = (o, n, s) -> new PointMassEnv(n);

  static RunConfig config(int iterations) {
    return new RunConfig(
        Map.of("task", "pointmass"),
        PpoConfig.laptop()
            .with(
                List.of(
                    "hidden=[64,64]",
                    "num_envs=16",
                    "samples_per_iteration=1280",
                    "minibatch_size=320",
                    "policy_lr=1e-3",
                    "value_lr=1e-3",
                    "log_std_init=-0.5",
                    "checkpoint_every=100",
                    "iterations=" + iterations)));
  }

  static List<Double> returns(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    int col = List.of(lines.get(0).split(",")).indexOf("charts/episodic_return");
    return lines.stream().skip(1).map(l -> Double.parseDouble(l.split(",", -1)[col])).toList();
  }

  static double mean(List<Double> v, int from, int to) {
    return v.subList(from, to).stream()
        .mapToDouble(Double::doubleValue)
        .filter(Double::isFinite)
        .average()
        .orElse(Double.NaN);
  }

  @Test
  void twoWorkersLearnLikeOneJvm() throws Exception {
    learns(true);
  }

  void learns(boolean useStale) throws Exception {
    int iters = 40;
    tmp = Files.createTempDirectory(tmp, "run");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    try (Trainer t = Trainer.start(config(iters), POINT_MASS, tmp.resolve("one"), quiet)) {
      t.run();
    }
    Secret secret = Secret.random();
    ClusterSettings cs =
        new ClusterSettings(
            "127.0.0.1", 0, secret, 4, useStale, 1, 2, 60, Loopback.HEARTBEAT, null);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Loopback lb = new Loopback();
        Trainer t =
            Trainer.start(
                config(iters),
                ClusterVecEnv.factory(cs, config(iters), POINT_MASS, new PrintStream(log, true)),
                tmp.resolve("two"),
                new PrintStream(log, true))) {
      String join = ((ClusterVecEnv) t.env()).address();
      lb.start(join, secret, POINT_MASS);
      lb.start(join, secret, POINT_MASS);
      t.run();
    }
    List<Double> one = returns(tmp.resolve("one/metrics.csv")),
        two = returns(tmp.resolve("two/metrics.csv"));
    assertEquals(iters, two.size());
    double oneStart = mean(one, 0, 5),
        oneEnd = mean(one, iters - 5, iters),
        twoStart = mean(two, 0, 5),
        twoEnd = mean(two, iters - 5, iters);
    System.out.println("one " + one + "\ntwo " + two);
    System.out.printf(
        "stale " + useStale + ": one JVM %.2f -> %.2f, two workers %.2f -> %.2f%n",
        oneStart,
        oneEnd,
        twoStart,
        twoEnd);
    // the same shape: from a random policy (≈ −15.6) both improve within 40 iterations. Two workers
    // on a loaded machine use more stale segments, so their gain is only required to be clear (a
    // random policy's 5-iteration mean moves by a few tenths), not as large as one JVM's.
    assertTrue(oneEnd > oneStart + 2, "one JVM did not learn");
    assertTrue(
        twoEnd > twoStart + Math.max(1.0, 0.25 * (oneEnd - oneStart)),
        "two workers improved much less than one JVM");
    assertTrue(Math.abs(twoEnd - oneEnd) < 4, "end returns differ: " + oneEnd + " vs " + twoEnd);
  }
}
