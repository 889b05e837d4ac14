package kinesis.cluster;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.Invalid;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import org.apache.pekko.cluster.Valid$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Pekko's join check (configured under {@code pekko.cluster.configuration-compatibility-check}): a
 * node whose {@code kinesis.cluster.join-token} differs from the cluster's, that is, one that does
 * not know the shared secret, is refused membership and shuts down.
 */
public final class JoinToken extends JoinConfigCompatChecker {
  static final String KEY = "kinesis.cluster.join-token";

  @Override
  public scala.collection.immutable.Seq<String> requiredKeys() {
    return CollectionConverters.asScala(List.of(KEY)).toList();
  }

  @Override
  public ConfigValidation check(Config toCheck, Config actual) {
    boolean same =
        toCheck.hasPath(KEY)
            && actual.hasPath(KEY)
            && MessageDigest.isEqual(
                toCheck.getString(KEY).getBytes(StandardCharsets.UTF_8),
                actual.getString(KEY).getBytes(StandardCharsets.UTF_8));
    if (same) return Valid$.MODULE$;
    return new Invalid(
        CollectionConverters.asScala(
                List.of("the joining node does not hold this cluster's secret"))
            .toList());
  }
}
