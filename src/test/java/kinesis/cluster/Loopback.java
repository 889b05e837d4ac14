package kinesis.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import kinesis.rl.EnvFactory;

/** Workers in this JVM (each its own Pekko actor system on loopback) for cluster tests. */
final class Loopback implements AutoCloseable {
  static final double HEARTBEAT = 1.0;
  final List<WorkerNode> workers = new ArrayList<>();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(log, true);

  WorkerNode start(String join, Secret secret, EnvFactory factory) {
    WorkerNode w = new WorkerNode("127.0.0.1", join, secret, factory, 1, HEARTBEAT, out);
    workers.add(w);
    return w;
  }

  @Override
  public void close() {
    for (WorkerNode w : workers) w.close();
  }
}
