package kinesis.task;

import kinesis.sim.DoubleView;
import kinesis.sim.SimModel;

/**
 * Action → muscle excitation for both control modes (kinesis-reference.md §3.5), with MuJoCo's
 * muscle force–length–velocity curves evaluated in Java from per-muscle constants read once (the
 * same formulas as {@code mju_muscleGain} / {@code mju_muscleBias} of MuJoCo 3; a test checks them
 * against the native functions). Immutable after construction; shared by all environments.
 */
public final class MuscleControl {
  private static final double MINVAL = 1e-15; // mjMINVAL
  public final int nu;

  /** Upper end of each muscle's length range: the PD target for action +1. */
  private final double[] lrMax;

  /** Peak active force F0 (N) from gainprm. */
  private final double[] f0;

  // curve constants: lengthrange low, L0 (length scale), range[0], lmin, lmax, vmax, fvmax
  private final double[] lrLo, l0, r0, lmin, lmax, vmax, fvmax;
  // passive curve constants from biasprm (equal to gainprm in the shipped models): force, range[0],
  // L0, lmax, fpmax
  private final double[] bF, bR0, bL0, bLmax, bFpmax;

  public MuscleControl(SimModel m) {
    nu = m.nu;
    DoubleView lr = m.actuatorLengthRange(), gain = m.actuatorGainPrm(), bias = m.actuatorBiasPrm();
    DoubleView acc0 = m.actuatorAcc0();
    lrMax = new double[nu];
    f0 = new double[nu];
    lrLo = new double[nu];
    l0 = new double[nu];
    r0 = new double[nu];
    lmin = new double[nu];
    lmax = new double[nu];
    vmax = new double[nu];
    fvmax = new double[nu];
    bF = new double[nu];
    bR0 = new double[nu];
    bL0 = new double[nu];
    bLmax = new double[nu];
    bFpmax = new double[nu];
    for (int i = 0; i < nu; i++) {
      lrLo[i] = lr.get(i, 0);
      lrMax[i] = lr.get(i, 1);
      double force = gain.get(i, 2);
      f0[i] = force < 0 ? gain.get(i, 3) / Math.max(MINVAL, acc0.get(i)) : force;
      r0[i] = gain.get(i, 0);
      l0[i] = (lr.get(i, 1) - lr.get(i, 0)) / Math.max(MINVAL, gain.get(i, 1) - gain.get(i, 0));
      lmin[i] = gain.get(i, 4);
      lmax[i] = gain.get(i, 5);
      vmax[i] = gain.get(i, 6);
      fvmax[i] = gain.get(i, 8);
      double bforce = bias.get(i, 2);
      bF[i] = bforce < 0 ? bias.get(i, 3) / Math.max(MINVAL, acc0.get(i)) : bforce;
      bR0[i] = bias.get(i, 0);
      bL0[i] = (lr.get(i, 1) - lr.get(i, 0)) / Math.max(MINVAL, bias.get(i, 1) - bias.get(i, 0));
      bLmax[i] = bias.get(i, 5);
      bFpmax[i] = bias.get(i, 7);
    }
  }

  /** Clips an action to [−1, 1] (NaN becomes 0). */
  public static double clipAction(double a) {
    return Double.isNaN(a) ? 0 : Math.max(-1, Math.min(1, a));
  }

  /** Direct mode: ctrl_i = (a_i + 1) / 2 for clipped actions, in [0, 1]. */
  public void direct(double[] a, double[] ctrl) {
    for (int i = 0; i < nu; i++) ctrl[i] = (a[i] + 1) * 0.5;
  }

  /** PD mode, once per action: target length L*_i = (a_i + 1)/2 · lengthrange_max,i (metres). */
  public void pdTargets(double[] a, double[] target) {
    for (int i = 0; i < nu; i++) target[i] = (a[i] + 1) * 0.5 * lrMax[i];
  }

  /**
   * PD mode, once per substep: desired force f = clip(5·F0·(L* − L) − 0.5·F0·V, −F0, 0) with F0 the
   * peak force (KINESIS reads biasprm[2], equal to gainprm[2] in every shipped model), then ctrl =
   * clip((f − bias(L)) / min(−1, gain(L, V)), 0, 1) with MuJoCo's muscle curves.
   */
  public void pd(double[] target, double[] len, double[] vel, double[] ctrl) {
    for (int i = 0; i < nu; i++) {
      double peak = bF[i], kp = 5 * peak, kd = 0.1 * kp;
      double f = Math.max(-peak, Math.min(0, kp * (target[i] - len[i]) - kd * vel[i]));
      double g = Math.min(-1, gain(i, len[i], vel[i]));
      ctrl[i] = Math.max(0, Math.min(1, (f - bias(i, len[i])) / g));
    }
  }

  /**
   * Active force per unit activation of muscle {@code i} (negative = pulling), as mju_muscleGain.
   */
  public double gain(int i, double len, double vel) {
    double l = r0[i] + (len - lrLo[i]) / Math.max(MINVAL, l0[i]);
    double v = vel / Math.max(MINVAL, l0[i] * vmax[i]);
    return -f0[i] * forceLength(l, lmin[i], lmax[i]) * forceVelocity(v, fvmax[i]);
  }

  /** Passive force of muscle {@code i} (≤ 0), as mju_muscleBias. */
  public double bias(int i, double len) {
    double l = bR0[i] + (len - lrLo[i]) / Math.max(MINVAL, bL0[i]);
    double b = 0.5 * (1 + bLmax[i]);
    if (l <= 1) return 0;
    if (l <= b) {
      double x = (l - 1) / Math.max(MINVAL, b - 1);
      return -bF[i] * bFpmax[i] * 0.5 * x * x;
    }
    double x = (l - b) / Math.max(MINVAL, b - 1);
    return -bF[i] * bFpmax[i] * (0.5 + x);
  }

  /** Normalised force–length curve: piecewise quadratic, 1 at ℓ = 1, 0 outside [lmin, lmax]. */
  static double forceLength(double l, double lmin, double lmax) {
    if (l < lmin || l > lmax) return 0;
    double a = 0.5 * (lmin + 1), b = 0.5 * (1 + lmax);
    if (l <= a) {
      double x = (l - lmin) / Math.max(MINVAL, a - lmin);
      return 0.5 * x * x;
    } else if (l <= 1) {
      double x = (1 - l) / Math.max(MINVAL, 1 - a);
      return 1 - 0.5 * x * x;
    } else if (l <= b) {
      double x = (l - 1) / Math.max(MINVAL, b - 1);
      return 1 - 0.5 * x * x;
    }
    double x = (lmax - l) / Math.max(MINVAL, lmax - b);
    return 0.5 * x * x;
  }

  /** Normalised force–velocity curve: 0 below −1, quadratic to 1 at 0, saturating at fvmax. */
  static double forceVelocity(double v, double fvmax) {
    double y = fvmax - 1;
    if (v <= -1) return 0;
    if (v <= 0) return (v + 1) * (v + 1);
    if (v <= y) return fvmax - (y - v) * (y - v) / Math.max(MINVAL, y);
    return fvmax;
  }
}
