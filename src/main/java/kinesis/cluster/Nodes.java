package kinesis.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Pekko configuration of a node: Artery TCP on one interface, the join check, our serialiser,
 * quiet logs.
 */
final class Nodes {
  static final String SYSTEM = "kinesis";

  private Nodes() {}

  /**
   * @param host interface to bind and announce (nothing else is listened on)
   * @param port 0 for any free port
   * @param seed "host:port" of the coordinator, or null for the coordinator itself (it then joins
   *     itself)
   * @param heartbeat seconds of silence before a node counts as unreachable
   * @param extra optional HOCON file merged on top (TLS and the like), or null
   */
  static Config config(
      String host, int port, String seed, Secret secret, double heartbeat, Path extra) {
    String text =
        String.format(
            Locale.ROOT,
            """
        pekko {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor.provider = cluster
          actor.serializers.kinesis = "kinesis.cluster.WireSerializer"
          actor.serialization-bindings { "kinesis.cluster.Wire$Message" = kinesis }
          remote.artery {
            transport = tcp
            canonical.port = %d
          }
          remote.warn-unsafe-watch-outside-cluster = off
          cluster {
            jmx.enabled = off
            log-info = off
            configuration-compatibility-check.checkers.kinesis = "kinesis.cluster.JoinToken"
            failure-detector.acceptable-heartbeat-pause = %dms
            failure-detector.heartbeat-interval = %dms
            unreachable-nodes-reaper-interval = 250ms
            shutdown-after-unsuccessful-join-seed-nodes = 120s
          }
          coordinated-shutdown.exit-jvm = off
        }
        """,
            port,
            Math.round(heartbeat * 1000),
            Math.max(100, Math.round(heartbeat * 250)));
    Config c =
        ConfigFactory.parseString(text)
            .withValue(
                "pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
            .withValue("pekko.remote.artery.bind.hostname", ConfigValueFactory.fromAnyRef(host))
            .withValue(
                "pekko.cluster.seed-nodes",
                ConfigValueFactory.fromIterable(
                    seed == null ? List.of() : List.of("pekko://" + SYSTEM + "@" + seed)))
            .withValue(JoinToken.KEY, ConfigValueFactory.fromAnyRef(secret.joinToken()));
    if (extra != null) c = ConfigFactory.parseFile(extra.toFile()).withFallback(c);
    return c.withFallback(ConfigFactory.defaultReference());
  }
}
