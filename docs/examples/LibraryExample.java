import java.nio.file.Path;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.motion.ClipSet;
import kinesis.rl.moe.Controller;
import kinesis.rl.moe.Policies;
import kinesis.rl.moe.PolicySpec;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;
import kinesis.task.ImitationEpisode;

/**
 * A program outside this project using KINESIS as a library: load a model, open a clip, load a
 * trained policy and let it act for one second. Usage: java … LibraryExample POLICY_DIR
 */
public class LibraryExample {
  public static void main(String[] args) {
    PolicySpec policy = Policies.load(Path.of(args[0]));
    Controller controller = policy.controller();
    try (BodyModel body = BodyModel.load("legs")) {
      Clip clip = ClipSet.open("public-locomotion", "legs").get("dataset-1_walk_normal_001");
      try (ImitationEpisode episode = new ImitationEpisode(body, clip, ImitationConfig.evaluation(ControlMode.DIRECT))) {
        float[] obs = new float[episode.obsDim()], action = new float[controller.actionDim()];
        episode.start(obs);
        for (int step = 0; step < 30; step++) {
          controller.act(obs, action);
          if (episode.step(action, obs) != ImitationEpisode.Outcome.CONTINUE) break;
        }
        System.out.printf("%s: %d muscles, %d steps, tracking error %.3f m%n", body.variant.name(), body.muscleCount(),
            episode.steps(), episode.meanDistance());
      }
    }
  }
}
