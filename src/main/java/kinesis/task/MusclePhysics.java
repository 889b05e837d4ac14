package kinesis.task;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import kinesis.body.BodyModel;
import kinesis.body.Catalogue;
import kinesis.sim.SimData;

/**
 * The body of one environment in motion, shared by every task: its own {@link SimData} over the
 * shared model, one action of muscle control (direct or PD, §3.5) over the physics substeps, and
 * the {@link BodyState} captured after it. Allocates nothing per action.
 */
public final class MusclePhysics implements AutoCloseable {
  public final SimData d;
  public final BodyState state;
  private final MuscleControl muscles;
  private final ControlMode control;
  private final double kEnergy;
  private final int nu, substeps;
  private final double[] action, target, ctrl, len, vel;

  /**
   * Nanoseconds spent inside {@code mj_step} (two clock reads per substep, negligible next to the
   * step).
   */
  public long physicsNanos;

  /** Actions refused because they held a NaN (each ends its episode as unstable). */
  public long nanActions;

  public MusclePhysics(BodyModel body, MuscleControl muscles, ControlMode control, double kEnergy) {
    this(body, muscles, control, kEnergy, Catalogue.SUBSTEPS);
  }

  /**
   * With {@code substeps} physics steps per action (the kick can run finer physics under the same
   * 30 Hz control).
   */
  public MusclePhysics(
      BodyModel body, MuscleControl muscles, ControlMode control, double kEnergy, int substeps) {
    if (substeps < 1)
      throw new IllegalArgumentException("substeps must be at least 1: " + substeps);
    this.substeps = substeps;
    this.muscles = muscles;
    this.control = control;
    this.kEnergy = kEnergy;
    nu = body.sim.nu;
    action = new double[nu];
    target = new double[nu];
    ctrl = new double[nu];
    len = new double[nu];
    vel = new double[nu];
    state = new BodyState(body);
    d = body.sim.makeData();
  }

  /**
   * Runs one action (unclipped policy output at {@code actions[off..]}); {@code beforeSubstep},
   * when not null, runs before each {@code mj_step} (external forces). Returns the energy term
   * (mean over substeps under PD), or NaN when the simulation became unstable or the action held a
   * NaN (not applied; counted in {@link #nanActions}).
   */
  public double act(float[] actions, int off, Runnable beforeSubstep) {
    for (int i = 0; i < nu; i++) {
      float a = actions[off + i];
      if (Float.isNaN(a)) return refuseNaN();
      action[i] = MuscleControl.clipAction(a);
    }
    return simulate(beforeSubstep);
  }

  /** {@link #act} for a double-precision action (tests against reference numbers). */
  public double act(double[] actions, Runnable beforeSubstep) {
    for (int i = 0; i < nu; i++) {
      if (Double.isNaN(actions[i])) return refuseNaN();
      action[i] = MuscleControl.clipAction(actions[i]);
    }
    return simulate(beforeSubstep);
  }

  private double refuseNaN() {
    nanActions++;
    return Double.NaN;
  }

  private double simulate(Runnable beforeSubstep) {
    double energy = 0;
    boolean pd = control == ControlMode.PD;
    if (pd) {
      muscles.pdTargets(action, target);
    } else {
      muscles.direct(action, ctrl);
      d.ctrl.copyFrom(ctrl, 0);
    }
    for (int s = 0; s < substeps; s++) {
      if (pd) {
        d.actuatorLength.copyTo(len, 0);
        d.actuatorVelocity.copyTo(vel, 0);
        muscles.pd(target, len, vel, ctrl);
        d.ctrl.copyFrom(ctrl, 0);
        energy += Rewards.energy(ctrl, nu, kEnergy);
      }
      if (beforeSubstep != null) beforeSubstep.run();
      long t0 = System.nanoTime();
      d.step();
      physicsNanos += System.nanoTime() - t0;
    }
    if (d.unstable()) return Double.NaN;
    capture(false);
    return pd ? energy / substeps : Rewards.energy(ctrl, nu, kEnergy);
  }

  /**
   * Captures velocities and touch as left by the last substep, then positions after {@code
   * mj_kinematics} ({@code forward}: a state just set, where {@code mj_forward} computes both).
   */
  public void capture(boolean forward) {
    if (forward) d.forward();
    state.captureVelocities(d);
    if (!forward) d.kinematics();
    state.capturePositions(d);
  }

  /**
   * Writes the simulation state and the actuator values the PD law of the next first substep reads.
   */
  public void save(DataOutputStream out) throws IOException {
    writeDoubles(out, d.getState());
    writeDoubles(out, d.actuatorLength.toArray());
    writeDoubles(out, d.actuatorVelocity.toArray());
  }

  /**
   * Restores what {@link #save} wrote (positions and velocities recomputed, actuator values as
   * saved).
   */
  public void load(DataInputStream in) throws IOException {
    double[] sim = readDoubles(in, d.stateSize(SimData.STATE_INTEGRATION));
    double[] l = readDoubles(in, nu), v = readDoubles(in, nu);
    d.setState(sim);
    d.forward();
    d.actuatorLength.copyFrom(l, 0);
    d.actuatorVelocity.copyFrom(v, 0);
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double v : a) out.writeDouble(v);
  }

  private static double[] readDoubles(DataInputStream in, int expected) throws IOException {
    int n = in.readInt();
    if (n != expected) throw new IOException("expected " + expected + " values, found " + n);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = in.readDouble();
    return a;
  }

  @Override
  public void close() {
    d.close();
  }
}
