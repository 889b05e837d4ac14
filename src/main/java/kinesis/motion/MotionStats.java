package kinesis.motion;

/**
 * What a clip does, from its keypoints alone: speed, heading change, steps and foot sliding. A foot
 * is in contact when its ankle or toe keypoint is within {@link #CONTACT_HEIGHT} of that keypoint's
 * lowest height in the clip, and flat when both are within {@link #FLAT_HEIGHT}; a step is a
 * swing→contact transition; sliding is the mean horizontal speed of the toe keypoint while its foot
 * is flat (central differences).
 *
 * @param duration seconds
 * @param speed mean horizontal pelvis speed along its path (m/s)
 * @param forwardSpeed mean pelvis velocity along the root heading (m/s; negative walking backwards)
 * @param headingChangeDeg net heading change, unwrapped (degrees, + = left)
 * @param turningDeg total absolute heading change (degrees)
 * @param steps foot contacts begun (both feet)
 * @param footSliding mean horizontal toe speed while the foot is flat (m/s)
 * @param flightFraction fraction of frames with neither foot in contact
 * @param peakTurnRateDegS largest |heading change| over any one-second window (degrees per second;
 *     the whole clip when shorter): how sharp the sharpest turn is
 * @param slowestSecondSpeed smallest pelvis path speed over any one-second window (m/s): near 0
 *     when the clip stops
 * @param fastestSecondSpeed largest pelvis path speed over any one-second window (m/s)
 */
public record MotionStats(
    double duration,
    double speed,
    double forwardSpeed,
    double headingChangeDeg,
    double turningDeg,
    int steps,
    double footSliding,
    double flightFraction,
    double peakTurnRateDegS,
    double slowestSecondSpeed,
    double fastestSecondSpeed) {

  public static final double CONTACT_HEIGHT = 0.04;

  /** Both ankle and toe this close to their lowest: the foot is flat and should not move. */
  public static final double FLAT_HEIGHT = 0.02;

  /** Ankle and toe keypoints of the left and the right foot. */
  private static final String[][] FEET = {{"L_Ankle", "L_Toe"}, {"R_Ankle", "R_Toe"}};

  /**
   * Per foot (left, right) and frame: is the foot in contact (its ankle or toe keypoint within
   * {@link #CONTACT_HEIGHT} of that keypoint's lowest height in the clip)? A foot without keypoints
   * is never in contact.
   */
  public static boolean[][] contacts(Clip c) {
    int n = c.frames(), k = c.keypoints().size();
    double[] p = c.positions();
    boolean[][] contact = new boolean[2][n];
    for (int s = 0; s < 2; s++) {
      int ankle = c.keypoint(FEET[s][0]), toe = c.keypoint(FEET[s][1]);
      if (ankle < 0 || toe < 0) continue;
      double lowA = lowest(c, ankle), lowT = lowest(c, toe);
      for (int f = 0; f < n; f++) {
        contact[s][f] =
            p[(f * k + ankle) * 3 + 2] - lowA < CONTACT_HEIGHT
                || p[(f * k + toe) * 3 + 2] - lowT < CONTACT_HEIGHT;
      }
    }
    return contact;
  }

  /** The lowest height of keypoint {@code kp} in the clip. */
  static double lowest(Clip c, int kp) {
    int k = c.keypoints().size();
    double low = Double.POSITIVE_INFINITY;
    for (int f = 0; f < c.frames(); f++) low = Math.min(low, c.positions()[(f * k + kp) * 3 + 2]);
    return low;
  }

  public static MotionStats of(Clip c) {
    int n = c.frames(), k = c.keypoints().size();
    double[] p = c.positions(), v = c.velocities();
    int pelvis = Math.max(0, c.keypoint("Pelvis"));
    double path = 0, fwd = 0;
    double prevHeading = Rot.heading(Signal.at(c.rootQuat(), 0, 4)), net = 0, total = 0;
    // running sums from frame 0: unwrapped heading and path length, for the one-second windows
    double[] headingSum = new double[n], pathSum = new double[n];
    for (int f = 0; f < n; f++) {
      double[] q = Signal.at(c.rootQuat(), f, 4);
      double h = Rot.heading(q);
      if (f > 0) {
        double dh = Rot.wrap(h - prevHeading);
        net += dh;
        total += Math.abs(dh);
        int a = (f * k + pelvis) * 3, b = ((f - 1) * k + pelvis) * 3;
        path += Math.hypot(p[a] - p[b], p[a + 1] - p[b + 1]);
      }
      headingSum[f] = net;
      pathSum[f] = path;
      prevHeading = h;
      int o = (f * k + pelvis) * 3;
      fwd += v[o] * Math.cos(h) + v[o + 1] * Math.sin(h);
    }
    double dur = Math.max(c.duration(), 1e-9);
    // contacts per foot: ankle or toe near its lowest height; flat foot: both (sliding is measured
    // there)
    boolean[][] contact = contacts(c);
    int steps = 0, flatFrames = 0, flight = 0;
    double slide = 0;
    for (int s = 0; s < 2; s++) {
      int ankle = c.keypoint(FEET[s][0]), toe = c.keypoint(FEET[s][1]);
      if (ankle < 0 || toe < 0) continue;
      double lowA = lowest(c, ankle), lowT = lowest(c, toe);
      for (int f = 0; f < n; f++) {
        double ha = p[(f * k + ankle) * 3 + 2] - lowA, ht = p[(f * k + toe) * 3 + 2] - lowT;
        if (ha < FLAT_HEIGHT && ht < FLAT_HEIGHT && n > 1) {
          int o = (f * k + toe) * 3;
          int prev = f == 0 ? o : o - 3 * k, next = f == n - 1 ? o : o + 3 * k;
          double span = (f == 0 || f == n - 1 ? 1 : 2) / c.fps();
          slide += Math.hypot(p[next] - p[prev], p[next + 1] - p[prev + 1]) / span;
          flatFrames++;
        }
        if (f > 0 && contact[s][f] && !contact[s][f - 1]) steps++;
      }
    }
    for (int f = 0; f < n; f++) if (!contact[0][f] && !contact[1][f]) flight++;
    // one-second windows (the whole clip when shorter)
    int w = Math.max(1, Math.min(n - 1, (int) Math.round(c.fps())));
    double span = w / c.fps(), turnRate = 0, slowest = Double.POSITIVE_INFINITY, fastest = 0;
    for (int f = w; f < n; f++) {
      turnRate = Math.max(turnRate, Math.abs(headingSum[f] - headingSum[f - w]) / span);
      double speed = (pathSum[f] - pathSum[f - w]) / span;
      slowest = Math.min(slowest, speed);
      fastest = Math.max(fastest, speed);
    }
    if (n < 2) slowest = 0;
    return new MotionStats(
        c.duration(),
        path / dur,
        fwd / n,
        Math.toDegrees(net),
        Math.toDegrees(total),
        steps,
        flatFrames == 0 ? 0 : slide / flatFrames,
        (double) flight / n,
        Math.toDegrees(turnRate),
        slowest,
        fastest);
  }
}
