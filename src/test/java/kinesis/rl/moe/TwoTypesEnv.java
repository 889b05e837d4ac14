package kinesis.rl.moe;

import java.nio.ByteBuffer;
import kinesis.nn.Rng;
import kinesis.task.VecEnv;

/**
 * Episodes of 4 steps of one of two types, shown in the observation ([1, 0] or [0, 1]); the reward
 * is +a on type 0 and −a on type 1, so expert A (a = +1) is right on type 0 and B (a = −1) on type
 * 1. Saves its whole state, so a resumed run continues exactly.
 */
public class TwoTypesEnv implements VecEnv {
  final int n;
  final int[] type, t;
  final Rng rng = new Rng(3);

  public TwoTypesEnv(int n) {
    this.n = n;
    type = new int[n];
    t = new int[n];
  }

  @Override
  public int numEnvs() {
    return n;
  }

  @Override
  public int obsDim() {
    return 2;
  }

  @Override
  public int actionDim() {
    return 1;
  }

  private void begin(int e, float[] obs) {
    type[e] = rng.nextInt(2);
    t[e] = 0;
    obs[2 * e] = type[e] == 0 ? 1 : 0;
    obs[2 * e + 1] = type[e] == 1 ? 1 : 0;
  }

  @Override
  public void reset(long seed, float[] obs) {
    for (int e = 0; e < n; e++) begin(e, obs);
  }

  @Override
  public void step(
      float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
    for (int e = 0; e < n; e++) {
      rewards[e] = (type[e] == 0 ? 1 : -1) * actions[e];
      done[e] = ++t[e] == 4;
      terminal[e] = false;
      if (done[e]) begin(e, obs);
    }
  }

  @Override
  public byte[] saveState() {
    ByteBuffer b = ByteBuffer.allocate(32 + 8 * n);
    for (long s : rng.state()) b.putLong(s);
    for (int e = 0; e < n; e++) b.putInt(type[e]).putInt(t[e]);
    return b.array();
  }

  @Override
  public void loadState(byte[] state) {
    ByteBuffer b = ByteBuffer.wrap(state);
    long[] s = new long[4];
    for (int i = 0; i < 4; i++) s[i] = b.getLong();
    rng.setState(s);
    for (int e = 0; e < n; e++) {
      type[e] = b.getInt();
      t[e] = b.getInt();
    }
  }

  @Override
  public void close() {}
}
