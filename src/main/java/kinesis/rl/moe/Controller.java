package kinesis.rl.moe;

/**
 * A frozen policy acting on one observation at a time (evaluation, play, benchmarks). Not
 * thread-safe: every thread makes its own from a {@link PolicySpec}.
 */
public interface Controller {
  int obsDim();

  int actionDim();

  /** Writes the action for one observation (an expert's mean; a mixture's chosen expert's mean). */
  void act(float[] obs, float[] action);

  /**
   * Starts a new episode: restarts the random stream (expert sampling of a mixture) and forgets the
   * current expert; nothing for a single expert.
   */
  default void reseed(long seed) {}

  /** Expert used by the last {@link #act} (0 for a single policy). */
  default int lastExpert() {
    return 0;
  }

  /**
   * This controller, also handing every observation and the action chosen for it to {@code seen}
   * (the arrays are reused: copy what you keep).
   */
  default Controller observed(java.util.function.BiConsumer<float[], float[]> seen) {
    Controller inner = this;
    return new Controller() {
      @Override
      public int obsDim() {
        return inner.obsDim();
      }

      @Override
      public int actionDim() {
        return inner.actionDim();
      }

      @Override
      public void act(float[] obs, float[] action) {
        inner.act(obs, action);
        seen.accept(obs, action);
      }

      @Override
      public void reseed(long seed) {
        inner.reseed(seed);
      }

      @Override
      public int lastExpert() {
        return inner.lastExpert();
      }

      @Override
      public boolean stochastic() {
        return inner.stochastic();
      }
    };
  }

  /** True when acting uses randomness (so repeated evaluations can differ). */
  default boolean stochastic() {
    return false;
  }
}
