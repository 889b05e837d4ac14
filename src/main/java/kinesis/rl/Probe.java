package kinesis.rl;

import java.util.List;
import java.util.Map;
import kinesis.nn.Actor;

/**
 * Extra metrics measured on the current policy every few iterations of a run (for example the mean
 * action played on a clip from its first frame) and logged beside the training metrics; NaN on the
 * iterations in between. A probe must not touch the trainer's random streams, so a resumed run
 * stays bit-exact.
 */
public interface Probe extends AutoCloseable {
  /** Metric names, in a fixed order (e.g. {@code eval/coverage_train}). */
  List<String> names();

  /** Iterations between measurements. */
  int every();

  /**
   * The metrics of {@code actor} (a policy, or a mixture's gate over its experts; its weights and
   * normaliser as they are now).
   */
  Map<String, Double> measure(Actor actor);

  @Override
  default void close() {}
}
