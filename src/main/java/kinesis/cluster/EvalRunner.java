package kinesis.cluster;

import java.nio.file.Path;
import kinesis.body.BodyModel;
import kinesis.eval.ClipOutcome;
import kinesis.eval.Evaluator;
import kinesis.eval.Protocol;
import kinesis.motion.ClipSet;
import kinesis.nn.Precision;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ImitationConfig;

/** A worker's evaluation state: the policy, model and clip set of one {@link EvalSetup}; one controller per thread. */
final class EvalRunner implements AutoCloseable {
  private final Path policyDir;
  private final PolicySpec spec;
  private final BodyModel body;
  private final ClipSet clips;
  private final ImitationConfig cfg;
  private final ThreadLocal<Controller> controllers;

  EvalRunner(EvalSetup setup) {
    policyDir = setup.writePolicy();
    try {
      spec = Policies.load(policyDir);
      clips = ClipSet.open(setup.motions(), setup.model());
      cfg = Protocol.parse(setup.protocol()).config(spec.env());
      Precision precision = Precision.parse(setup.precision());
      controllers = ThreadLocal.withInitial(() -> spec.controller(new VecGemm(1), setup.argmax(), precision));
      body = BodyModel.load(setup.model());
    } catch (RuntimeException e) {
      EvalSetup.delete(policyDir);
      throw e;
    }
  }

  /** The job's clip, seeded by its index as one JVM seeds it. */
  ClipOutcome run(EvalJob job) {
    return Evaluator.clip(body, clips.get(job.clip()), job.index(), cfg, controllers.get(), job.seed());
  }

  @Override
  public void close() {
    body.close();
    EvalSetup.delete(policyDir);
  }
}
