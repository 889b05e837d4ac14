package kinesis.motion;

/**
 * What a clip does, from its keypoints alone: speed, heading change, steps and foot sliding.
 * A foot is in contact when its lower keypoint (ankle or toe) is within {@link #CONTACT_HEIGHT}
 * of that keypoint's lowest height in the clip; a step is a swing→contact transition; sliding is
 * the mean horizontal speed of feet in contact.
 *
 * @param duration         seconds
 * @param speed            mean horizontal pelvis speed along its path (m/s)
 * @param forwardSpeed     mean pelvis velocity along the root heading (m/s; negative walking backwards)
 * @param headingChangeDeg net heading change, unwrapped (degrees, + = left)
 * @param turningDeg       total absolute heading change (degrees)
 * @param steps            foot contacts begun (both feet)
 * @param footSliding      mean horizontal speed of feet in contact (m/s)
 * @param flightFraction   fraction of frames with neither foot in contact
 */
public record MotionStats(double duration, double speed, double forwardSpeed, double headingChangeDeg,
    double turningDeg, int steps, double footSliding, double flightFraction) {

  public static final double CONTACT_HEIGHT = 0.04;

  public static MotionStats of(Clip c) {
    int n = c.frames(), k = c.keypoints().size();
    double[] p = c.positions(), v = c.velocities();
    int pelvis = Math.max(0, c.keypoint("Pelvis"));
    double path = 0, fwd = 0;
    double prevHeading = Rot.heading(Signal.at(c.rootQuat(), 0, 4)), net = 0, total = 0;
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
      prevHeading = h;
      int o = (f * k + pelvis) * 3;
      fwd += v[o] * Math.cos(h) + v[o + 1] * Math.sin(h);
    }
    double dur = Math.max(c.duration(), 1e-9);
    // contacts per foot: ankle and toe keypoints
    String[][] feet = {{"L_Ankle", "L_Toe"}, {"R_Ankle", "R_Toe"}};
    boolean[][] contact = new boolean[2][n];
    int steps = 0, contactFrames = 0, flight = 0;
    double slide = 0;
    for (int s = 0; s < 2; s++) {
      int[] idx = {c.keypoint(feet[s][0]), c.keypoint(feet[s][1])};
      if (idx[0] < 0 || idx[1] < 0) continue;
      double[] low = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
      for (int f = 0; f < n; f++) for (int j = 0; j < 2; j++) low[j] = Math.min(low[j], p[(f * k + idx[j]) * 3 + 2]);
      for (int f = 0; f < n; f++) {
        for (int j = 0; j < 2; j++) {
          int o = (f * k + idx[j]) * 3;
          if (p[o + 2] - low[j] < CONTACT_HEIGHT) {
            contact[s][f] = true;
            slide += Math.hypot(v[o], v[o + 1]);
            contactFrames++;
            break;
          }
        }
        if (f > 0 && contact[s][f] && !contact[s][f - 1]) steps++;
      }
    }
    for (int f = 0; f < n; f++) if (!contact[0][f] && !contact[1][f]) flight++;
    return new MotionStats(c.duration(), path / dur, fwd / n, Math.toDegrees(net), Math.toDegrees(total), steps,
        contactFrames == 0 ? 0 : slide / contactFrames, (double) flight / n);
  }
}
