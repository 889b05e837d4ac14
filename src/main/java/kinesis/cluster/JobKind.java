package kinesis.cluster;

import java.util.List;
import java.util.Map;
import kinesis.rl.moe.Controller;

/**
 * One kind of evaluation job that workers run: clips ({@code eval}, {@code mine}'s failure search),
 * goal-reaching trials ({@code reach eval}). Job i of a setup is an item (a clip name, or empty for
 * trials), its index i and the run seed; the kind seeds it by i exactly as its one-JVM evaluator
 * does, so results do not depend on which worker runs it. A new task's evaluation with the same
 * trial structure (e.g. {@code kick eval}) plugs in with one class like {@link ReachJobs}: its
 * settings map, a worker-side {@link Runner}, a result layout, a public entry point calling {@link
 * ClusterEval#run}, and one entry in {@link #ALL}.
 *
 * @param <R> the outcome of one job
 */
interface JobKind<R> {
  /** The name a setup carries to workers. */
  String name();

  /**
   * Worker side: what the jobs of one setup share (model, clips, task settings), opened once per
   * setup.
   */
  Runner<R> open(Map<String, String> settings);

  void write(Bytes.Out out, R result);

  R read(Bytes.In in);

  /** Runs jobs of one setup; called from several threads, each with its own controller. */
  interface Runner<R> extends AutoCloseable {
    R run(Controller c, String item, int index, long seed);

    @Override
    void close();
  }

  /** Every kind a worker can run. */
  List<JobKind<?>> ALL = List.of(ClipJobs.KIND, ReachJobs.KIND, KickJobs.KIND);

  static JobKind<?> named(String name) {
    for (JobKind<?> k : ALL) if (k.name().equals(name)) return k;
    throw new IllegalArgumentException("unknown evaluation job kind '" + name + "'");
  }
}
