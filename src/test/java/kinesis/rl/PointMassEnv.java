package kinesis.rl;

import java.nio.ByteBuffer;
import kinesis.nn.Rng;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;
import kinesis.task.VecEnv;

/**
 * A small MuJoCo task for learning tests: a 1 kg point mass on two damped slide joints, pushed by
 * two motors (actions clipped to [−1, 1]), must reach a random target in [−0.5, 0.5]². Observation
 * (4): target offset and velocity; reward −distance per step; 40 steps (2 s) then truncation;
 * leaving the 2 m box terminates. Deterministic for a seed; saves and restores its full state.
 */
public class PointMassEnv implements VecEnv {
  static final String XML =
      """
      <mujoco model="pointmass">
        <option timestep="0.01" gravity="0 0 0"/>
        <worldbody>
          <body name="mass">
            <joint name="x" type="slide" axis="1 0 0" damping="1"/>
            <joint name="y" type="slide" axis="0 1 0" damping="1"/>
            <geom type="sphere" size="0.05" mass="1" contype="0" conaffinity="0"/>
          </body>
        </worldbody>
        <actuator>
          <motor joint="x" ctrlrange="-1 1" ctrllimited="true"/>
          <motor joint="y" ctrlrange="-1 1" ctrllimited="true"/>
        </actuator>
      </mujoco>
      """;
  static final int SUBSTEPS = 5, HORIZON = 40;

  private final SimModel model;
  private final SimData[] data;
  private final double[][] target;
  private final int[] t;
  private final Rng[] rng;
  private final double[] distSum = new double[1];
  private long stepCount;

  public PointMassEnv(int n) {
    model = SimModel.fromXml(XML);
    data = new SimData[n];
    target = new double[n][2];
    t = new int[n];
    rng = new Rng[n];
    for (int e = 0; e < n; e++) data[e] = model.makeData();
  }

  @Override
  public int numEnvs() {
    return data.length;
  }

  @Override
  public int obsDim() {
    return 4;
  }

  /** Mirror through the y axis: x components of offset, velocity and action change sign. */
  @Override
  public kinesis.task.Symmetry symmetry() {
    return new kinesis.task.Symmetry() {
      @Override
      public void mirrorObservations(float[] src, int row, float[] dst, int rows) {
        kinesis.task.Symmetry.permute(
            new int[] {0, 1, 2, 3}, new float[] {-1, 1, -1, 1}, src, row, dst, rows);
      }

      @Override
      public void mirrorActions(float[] src, int row, float[] dst, int rows) {
        kinesis.task.Symmetry.permute(new int[] {0, 1}, new float[] {-1, 1}, src, row, dst, rows);
      }
    };
  }

  @Override
  public int actionDim() {
    return 2;
  }

  @Override
  public void reset(long seed, float[] obs) {
    for (int e = 0; e < data.length; e++) {
      rng[e] = new Rng(seed * 1000 + e);
      resetOne(e);
      observe(e, obs);
    }
  }

  private void resetOne(int e) {
    data[e].reset();
    target[e][0] = rng[e].uniform(-0.5, 0.5);
    target[e][1] = rng[e].uniform(-0.5, 0.5);
    t[e] = 0;
    data[e].forward();
  }

  private void observe(int e, float[] obs) {
    SimData d = data[e];
    obs[e * 4] = (float) (d.qpos.get(0) - target[e][0]);
    obs[e * 4 + 1] = (float) (d.qpos.get(1) - target[e][1]);
    obs[e * 4 + 2] = (float) d.qvel.get(0);
    obs[e * 4 + 3] = (float) d.qvel.get(1);
  }

  @Override
  public void step(
      float[] actions, float[] obs, float[] rewards, boolean[] done, boolean[] terminal) {
    for (int e = 0; e < data.length; e++) {
      SimData d = data[e];
      d.ctrl.set(0, Math.max(-1, Math.min(1, actions[e * 2])));
      d.ctrl.set(1, Math.max(-1, Math.min(1, actions[e * 2 + 1])));
      for (int s = 0; s < SUBSTEPS; s++) d.step();
      double dx = d.qpos.get(0) - target[e][0], dy = d.qpos.get(1) - target[e][1];
      double dist = Math.hypot(dx, dy);
      rewards[e] = (float) -dist;
      distSum[0] += -dist;
      stepCount++;
      t[e]++;
      boolean out = Math.abs(d.qpos.get(0)) > 2 || Math.abs(d.qpos.get(1)) > 2;
      terminal[e] = out;
      done[e] = out || t[e] >= HORIZON;
      if (done[e]) resetOne(e);
      observe(e, obs);
    }
  }

  @Override
  public java.util.List<String> metricNames() {
    return java.util.List.of("reward/distance");
  }

  @Override
  public java.util.Map<String, Double> drainMetrics() {
    double mean = stepCount > 0 ? distSum[0] / stepCount : Double.NaN;
    distSum[0] = 0;
    stepCount = 0;
    return java.util.Map.of("reward/distance", mean);
  }

  @Override
  public byte[] saveState() {
    int stateLen = data[0].stateSize(SimData.STATE_INTEGRATION);
    ByteBuffer bb = ByteBuffer.allocate(data.length * (8 * stateLen + 16 + 4 + 32) + 16);
    for (int e = 0; e < data.length; e++) {
      for (double v : data[e].getState()) bb.putDouble(v);
      bb.putDouble(target[e][0]).putDouble(target[e][1]).putInt(t[e]);
      for (long s : rng[e] == null ? new long[4] : rng[e].state()) bb.putLong(s);
    }
    bb.putDouble(distSum[0]).putLong(stepCount);
    return bb.array();
  }

  @Override
  public void loadState(byte[] state) {
    ByteBuffer bb = ByteBuffer.wrap(state);
    int stateLen = data[0].stateSize(SimData.STATE_INTEGRATION);
    for (int e = 0; e < data.length; e++) {
      double[] s = new double[stateLen];
      for (int i = 0; i < stateLen; i++) s[i] = bb.getDouble();
      data[e].setState(s);
      data[e].forward();
      target[e][0] = bb.getDouble();
      target[e][1] = bb.getDouble();
      t[e] = bb.getInt();
      long[] r = new long[4];
      for (int i = 0; i < 4; i++) r[i] = bb.getLong();
      rng[e] = new Rng(0);
      rng[e].setState(r);
    }
    distSum[0] = bb.getDouble();
    stepCount = bb.getLong();
  }

  @Override
  public void close() {
    for (SimData d : data) d.close();
    model.close();
  }
}
