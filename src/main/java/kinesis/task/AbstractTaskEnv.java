package kinesis.task;

import kinesis.body.BodyModel;
import kinesis.io.BadInputException;

/**
 * What every task environment keeps alike: its body in motion, its random stream, the last step's
 * reward, the reward terms' running sums and the count of episodes that became unstable.
 */
public abstract class AbstractTaskEnv implements TaskEnv {
  protected final MusclePhysics physics;
  protected final Rng rng = new Rng(0);
  protected final TermSums termSums;

  /** Reward of the last step. */
  protected double reward;

  /** Episodes ended because the simulation became unstable. */
  protected long instabilities;

  protected AbstractTaskEnv(MusclePhysics physics, int rewardTerms) {
    this.physics = physics;
    this.termSums = new TermSums(rewardTerms);
  }

  /**
   * The slot of the root among the tracked bodies: where a task that moves the root's reference to
   * its target (a goal, the ball) puts it.
   */
  protected static int rootSlot(BodyModel body) {
    for (int j = 0; j < body.trackedBodies.length; j++)
      if (body.trackedBodies[j] == body.rootBody) return j;
    throw new BadInputException(
        body.file, "the root body is not tracked, so it cannot carry the task's target");
  }

  @Override
  public Rng rng() {
    return rng;
  }

  @Override
  public double reward() {
    return reward;
  }

  @Override
  public long drainTerms(double[] sums) {
    return termSums.drainInto(sums);
  }

  /** NaN: the task follows no motion to its end (imitation overrides it). */
  @Override
  public float lastCoverage() {
    return Float.NaN;
  }

  @Override
  public long instabilities() {
    return instabilities;
  }

  @Override
  public MusclePhysics physics() {
    return physics;
  }
}
