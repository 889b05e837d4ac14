package kinesis.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kinesis.io.BadInputException;

/**
 * The coordinator's side of a cluster run, from the YAML file of {@code --cluster CONFIG} (or
 * {@code KINESIS_CLUSTER}):
 *
 * <pre>
 *   host: 127.0.0.1          # the interface to bind and announce (only this one is listened on)
 *   port: 25520
 *   secret_file: cluster.secret   # relative to this file; every worker reads the same secret
 *   segment_envs: 0          # environments per worker segment; 0: num_envs / 4 (must divide num_envs)
 *   stale: use               # segments from an older policy: use (with their own log-probabilities) or drop
 *   max_staleness: 1         # policy versions a used segment may lag; older ones are always dropped
 *   min_workers: 1           # workers to wait for before starting
 *   wait_seconds: 600        # give up when no worker has delivered for this long
 *   heartbeat_pause_s: 3     # silence after which a worker counts as gone (Pekko failure detector)
 *   pekko_config: extra.conf # optional HOCON merged on top (e.g. TLS: pekko.remote.artery.transport = tls-tcp …)
 * </pre>
 */
public record ClusterSettings(
    String host,
    int port,
    Secret secret,
    int segmentEnvs,
    boolean useStale,
    int maxStaleness,
    int minWorkers,
    double waitSeconds,
    double heartbeatPause,
    Path pekkoConfig) {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> KEYS =
      Set.of(
          "host",
          "port",
          "secret_file",
          "segment_envs",
          "stale",
          "max_staleness",
          "min_workers",
          "wait_seconds",
          "heartbeat_pause_s",
          "pekko_config");

  /** Settings on loopback with a given secret (benchmarks and tests). */
  public static ClusterSettings local(Secret secret, int port) {
    return new ClusterSettings("127.0.0.1", port, secret, 0, true, 1, 1, 600, 3, null);
  }

  public ClusterSettings with(
      int segmentEnvs, boolean useStale, int minWorkers, double heartbeatPause) {
    return new ClusterSettings(
        host,
        port,
        secret,
        segmentEnvs,
        useStale,
        maxStaleness,
        minWorkers,
        waitSeconds,
        heartbeatPause,
        pekkoConfig);
  }

  public static ClusterSettings read(Path file) {
    Map<String, Object> m;
    try {
      if (!Files.isRegularFile(file)) throw new BadInputException(file, "no such cluster config");
      Object o = YAML.readValue(file.toFile(), Object.class);
      if (!(o instanceof Map<?, ?> map))
        throw new BadInputException(file, "expected a mapping of cluster settings");
      m = new LinkedHashMap<>();
      map.forEach((k, v) -> m.put(String.valueOf(k), v));
    } catch (IOException e) {
      throw new BadInputException(
          file, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    for (String k : m.keySet())
      if (!KEYS.contains(k))
        throw new BadInputException(
            file,
            "unknown cluster setting '"
                + k
                + "' (known: "
                + String.join(", ", new java.util.TreeSet<>(KEYS))
                + ")");
    Path dir = file.toAbsolutePath().getParent();
    if (!m.containsKey("secret_file"))
      throw new BadInputException(
          file, "secret_file is required: a file with the shared secret every worker reads too");
    Secret secret = Secret.read(dir.resolve(String.valueOf(m.get("secret_file"))));
    String stale = String.valueOf(m.getOrDefault("stale", "use")).toLowerCase(Locale.ROOT);
    if (!stale.equals("use") && !stale.equals("drop"))
      throw new BadInputException(file, "stale must be use or drop, not '" + stale + "'");
    int port = integer(file, m, "port", 25520, 0);
    if (port > 65535) throw new BadInputException(file, "port must be at most 65535");
    Path extra =
        m.containsKey("pekko_config") ? dir.resolve(String.valueOf(m.get("pekko_config"))) : null;
    if (extra != null && !Files.isRegularFile(extra))
      throw new BadInputException(extra, "no such Pekko config file");
    return new ClusterSettings(
        String.valueOf(m.getOrDefault("host", "127.0.0.1")),
        port,
        secret,
        integer(file, m, "segment_envs", 0, 0),
        stale.equals("use"),
        integer(file, m, "max_staleness", 1, 0),
        integer(file, m, "min_workers", 1, 1),
        number(file, m, "wait_seconds", 600),
        number(file, m, "heartbeat_pause_s", 3),
        extra);
  }

  /** Environments per segment for a run of {@code numEnvs}: the setting, or a quarter of them. */
  public int segmentEnvs(int numEnvs) {
    int e =
        segmentEnvs > 0
            ? segmentEnvs
            : numEnvs % 4 == 0 ? numEnvs / 4 : numEnvs % 2 == 0 ? numEnvs / 2 : numEnvs;
    if (numEnvs % e != 0)
      throw new BadInputException("segment_envs " + e + " does not divide num_envs " + numEnvs);
    return e;
  }

  private static int integer(Path file, Map<String, Object> m, String key, int dflt, int min) {
    Object v = m.getOrDefault(key, dflt);
    if (!(v instanceof Integer i) || i < min)
      throw new BadInputException(
          file, key + " must be a whole number ≥ " + min + ", not '" + v + "'");
    return i;
  }

  private static double number(Path file, Map<String, Object> m, String key, double dflt) {
    Object v = m.getOrDefault(key, dflt);
    if (!(v instanceof Number n) || !(n.doubleValue() > 0))
      throw new BadInputException(file, key + " must be a positive number, not '" + v + "'");
    return n.doubleValue();
  }
}
