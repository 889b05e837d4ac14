package kinesis.task;

import java.util.List;
import java.util.Map;

/** A {@link VecEnv} that also closes resources it depends on (e.g. the body model) when closed. */
public record ClosingVecEnv(VecEnv env, AutoCloseable owned) implements VecEnv {
  @Override
  public int numEnvs() {
    return env.numEnvs();
  }

  @Override
  public int obsDim() {
    return env.obsDim();
  }

  @Override
  public int actionDim() {
    return env.actionDim();
  }

  @Override
  public void reset(long seed, float[] obs) {
    env.reset(seed, obs);
  }

  @Override
  public void step(
      float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
    env.step(actions, obs, rewards, done, terminal);
  }

  @Override
  public List<String> metricNames() {
    return env.metricNames();
  }

  @Override
  public Map<String, Double> drainMetrics() {
    return env.drainMetrics();
  }

  @Override
  public Symmetry symmetry() {
    return env.symmetry();
  }

  @Override
  public void setProgress(long samples) {
    env.setProgress(samples);
  }

  @Override
  public ObsLayout observationLayout() {
    return env.observationLayout();
  }

  @Override
  public long unstableEpisodes() {
    return env.unstableEpisodes();
  }

  @Override
  public float episodeCoverage(int i) {
    return env.episodeCoverage(i);
  }

  @Override
  public List<String> stateSettings() {
    return env.stateSettings();
  }

  @Override
  public byte[] saveState() {
    return env.saveState();
  }

  @Override
  public void loadState(byte[] state) {
    env.loadState(state);
  }

  /** Closes the environment, then what it depends on; a failure of the first is not masked. */
  @Override
  public void close() {
    try {
      env.close();
    } catch (RuntimeException | Error e) {
      closeOwned(e);
      throw e;
    }
    closeOwned(null);
  }

  private void closeOwned(Throwable pending) {
    try {
      owned.close();
    } catch (Exception e) {
      if (pending == null) throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      pending.addSuppressed(e);
    }
  }
}
