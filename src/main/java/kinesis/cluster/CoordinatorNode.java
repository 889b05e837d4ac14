package kinesis.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kinesis.io.BadInputException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The coordinator's actor system, bound to the configured interface and port, and blocking calls
 * for the training or evaluation thread. A call gives up when no worker has delivered anything for
 * {@code wait_seconds} (so a run never hangs silently without workers).
 */
public final class CoordinatorNode implements AutoCloseable {
  private final ActorSystem<Wire.ToCoordinator> system;
  private final ClusterSettings settings;
  final CoordinatorStats stats = new CoordinatorStats();
  private final PrintStream out;

  /**
   * Starts listening on {@code settings.host():settings.port()}; {@code setup} is what every worker
   * gets on admission.
   */
  public CoordinatorNode(ClusterSettings settings, byte[] setup, PrintStream out) {
    this.settings = settings;
    this.out = out;
    String seed = settings.host() + ":" + settings.port();
    try {
      system =
          ActorSystem.create(
              Coordinator.create(
                  settings.secret(),
                  setup,
                  settings.useStale(),
                  settings.maxStaleness(),
                  out,
                  stats),
              Nodes.SYSTEM,
              Nodes.config(
                  settings.host(),
                  settings.port(),
                  null,
                  settings.secret(),
                  settings.heartbeatPause(),
                  settings.pekkoConfig()));
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } catch (RuntimeException e) {
      throw new BadInputException(
          "cannot start the cluster coordinator on " + seed + ": " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) e = e.getCause();
    return e.getMessage();
  }

  /** "host:port" that workers join. */
  public String address() {
    return settings.host() + ":" + system.address().getPort().get();
  }

  public int workers() {
    return stats.workers();
  }

  /** Waits until at least {@code n} workers are admitted. */
  public void awaitWorkers(int n) {
    if (stats.workers() >= n) return;
    out.printf(
        "cluster: waiting for %d worker(s) on %s (./kinesis worker --join %s --secret-file …)%n",
        n, address(), address());
    long deadline = System.nanoTime() + (long) (settings.waitSeconds() * 1e9);
    while (stats.workers() < n) {
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(
            "no " + n + " worker(s) joined within " + settings.waitSeconds() + " s");
      sleep(100);
    }
  }

  List<Segment> publish(long version, byte[] policy, long globalStep, int need) {
    CompletableFuture<List<Segment>> done = new CompletableFuture<>();
    system.tell(new Coordinator.Publish(version, policy, globalStep, need, done));
    return await(done, "segments");
  }

  List<byte[]> evaluate(byte[] setup, List<byte[]> jobs) {
    CompletableFuture<List<byte[]>> done = new CompletableFuture<>();
    system.tell(new Coordinator.Evaluate(setup, jobs, done));
    return await(done, "evaluation results");
  }

  private <T> T await(CompletableFuture<T> f, String what) {
    stats.touch();
    while (true) {
      try {
        return f.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (stats.idleSeconds() > settings.waitSeconds()) {
          throw new IllegalStateException(
              "cluster: no worker delivered "
                  + what
                  + " for "
                  + settings.waitSeconds()
                  + " s ("
                  + stats.workers()
                  + " workers)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception ignored) {
      // best effort: the JVM may exit anyway
    }
  }
}
