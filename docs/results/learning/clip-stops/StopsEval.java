// Table I of a policy on the stops and starts that clip_stops adds (paper protocol, mean action):
//   java -cp target/classes:$(cat target/classpath.txt) --enable-native-access=ALL-UNNAMED \
//     -Dkinesis.mujoco.dir=... docs/results/learning/clip-stops/StopsEval.java POLICY
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.eval.ClipOutcome;
import kinesis.eval.EvalReport;
import kinesis.eval.Evaluator;
import kinesis.eval.Protocol;
import kinesis.motion.Clip;
import kinesis.nn.VecGemm;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ImitationVecEnv;

public class StopsEval {
  public static void main(String[] args) {
    PolicySpec spec = Policies.load(java.nio.file.Path.of(args[0]));
    try (BodyModel legs = BodyModel.load("legs")) {
      List<Clip> made =
          ImitationVecEnv.trainingClips(Map.of("clip_stops", "true"), legs).stream()
              .filter(c -> c.name().endsWith("-stop") || c.name().endsWith("-start"))
              .toList();
      List<ClipOutcome> out =
          Evaluator.run(
              legs,
              made,
              Protocol.PAPER.config(spec.env()),
              () -> spec.controller(new VecGemm(1), false),
              0,
              Runtime.getRuntime().availableProcessors());
      EvalReport r = new EvalReport(args[0], "stops and starts", Protocol.PAPER, false, List.of(0L), List.of(out));
      System.out.print(r.markdown());
      for (ClipOutcome o : out)
        System.out.printf(java.util.Locale.ROOT, "%s %.3f %d%n", o.clip(), o.coverage(), o.failureFrame());
    }
  }
}
