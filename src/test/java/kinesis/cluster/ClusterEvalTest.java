package kinesis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.eval.ClipOutcome;
import kinesis.eval.Evaluator;
import kinesis.eval.Protocol;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.nn.Precision;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import org.junit.jupiter.api.Test;

/**
 * Evaluation over two workers gives exactly the outcomes of one JVM (the shipped walking policy on
 * public clips).
 */
class ClusterEvalTest {
  @Test
  void evaluationOverWorkersEqualsOneJvm() {
    Path policy = Path.of(System.getProperty("kinesis.repo", ".")).resolve("policies/legs-walk");
    PolicySpec spec = Policies.load(policy);
    List<Clip> clips = ClipSet.open("public-locomotion", "legs").clips().subList(0, 4);
    List<ClipOutcome> here;
    try (BodyModel body = BodyModel.load("legs")) {
      here =
          Evaluator.run(
              body,
              clips,
              Protocol.PAPER.config(spec.env()),
              () -> spec.controller(new VecGemm(1), true, Precision.FLOAT32),
              3,
              2);
    }
    Secret secret = Secret.random();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<ClipOutcome> there;
    try (ClusterEval coordinator =
            new ClusterEval(
                new ClusterSettings(
                    "127.0.0.1", 0, secret, 0, true, 1, 2, 60, Loopback.HEARTBEAT, null),
                new PrintStream(log, true));
        Loopback lb = new Loopback()) {
      lb.start(coordinator.address(), secret, ClusterTrainingTest.POINT_MASS);
      lb.start(coordinator.address(), secret, ClusterTrainingTest.POINT_MASS);
      there =
          ClipJobs.run(
              coordinator,
              Policies.resolve(policy),
              "public-locomotion",
              "legs",
              Protocol.PAPER.config(spec.env()),
              true,
              Precision.FLOAT32,
              clips,
              3);
    }
    System.out.println(log);
    assertEquals(here, there);
  }
}
