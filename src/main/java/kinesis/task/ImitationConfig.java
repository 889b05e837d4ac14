package kinesis.task;

/**
 * Settings of the imitation environment (kinesis-reference.md §3).
 *
 * @param control             how actions become excitations (KINESIS ships PD)
 * @param reward              reward sharpness and weights
 * @param terminationDistance metres between a tracked body and its reference that end an episode
 * @param meanTermination     compare the mean distance over tracked bodies (evaluation) instead of the largest (training)
 * @param randomStart         training: random clip and random start frame; otherwise (evaluation) environment
 *                            i plays clips i, i + N, i + 2N, … from frame 0
 */
public record ImitationConfig(ControlMode control, RewardConfig reward, double terminationDistance,
    boolean meanTermination, boolean randomStart) {

  public ImitationConfig {
    if (!(terminationDistance > 0)) throw new IllegalArgumentException("termination distance must be positive");
  }

  /** Training settings of KINESIS: any body farther than 0.15 m terminates; random starts. */
  public static ImitationConfig training(ControlMode control) {
    return new ImitationConfig(control, RewardConfig.kinesis(), 0.15, false, true);
  }

  /** Evaluation protocol: mean distance above 0.5 m terminates; every clip from frame 0. */
  public static ImitationConfig evaluation(ControlMode control) {
    return new ImitationConfig(control, RewardConfig.kinesis(), 0.5, true, false);
  }

  public ImitationConfig withControl(ControlMode c) {
    return new ImitationConfig(c, reward, terminationDistance, meanTermination, randomStart);
  }
}
