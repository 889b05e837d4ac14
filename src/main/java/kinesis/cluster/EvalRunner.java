package kinesis.cluster;

import java.nio.file.Path;
import kinesis.nn.Precision;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;

/**
 * A worker's evaluation state: the policy of one {@link EvalSetup} (one controller per thread) and
 * its kind's runner.
 */
final class EvalRunner implements AutoCloseable {
  private final Path policyDir;
  private final Jobs<?> jobs;
  private final ThreadLocal<Controller> controllers;

  /** A kind with its opened runner, kept together so results are written in the kind's layout. */
  private record Jobs<R>(JobKind<R> kind, JobKind.Runner<R> runner) {
    byte[] run(Controller c, EvalJob job) {
      return EvalJob.encodeResult(
          job.job(), kind, runner.run(c, job.item(), job.index(), job.seed()));
    }
  }

  EvalRunner(EvalSetup setup) {
    policyDir = setup.writePolicy();
    try {
      PolicySpec spec = Policies.load(policyDir);
      Precision precision = Precision.parse(setup.precision());
      controllers =
          ThreadLocal.withInitial(() -> spec.controller(new VecGemm(1), setup.argmax(), precision));
      jobs = open(JobKind.named(setup.kind()), setup);
    } catch (RuntimeException e) {
      EvalSetup.delete(policyDir);
      throw e;
    }
  }

  private static <R> Jobs<R> open(JobKind<R> kind, EvalSetup setup) {
    return new Jobs<>(kind, kind.open(setup.settings()));
  }

  /**
   * The job's result payload (job number and outcome), the job seeded by its index as one JVM seeds
   * it.
   */
  byte[] run(EvalJob job) {
    return jobs.run(controllers.get(), job);
  }

  @Override
  public void close() {
    jobs.runner().close();
    EvalSetup.delete(policyDir);
  }
}
