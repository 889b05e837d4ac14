package kinesis.motion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kinesis.body.BodyModel;
import kinesis.io.BadInputException;
import kinesis.sim.SimData;
import kinesis.sim.SimModel;

/**
 * Inverse kinematics for clip frames: finds a qpos (root pose + joint angles within their limits,
 * coupled joints following their masters) whose tracked body origins match the clip's keypoints.
 * Damped least squares (Levenberg–Marquardt) on MuJoCo Jacobians ({@code jacBody} after {@code
 * kinematics + comPos}), warm-started from the previous frame. The unknowns are the root's 6 dofs
 * and every hinge/slide joint that no equality drives; a slave's Jacobian column is folded into its
 * master's through the polynomial's slope. Two priors keep it well posed: the root orientation
 * leans towards the clip's root frame (with the model's {@link kinesis.body.Variant#ikRootPrior})
 * and joints lean weakly towards zero (this keeps joints no keypoint sees, like the MTP, at rest).
 */
public final class PoseSolver implements AutoCloseable {
  /** Weight of the joints-at-zero prior (metres per radian or metre). */
  public static final double POSTURE_PRIOR = 0.01;

  private final BodyModel body;
  private final SimModel m;
  private final SimData d;
  private final JointCoupling coupling;
  private final int rootQ, rootV;
  private final int[] varQ, varV; // joint unknowns: qpos and dof address
  private final double[] lo, hi;
  private final int[][] slaveV; // per joint unknown: dof addresses of its slaves
  private final JointCoupling.Link[][] slaveLinks;
  private final int nvar, nk;
  private final double rootPrior;
  private final double[] jacp, jacr;
  // joints that move no tracked body (MyoLeg: the toes' MTP) and the foot geoms they carry
  private final int[] unseen;
  private final int[][] unseenGeoms;

  /** The outcome for one clip. */
  public record Result(
      double[][] poses, double meanResidual, double maxResidual, double[] footLowest) {}

  public PoseSolver(BodyModel body) {
    this.body = body;
    this.m = body.sim;
    this.d = m.makeData();
    this.coupling = new JointCoupling(m);
    Unknowns u = findUnknowns(body, coupling);
    rootQ = u.rootQ();
    rootV = u.rootV();
    varQ = u.varQ();
    varV = u.varV();
    lo = u.lo();
    hi = u.hi();
    slaveV = new int[varQ.length][];
    slaveLinks = new JointCoupling.Link[varQ.length][];
    for (int i = 0; i < varQ.length; i++) {
      int qa = varQ[i];
      List<JointCoupling.Link> links =
          coupling.links.stream().filter(k -> k.masterAdr() == qa).toList();
      slaveLinks[i] = links.toArray(JointCoupling.Link[]::new);
      slaveV[i] = links.stream().mapToInt(k -> m.jntDofAdr().get(k.slaveJoint())).toArray();
    }
    nvar = 6 + varQ.length;
    nk = body.trackedBodies.length;
    rootPrior = body.variant.ikRootPrior();
    jacp = new double[3 * m.nv];
    jacr = new double[3 * m.nv];
    Unseen un = unseenJoints();
    unseen = un.unknowns();
    unseenGeoms = un.footGeoms();
  }

  /**
   * The root's free joint and the independent hinge and slide joints (qpos and dof addresses,
   * limits).
   */
  private record Unknowns(int rootQ, int rootV, int[] varQ, int[] varV, double[] lo, double[] hi) {}

  private static Unknowns findUnknowns(BodyModel body, JointCoupling coupling) {
    SimModel m = body.sim;
    var type = m.jntType();
    int rq = -1, rv = -1;
    List<Integer> q = new ArrayList<>(), v = new ArrayList<>();
    List<double[]> ranges = new ArrayList<>();
    for (int j = 0; j < m.njnt; j++) {
      int t = type.get(j);
      if (t == 0 && m.jntBodyId().get(j) == body.rootBody) {
        rq = m.jntQposAdr().get(j);
        rv = m.jntDofAdr().get(j);
      } else if ((t == 2 || t == 3) && !coupling.isSlave(j)) {
        q.add(m.jntQposAdr().get(j));
        v.add(m.jntDofAdr().get(j));
        // a joint is limited when its range is not empty (SimModel.jntLimited reads mjtByte as int)
        double r0 = m.jntRange().get(j, 0), r1 = m.jntRange().get(j, 1);
        ranges.add(
            r0 < r1
                ? new double[] {r0, r1}
                : new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
      }
    }
    if (rq < 0)
      throw new BadInputException("model " + body.variant.name() + ": root has no free joint");
    return new Unknowns(
        rq,
        rv,
        q.stream().mapToInt(Integer::intValue).toArray(),
        v.stream().mapToInt(Integer::intValue).toArray(),
        ranges.stream().mapToDouble(r -> r[0]).toArray(),
        ranges.stream().mapToDouble(r -> r[1]).toArray());
  }

  /**
   * Joint unknowns that move no tracked body in the model's rest pose, with the foot geoms their
   * bodies carry.
   */
  private record Unseen(int[] unknowns, int[][] footGeoms) {}

  private Unseen unseenJoints() {
    List<Integer> un = new ArrayList<>();
    List<int[]> ug = new ArrayList<>();
    double[] q0 = new double[m.nq];
    for (int i = 0; i < m.nq; i++) q0[i] = m.qpos0().get(i);
    setQpos(q0);
    d.kinematics();
    d.comPos();
    double[][] jacs = new double[nk][3 * m.nv];
    for (int i = 0; i < nk; i++) d.jacBody(body.trackedBodies[i], jacs[i], null);
    int[] feet = BodyDims.footGeoms(m, body.feetBodies);
    for (int u = 0; u < varQ.length; u++) {
      double sum = 0;
      for (double[] j : jacs)
        for (int ax = 0; ax < 3; ax++) sum += Math.abs(j[ax * m.nv + varV[u]]);
      if (sum > 1e-9) continue;
      int jb = -1;
      for (int j = 0; j < m.njnt; j++)
        if (m.jntQposAdr().get(j) == varQ[u]) jb = m.jntBodyId().get(j);
      final int bodyId = jb;
      int[] g = Arrays.stream(feet).filter(x -> m.geomBodyId().get(x) == bodyId).toArray();
      if (g.length > 0) {
        un.add(u);
        ug.add(g);
      }
    }
    return new Unseen(un.stream().mapToInt(Integer::intValue).toArray(), ug.toArray(int[][]::new));
  }

  /** Number of unknowns (root 6 + independent joints). */
  public int unknowns() {
    return nvar;
  }

  /** Indices of the model's tracked keypoints in the clip; a clip lacking one is bad input. */
  public int[] keypointIndices(Clip clip) {
    List<String> names = body.variant.trackedKeypoints();
    int[] idx = new int[names.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = clip.keypoint(names.get(i));
      if (idx[i] < 0)
        throw new BadInputException("clip " + clip.name() + " lacks keypoint " + names.get(i));
    }
    return idx;
  }

  /** Solves every frame of a clip, warm-starting each from the previous one. */
  public Result solve(Clip clip) {
    int[] idx = keypointIndices(clip);
    int n = clip.frames(), k = clip.keypoints().size();
    double[][] poses = new double[n][];
    double[] footLow = new double[n];
    double[] qpos = initial(clip);
    double sum = 0, max = 0;
    double[] target = new double[3 * nk];
    for (int f = 0; f < n; f++) {
      for (int i = 0; i < nk; i++)
        System.arraycopy(clip.positions(), (f * k + idx[i]) * 3, target, 3 * i, 3);
      double[] rootRef = Signal.at(clip.rootQuat(), f, 4);
      qpos = solveFrame(qpos, target, rootRef, f == 0 ? 200 : 40);
      liftUnseen(qpos);
      setQpos(qpos);
      d.kinematics();
      for (int i = 0; i < nk; i++) {
        double e = 0;
        for (int a = 0; a < 3; a++)
          e += sq(target[3 * i + a] - d.xpos.get(body.trackedBodies[i], a));
        e = Math.sqrt(e);
        sum += e;
        max = Math.max(max, e);
      }
      footLow[f] =
          BodyDims.lowestPoint(m, d, body.feetBodies.length == 0 ? new int[0] : footGeoms());
      poses[f] = qpos.clone();
    }
    return new Result(poses, sum / (n * nk), max, footLow);
  }

  private int[] footGeomsCache;

  private int[] footGeoms() {
    if (footGeomsCache == null) footGeomsCache = BodyDims.footGeoms(m, body.feetBodies);
    return footGeomsCache;
  }

  private double[] initial(Clip clip) {
    double[] q = new double[m.nq];
    for (int i = 0; i < m.nq; i++) q[i] = m.qpos0().get(i);
    int pelvis = clip.keypoint("Pelvis");
    for (int a = 0; a < 3; a++)
      q[rootQ + a] = pelvis >= 0 ? clip.positions()[pelvis * 3 + a] : q[rootQ + a];
    System.arraycopy(Signal.at(clip.rootQuat(), 0, 4), 0, q, rootQ + 3, 4);
    for (int i = 0; i < varQ.length; i++) q[varQ[i]] = clamp(0, lo[i], hi[i]);
    coupling.apply(q);
    return q;
  }

  /**
   * One frame: Levenberg–Marquardt from {@code start} towards the tracked-body targets ({@code 3 ×
   * tracked}, world) with the root-orientation prior {@code rootRef}.
   */
  public double[] solveFrame(double[] start, double[] target, double[] rootRef, int maxIter) {
    double[] q = start.clone();
    double lambda = 1e-3;
    double cost = evaluate(q, target, rootRef, null);
    int rows = 3 * nk + 3 + varQ.length;
    double[] e = new double[rows];
    double[] jac = new double[rows * nvar];
    double[] a = new double[nvar * nvar], g = new double[nvar], step = new double[nvar];
    for (int it = 0; it < maxIter; it++) {
      evaluate(q, target, rootRef, e);
      jacobian(q, jac);
      // normal equations JᵀJ + λ diag, Jᵀe
      Arrays.fill(a, 0);
      Arrays.fill(g, 0);
      for (int r = 0; r < rows; r++) {
        int o = r * nvar;
        for (int i = 0; i < nvar; i++) {
          double ji = jac[o + i];
          if (ji == 0) continue;
          g[i] += ji * e[r];
          for (int j = i; j < nvar; j++) a[i * nvar + j] += ji * jac[o + j];
        }
      }
      boolean accepted = false;
      for (int tries = 0; tries < 8 && !accepted; tries++) {
        double[] h = a.clone();
        for (int i = 0; i < nvar; i++) {
          for (int j = 0; j < i; j++) h[i * nvar + j] = h[j * nvar + i];
          h[i * nvar + i] += lambda * (1 + h[i * nvar + i]);
        }
        if (!cholSolve(h, g, step, nvar)) {
          lambda *= 10;
          continue;
        }
        double[] trial = apply(q, step);
        double c = evaluate(trial, target, rootRef, null);
        if (c < cost) {
          double gain = cost - c;
          q = trial;
          cost = c;
          lambda = Math.max(lambda / 3, 1e-7);
          accepted = true;
          if (gain < 1e-12) return q;
        } else {
          lambda *= 10;
        }
      }
      if (!accepted) break;
    }
    return q;
  }

  /**
   * Joints no keypoint sees (the MTP) are at rest unless their geoms would sink below the floor;
   * then the smallest bend within range that keeps them above it (or sinks them least) is taken.
   * This bends the toes at push-off instead of pushing them into the ground.
   */
  private void liftUnseen(double[] q) {
    for (int u = 0; u < unseen.length; u++) {
      int v = unseen[u];
      double keep = q[varQ[v]];
      q[varQ[v]] = clamp(0, lo[v], hi[v]);
      double best = lowest(q, unseenGeoms[u]);
      if (best >= 0) continue;
      double bestAngle = q[varQ[v]];
      int steps = 24;
      for (int i = 0; i <= steps; i++) {
        double a = lo[v] + (hi[v] - lo[v]) * i / steps;
        q[varQ[v]] = a;
        double low = lowest(q, unseenGeoms[u]);
        boolean better =
            best < 0
                ? low > best + 1e-6 || (low >= 0 && Math.abs(a) < Math.abs(bestAngle))
                : low >= 0 && Math.abs(a) < Math.abs(bestAngle);
        if (better) {
          best = low;
          bestAngle = a;
        }
      }
      q[varQ[v]] = Double.isNaN(bestAngle) ? keep : bestAngle;
    }
  }

  private double lowest(double[] q, int[] geoms) {
    setQpos(q);
    d.kinematics();
    return BodyDims.lowestPoint(m, d, geoms);
  }

  /** Half the squared error (positions + priors); fills residuals {@code e} when given. */
  private double evaluate(double[] q, double[] target, double[] rootRef, double[] e) {
    setQpos(q);
    d.kinematics();
    double c = 0;
    int r = 0;
    for (int i = 0; i < nk; i++) {
      for (int ax = 0; ax < 3; ax++) {
        double v = target[3 * i + ax] - d.xpos.get(body.trackedBodies[i], ax);
        if (e != null) e[r] = v;
        r++;
        c += v * v;
      }
    }
    double[] rq = {q[rootQ + 3], q[rootQ + 4], q[rootQ + 5], q[rootQ + 6]};
    double[] rot = Rot.toRotVec(Rot.mul(rootRef, Rot.conj(rq)));
    for (int ax = 0; ax < 3; ax++) {
      double v = rootPrior * rot[ax];
      if (e != null) e[r] = v;
      r++;
      c += v * v;
    }
    for (int i = 0; i < varQ.length; i++) {
      double v = -POSTURE_PRIOR * q[varQ[i]];
      if (e != null) e[r] = v;
      r++;
      c += v * v;
    }
    return c / 2;
  }

  /**
   * Jacobian of the residual model (rows × nvar) at the last evaluated q (kinematics is current).
   */
  private void jacobian(double[] q, double[] jac) {
    Arrays.fill(jac, 0);
    d.comPos();
    int nv = m.nv;
    for (int i = 0; i < nk; i++) {
      d.jacBody(body.trackedBodies[i], jacp, null);
      for (int ax = 0; ax < 3; ax++) {
        int o = (3 * i + ax) * nvar;
        int row = ax * nv;
        for (int c = 0; c < 6; c++) jac[o + c] = jacp[row + rootV + c];
        for (int v = 0; v < varQ.length; v++) {
          double s = jacp[row + varV[v]];
          JointCoupling.Link[] links = slaveLinks[v];
          for (int l = 0; l < links.length; l++)
            s += jacp[row + slaveV[v][l]] * links[l].slope(q[varQ[v]]);
          jac[o + 6 + v] = s;
        }
      }
    }
    // root orientation prior: world angular Jacobian of the root's rotational dofs
    d.jacBody(body.rootBody, null, jacr);
    for (int ax = 0; ax < 3; ax++) {
      int o = (3 * nk + ax) * nvar;
      for (int c = 3; c < 6; c++) jac[o + c] = rootPrior * jacr[ax * nv + rootV + c];
    }
    for (int v = 0; v < varQ.length; v++) jac[(3 * nk + 3 + v) * nvar + 6 + v] = POSTURE_PRIOR;
  }

  /**
   * q ⊕ step: root translation and local rotation, joints clamped to their ranges, slaves updated.
   */
  private double[] apply(double[] q, double[] step) {
    double[] r = q.clone();
    for (int a = 0; a < 3; a++) r[rootQ + a] += step[a];
    double[] rq = {q[rootQ + 3], q[rootQ + 4], q[rootQ + 5], q[rootQ + 6]};
    double[] dq = Rot.fromRotVec(step[3], step[4], step[5]);
    System.arraycopy(Rot.normalize(Rot.mul(rq, dq)), 0, r, rootQ + 3, 4);
    for (int v = 0; v < varQ.length; v++)
      r[varQ[v]] = clamp(q[varQ[v]] + step[6 + v], lo[v], hi[v]);
    coupling.apply(r);
    return r;
  }

  private void setQpos(double[] q) {
    for (int i = 0; i < m.nq; i++) d.qpos.set(i, q[i]);
  }

  /** Tracked body origins for a qpos ({@code 3 × tracked}). */
  public double[] trackedPositions(double[] qpos) {
    setQpos(qpos);
    d.kinematics();
    double[] out = new double[3 * nk];
    for (int i = 0; i < nk; i++)
      for (int a = 0; a < 3; a++) out[3 * i + a] = d.xpos.get(body.trackedBodies[i], a);
    return out;
  }

  /** Lowest foot point (world z) for a qpos. */
  public double footLowest(double[] qpos) {
    setQpos(qpos);
    d.kinematics();
    return BodyDims.lowestPoint(m, d, footGeoms());
  }

  /** True when every independent joint is within its range (slaves follow by construction). */
  public boolean withinLimits(double[] qpos) {
    for (int v = 0; v < varQ.length; v++)
      if (qpos[varQ[v]] < lo[v] - 1e-9 || qpos[varQ[v]] > hi[v] + 1e-9) return false;
    return true;
  }

  /** Maximum |slave − polynomial(master)| over the equalities (0 when coupled exactly). */
  public double couplingError(double[] qpos) {
    double e = 0;
    for (JointCoupling.Link k : coupling.links)
      e =
          Math.max(
              e,
              Math.abs(qpos[k.slaveAdr()] - k.value(k.masterAdr() < 0 ? 0 : qpos[k.masterAdr()])));
    return e;
  }

  private static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  private static double sq(double x) {
    return x * x;
  }

  /**
   * Solves h·x = g in place for symmetric positive definite h; false when not positive definite.
   */
  static boolean cholSolve(double[] h, double[] g, double[] x, int n) {
    for (int j = 0; j < n; j++) {
      double s = h[j * n + j];
      for (int k = 0; k < j; k++) s -= h[j * n + k] * h[j * n + k];
      if (!(s > 1e-300)) return false;
      double l = Math.sqrt(s);
      h[j * n + j] = l;
      for (int i = j + 1; i < n; i++) {
        double t = h[i * n + j];
        for (int k = 0; k < j; k++) t -= h[i * n + k] * h[j * n + k];
        h[i * n + j] = t / l;
      }
    }
    for (int i = 0; i < n; i++) {
      double t = g[i];
      for (int k = 0; k < i; k++) t -= h[i * n + k] * x[k];
      x[i] = t / h[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double t = x[i];
      for (int k = i + 1; k < n; k++) t -= h[k * n + i] * x[k];
      x[i] = t / h[i * n + i];
    }
    return true;
  }

  @Override
  public void close() {
    d.close();
  }
}
