package kinesis.rl;

import java.util.Map;
import kinesis.task.ImitationVecEnv;
import kinesis.task.VecEnv;

/** Creates the environments of a run from its saved options, so {@code --resume} can rebuild them. */
@FunctionalInterface
public interface EnvFactory {
  VecEnv create(Map<String, String> options, int numEnvs, long seed);

  /** The imitation task ({@link ImitationVecEnv#forTraining}). */
  static EnvFactory imitation() {
    return (options, numEnvs, seed) -> ImitationVecEnv.forTraining(options, numEnvs);
  }
}
