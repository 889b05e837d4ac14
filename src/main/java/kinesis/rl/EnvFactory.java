package kinesis.rl;

import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.task.ImitationVecEnv;
import kinesis.task.VecEnv;
import kinesis.task.kick.KickVecEnv;
import kinesis.task.reach.ReachVecEnv;

/**
 * Creates the environments of a run from its saved options, so {@code --resume} can rebuild them.
 */
@FunctionalInterface
public interface EnvFactory {
  VecEnv create(Map<String, String> options, int numEnvs, long seed);

  /**
   * The task named by the run's {@code task} option: {@code imitation} (the default), {@code reach}
   * or {@code kick}.
   */
  static EnvFactory tasks() {
    return (options, numEnvs, seed) ->
        switch (options.getOrDefault("task", "imitation")) {
          case "imitation" -> ImitationVecEnv.forTraining(options, numEnvs);
          case "reach" -> ReachVecEnv.forTraining(options, numEnvs);
          case "kick" -> KickVecEnv.forTraining(options, numEnvs);
          default ->
              throw new BadInputException(
                  "unknown task '" + options.get("task") + "' (known: imitation, reach, kick)");
        };
  }
}
