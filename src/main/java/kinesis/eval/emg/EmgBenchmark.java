package kinesis.eval.emg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;
import kinesis.task.Rollout;

/**
 * Compares simulated muscle activity with human EMG (kinesis-reference.md §7, paper §IV-D): gait
 * cycles of one foot are cut from the rollouts' touch sensors, duration outliers (beyond ±2 SD)
 * dropped, each cycle resampled onto the data set's points and averaged; then per channel the
 * Pearson r with every subject's curve, the mean over channels per subject, the human-to-human
 * baseline and, where the data set has kinematics, the mean per-joint angle error (MPJAE).
 */
public final class EmgBenchmark {
  private EmgBenchmark() {}

  /** A rollout and the file it came from (for messages). */
  public record Source(Path file, Rollout rollout) {}

  /**
   * Settings of one comparison.
   *
   * @param side leg under test, {@code right} or {@code left} (the human data are right legs)
   * @param controls compare {@code ctrl} (excitations, as the original notebook) instead of {@code
   *     act}
   * @param minCycles fewest kept cycles accepted
   * @param minPhaseSeconds shortest contact-free run that counts as a swing, and shortest touch
   *     that counts as a stance
   * @param outlierSds cycles whose duration is beyond mean ± this many SD are dropped
   */
  public record Options(
      String side, boolean controls, int minCycles, double minPhaseSeconds, double outlierSds) {
    public static Options defaults() {
      return new Options("right", false, 3, 0.1, 2.0);
    }

    public Options withSide(String s) {
      return new Options(s, controls, minCycles, minPhaseSeconds, outlierSds);
    }

    public Options withControls(boolean c) {
      return new Options(side, c, minCycles, minPhaseSeconds, outlierSds);
    }

    public Options withMinCycles(int n) {
      return new Options(side, controls, n, minPhaseSeconds, outlierSds);
    }
  }

  /**
   * The outcome for one data set: simulated and human (subject-mean) curves per channel, r per
   * subject and channel (NaN = undefined because a curve is constant), joint curves and MPJAE.
   */
  public record Result(
      HumanData data,
      Options options,
      List<String> channels,
      List<List<String>> muscles,
      GaitCycles.Selection cycles,
      int cyclesFound,
      double[][] sim,
      double[][] human,
      double[][] r,
      double[] subjectMeans,
      HumanBaseline baseline,
      Map<String, double[]> simJoints,
      Map<String, Double> mpjae) {

    /** Mean over subjects of each subject's mean r over channels (undefined r counted as 0). */
    public double meanCorrelation() {
      return Stats.mean(subjectMeans);
    }

    /**
     * The timing check of the original notebook: the mean r when the simulated curves are read
     * {@code k} points later ({@code sim[(i + k) mod n]}), for every k. A best k above 0 means the
     * model lags the humans by k points.
     */
    public double[] shiftedMeans() {
      int n = data.normalisation().points;
      double[] out = new double[n];
      for (int k = 0; k < n; k++) {
        double sum = 0;
        for (int c = 0; c < channels.size(); c++) {
          double[] rolled = new double[n];
          for (int i = 0; i < n; i++) rolled[i] = sim[c][(i + k) % n];
          int hc = data.channels().indexOf(channels.get(c));
          for (double[][] subject : data.emg()) {
            double rr = Stats.pearson(rolled, subject[hc]);
            sum += Double.isFinite(rr) ? rr : 0;
          }
        }
        out[k] = sum / (channels.size() * data.emg().length);
      }
      return out;
    }

    /** Mean MPJAE over the joints, NaN when the data set has no kinematics. */
    public double mpjaeMean() {
      return mpjae.isEmpty() ? Double.NaN : Stats.mean(new ArrayList<>(mpjae.values()));
    }

    public Map<String, Object> toJson() {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("dataset", data.name());
      j.put("description", data.description());
      j.put("normalisation", data.normalisation().name());
      j.put("side", options.side());
      j.put("signal", options.controls() ? "ctrl" : "act");
      j.put("cycles_used", cycles.kept().size());
      j.put("cycles", cyclesJson());
      j.put("subjects", data.subjects().size());
      j.put("mean_correlation", meanCorrelation());
      j.put("mean_correlation_sem", Stats.sem(subjectMeans));
      double sumGroup = 0;
      for (int c = 0; c < channels.size(); c++) {
        double rg = Stats.pearson(sim[c], human[c]);
        sumGroup += Double.isFinite(rg) ? rg : 0;
      }
      j.put("mean_correlation_vs_group_mean", sumGroup / channels.size());
      Map<String, Object> perSubject = new LinkedHashMap<>();
      for (int s = 0; s < subjectMeans.length; s++)
        perSubject.put(data.subjects().get(s), subjectMeans[s]);
      j.put("per_subject", perSubject);
      List<String> undefined = new ArrayList<>();
      j.put("per_muscle", perMuscleJson(undefined));
      if (!undefined.isEmpty()) {
        j.put(
            "undefined_correlation",
            Map.of(
                "channels",
                undefined,
                "why",
                "the simulated or human curve is constant; counted as r = 0 in the means"));
      }
      j.put("timing", timingJson());
      j.put("human_baseline", baseline.toJson());
      if (mpjae.isEmpty()) {
        j.put("mpjae_deg", null);
      } else {
        Map<String, Object> mp = new LinkedHashMap<>(mpjae);
        mp.put("mean", mpjaeMean());
        j.put("mpjae_deg", mp);
      }
      return j;
    }

    /** Cycles found, used and dropped, how the foot landed, their durations. */
    private Map<String, Object> cyclesJson() {
      Map<String, Object> cy = new LinkedHashMap<>();
      cy.put("found", cyclesFound);
      cy.put("used", cycles.kept().size());
      cy.put("dropped_outliers", cycles.dropped().size());
      cy.put("heel_strikes", cycles.kept().stream().filter(GaitCycles.Cycle::heelStrike).count());
      cy.put("forefoot_landings", cycles.kept().stream().filter(c -> !c.heelStrike()).count());
      cy.put("mean_duration_s", cycles.meanSeconds());
      cy.put("sd_duration_s", cycles.sdSeconds());
      return cy;
    }

    /**
     * Per channel: its muscles and correlations; channels whose correlation is undefined go into
     * {@code undefined}.
     */
    private Map<String, Object> perMuscleJson(List<String> undefined) {
      Map<String, Object> perMuscle = new LinkedHashMap<>();
      for (int c = 0; c < channels.size(); c++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("muscles", muscles.get(c));
        double[] rc = new double[r.length];
        Map<String, Object> bySubject = new LinkedHashMap<>();
        for (int s = 0; s < r.length; s++) {
          rc[s] = Double.isFinite(r[s][c]) ? r[s][c] : 0;
          bySubject.put(data.subjects().get(s), Double.isFinite(r[s][c]) ? r[s][c] : null);
        }
        int col = c;
        boolean defined = java.util.Arrays.stream(r).allMatch(row -> Double.isFinite(row[col]));
        if (!defined) undefined.add(channels.get(c));
        m.put("r", defined ? Stats.mean(rc) : null);
        m.put("r_sem", defined ? Stats.sem(rc) : null);
        double rg = Stats.pearson(sim[c], human[c]);
        m.put("r_vs_group_mean", Double.isFinite(rg) ? rg : null);
        m.put("r_per_subject", bySubject);
        perMuscle.put(channels.get(c), m);
      }
      return perMuscle;
    }

    /**
     * The shift of the simulated curves that correlates best, and the correlation there and
     * unshifted.
     */
    private Map<String, Object> timingJson() {
      double[] shifted = shiftedMeans();
      int best = 0;
      for (int k = 1; k < shifted.length; k++) if (shifted[k] > shifted[best]) best = k;
      Map<String, Object> timing = new LinkedHashMap<>();
      timing.put("best_shift_points", best);
      timing.put("best_shift_pct_of_cycle", 100.0 * best / shifted.length);
      timing.put("r_at_best_shift", shifted[best]);
      timing.put("r_unshifted", shifted[0]);
      return timing;
    }
  }

  /** Runs the comparison of the pooled rollouts against one data set. */
  public static Result evaluate(List<Source> sources, HumanData data, MuscleMap map, Options o) {
    if (sources.isEmpty()) throw new BadInputException("no rollout given");
    String side = o.side();
    MuscleMap.suffix(side); // validates the side
    List<GaitCycles.Cycle> found = gaitCycles(sources, o);
    GaitCycles.Selection sel = GaitCycles.filterByDuration(found, o.outlierSds());
    if (sel.kept().size() < o.minCycles()) {
      throw new BadInputException(
          names(sources)
              + ": found "
              + found.size()
              + " complete "
              + side
              + " gait cycles (initial contact to initial contact after a swing)"
              + (sel.dropped().isEmpty()
                  ? ""
                  : ", " + sel.kept().size() + " after dropping duration outliers")
              + "; at least "
              + o.minCycles()
              + " are needed (--min-cycles)");
    }
    List<String> channels = map.channels(data.name());
    List<List<String>> muscles = new ArrayList<>();
    for (String c : channels) muscles.add(map.muscles(data.name(), c, side));
    double[][] sim = simulatedActivity(sources, data, map, o, channels, sel);
    // human curves in map order, correlations
    int ns = data.subjects().size(), nc = channels.size();
    double[][] human = new double[nc][];
    double[][] r = new double[ns][nc];
    for (int c = 0; c < nc; c++) {
      int hc = data.channels().indexOf(channels.get(c));
      if (hc < 0)
        throw new IllegalStateException(
            "muscle map channel " + channels.get(c) + " not in " + data.name());
      List<double[]> subjectCurves = new ArrayList<>();
      for (int s = 0; s < ns; s++) {
        subjectCurves.add(data.emg()[s][hc]);
        r[s][c] = Stats.pearson(sim[c], data.emg()[s][hc]);
      }
      human[c] = Stats.pointwiseMean(subjectCurves);
    }
    double[] subjectMeans = new double[ns];
    for (int s = 0; s < ns; s++) {
      double sum = 0;
      for (int c = 0; c < nc; c++) sum += Double.isFinite(r[s][c]) ? r[s][c] : 0;
      subjectMeans[s] = sum / nc;
    }
    Map<String, double[]> simJoints = jointAngles(sources, data, side, sel);
    Map<String, Double> mpjae = new LinkedHashMap<>();
    for (var e : simJoints.entrySet())
      mpjae.put(e.getKey(), Stats.meanAbsDiff(e.getValue(), data.joints().get(e.getKey())));
    return new Result(
        data,
        o,
        channels,
        muscles,
        sel,
        found.size(),
        sim,
        human,
        r,
        subjectMeans,
        HumanBaseline.of(data),
        simJoints,
        mpjae);
  }

  /**
   * Complete gait cycles of the chosen side in every rollout (from its foot and toe touch sensors).
   */
  private static List<GaitCycles.Cycle> gaitCycles(List<Source> sources, Options o) {
    String heelName = o.side().equals("right") ? "r_foot" : "l_foot";
    String toesName = o.side().equals("right") ? "r_toes" : "l_toes";
    List<GaitCycles.Cycle> found = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Rollout r = sources.get(i).rollout();
      int minPhase = Math.max(1, (int) Math.ceil(o.minPhaseSeconds() * r.meta().fps() - 1e-9));
      found.addAll(
          GaitCycles.find(
              r.touchSeries(heelName), r.touchSeries(toesName), minPhase, r.meta().fps(), i));
    }
    return found;
  }

  /**
   * Simulated gait-averaged activity per channel: each kept cycle resampled as the data set is,
   * then averaged.
   */
  private static double[][] simulatedActivity(
      List<Source> sources,
      HumanData data,
      MuscleMap map,
      Options o,
      List<String> channels,
      GaitCycles.Selection sel) {
    List<int[][]> indices = new ArrayList<>();
    for (Source s : sources) {
      indices.add(
          map.indices(
              data.name(),
              channels,
              o.side(),
              s.rollout().meta().muscleNames(),
              s.file().toString()));
    }
    double[][] sim = new double[channels.size()][];
    for (int c = 0; c < sim.length; c++) {
      List<double[]> perCycle = new ArrayList<>();
      for (GaitCycles.Cycle cy : sel.kept()) {
        double[] series =
            channelSeries(
                sources.get(cy.source()).rollout(), indices.get(cy.source())[c], o.controls());
        perCycle.add(GaitCycles.resample(series, cy, data.normalisation()));
      }
      sim[c] = Stats.pointwiseMean(perCycle);
    }
    return sim;
  }

  /**
   * Gait-averaged joint angles (in the human convention, degrees) of the joints the data set has.
   */
  private static Map<String, double[]> jointAngles(
      List<Source> sources, HumanData data, String side, GaitCycles.Selection sel) {
    Map<String, double[]> simJoints = new LinkedHashMap<>();
    for (String humanJoint : data.joints().keySet()) {
      String joint = JointAngles.modelJoint(humanJoint, side);
      List<double[]> perCycle = new ArrayList<>();
      for (GaitCycles.Cycle cy : sel.kept()) {
        Source src = sources.get(cy.source());
        double[] q = src.rollout().jointSeries(joint);
        if (q == null)
          throw new BadInputException(
              src.file(), "rollout has no joint '" + joint + "' for the joint-angle comparison");
        double[] deg = new double[q.length];
        for (int t = 0; t < q.length; t++) deg[t] = JointAngles.toHumanDegrees(humanJoint, q[t]);
        perCycle.add(GaitCycles.resample(deg, cy, TimeNormalisation.CYCLE_100));
      }
      simJoints.put(humanJoint, Stats.pointwiseMean(perCycle));
    }
    return simJoints;
  }

  /** The mean over a channel's muscles of their act or ctrl, per step. */
  static double[] channelSeries(Rollout r, int[] muscleColumns, boolean controls) {
    double[] values = controls ? r.ctrl() : r.act();
    int nu = r.meta().nu();
    double[] out = new double[r.steps()];
    for (int t = 0; t < out.length; t++) {
      double s = 0;
      for (int m : muscleColumns) s += values[t * nu + m];
      out[t] = s / muscleColumns.length;
    }
    return out;
  }

  private static String names(List<Source> sources) {
    List<String> n = new ArrayList<>();
    for (Source s : sources) n.add(s.file().toString());
    return String.join(", ", n);
  }
}
