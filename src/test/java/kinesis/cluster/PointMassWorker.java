package kinesis.cluster;

import java.nio.file.Path;
import kinesis.rl.EnvFactory;
import kinesis.rl.PointMassEnv;

/**
 * A worker JVM for the point-mass task, started by tests as a separate process (so it can be killed
 * with SIGKILL): {@code PointMassWorker JOIN SECRET_FILE STEP_DELAY_MS}. Each step of its
 * environments sleeps the delay, so a segment is in flight for most of its life.
 */
public final class PointMassWorker {
  private PointMassWorker() {}

  /** Point-mass environments whose steps take at least {@code delayMs}. */
  static EnvFactory slow(long delayMs) {
    return (o, n, s) ->
        new PointMassEnv(n) {
          @Override
          public void step(
              float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
            try {
              Thread.sleep(delayMs);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.step(actions, obs, rewards, done, terminal);
          }
        };
  }

  public static void main(String[] args) {
    WorkerNode node =
        new WorkerNode(
            "127.0.0.1",
            args[0],
            Secret.read(Path.of(args[1])),
            slow(Long.parseLong(args[2])),
            1,
            Loopback.HEARTBEAT,
            System.out);
    System.out.println("ended: " + node.await());
    System.exit(0);
  }
}
