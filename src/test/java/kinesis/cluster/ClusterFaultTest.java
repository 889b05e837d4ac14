package kinesis.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kinesis.rl.RunConfig;
import kinesis.rl.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults: a worker with the wrong secret is refused; a worker killed mid-segment costs only that
 * segment; workers join mid-run.
 */
class ClusterFaultTest {
  @TempDir Path tmp;

  @Test
  void aWorkerWithTheWrongSecretIsRefused() throws Exception {
    Secret secret = Secret.random();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (ClusterEval coordinator =
            new ClusterEval(
                new ClusterSettings(
                    "127.0.0.1", 0, secret, 0, true, 1, 1, 60, Loopback.HEARTBEAT, null),
                new PrintStream(log, true));
        Loopback lb = new Loopback()) {
      WorkerNode stranger =
          lb.start(coordinator.address(), Secret.random(), ClusterTrainingTest.POINT_MASS);
      assertEquals(WorkerNode.End.REFUSED, stranger.await());
      WorkerNode member = lb.start(coordinator.address(), secret, ClusterTrainingTest.POINT_MASS);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!log.toString(UTF_8).contains("joined") && System.nanoTime() < deadline)
        Thread.sleep(50);
      assertTrue(
          log.toString(UTF_8).contains("worker 1 joined"),
          "the worker with the right secret was not admitted: " + log);
      assertTrue(
          !log.toString(UTF_8).contains("worker 2"), "only one worker may have been admitted");
      assertTrue(member != null);
    }
  }

  @Test
  void propertyAdmissionProofsAreBoundToSecretNonceAndWorker() {
    Secret a = Secret.random(), b = Secret.random();
    byte[] nonce = Secret.nonce();
    byte[] proof = a.proof(nonce, "w1");
    assertTrue(a.verify(nonce, "w1", proof));
    assertTrue(!b.verify(nonce, "w1", proof), "another secret");
    assertTrue(!a.verify(Secret.nonce(), "w1", proof), "another nonce (a replay)");
    assertTrue(!a.verify(nonce, "w2", proof), "another worker");
  }

  /**
   * A worker JVM joins, a second worker joins mid-run, the first is killed (SIGKILL) mid-segment;
   * the run completes every iteration.
   */
  @Test
  void killingAWorkerLosesOnlyItsSegmentInFlight() throws Exception {
    Secret secret = Secret.random();
    Path secretFile = tmp.resolve("secret");
    Files.writeString(secretFile, secret.text());
    int iters = 8;
    RunConfig run = ClusterTrainingTest.config(iters);
    ClusterSettings cs =
        new ClusterSettings("127.0.0.1", 0, secret, 4, false, 1, 1, 60, Loopback.HEARTBEAT, null);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true);
    Process slow = null;
    try (Loopback lb = new Loopback();
        Trainer t =
            Trainer.start(
                run,
                ClusterVecEnv.factory(cs, run, ClusterTrainingTest.POINT_MASS, out),
                tmp.resolve("run"),
                out)) {
      String join = ((ClusterVecEnv) t.env()).address();
      slow = worker(join, secretFile, 10); // 80 steps x 10 ms: a segment is in flight for 0.8 s
      Thread trainer = new Thread(t::run);
      trainer.start();
      waitFor(() -> t.iteration() >= 1, 60);
      lb.start(join, secret, ClusterTrainingTest.POINT_MASS); // joins mid-run
      waitFor(() -> log.toString(UTF_8).contains("worker 2 joined"), 30);
      waitFor(() -> t.iteration() >= 3, 60);
      Thread.sleep(300);
      slow.destroyForcibly();
      trainer.join(120_000);
      assertEquals(iters, t.iteration(), "the run did not finish: " + log);
      assertEquals((long) iters * 1280, t.globalStep());
    } finally {
      if (slow != null) slow.destroyForcibly();
    }
    System.out.println(log);
    List<String> lines = Files.readAllLines(tmp.resolve("run/metrics.csv"));
    List<String> head = List.of(lines.get(0).split(","));
    double lost = 0, dropped = 0;
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      lost += Double.parseDouble(f[head.indexOf("cluster/segments_lost")]);
      dropped += Double.parseDouble(f[head.indexOf("cluster/segments_dropped")]);
    }
    assertTrue(
        log.toString(UTF_8).contains("worker 1 unreachable"),
        "the killed worker was not noticed: " + log);
    assertTrue(lost <= 1, "more than the killed worker's segment in flight was lost: " + lost);
    assertEquals(0, dropped, "with stale: drop and no prefetch, nothing is stale");
  }

  private static Process worker(String join, Path secret, long delayMs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) cmd.add(a);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            PointMassWorker.class.getName(),
            join,
            secret.toString(),
            Long.toString(delayMs)));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void waitFor(java.util.function.BooleanSupplier ok, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("timed out after " + seconds + " s");
      Thread.sleep(20);
    }
  }
}
