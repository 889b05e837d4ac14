package kinesis.eval.emg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.io.Assets;
import kinesis.io.BadInputException;

/**
 * One human EMG data set, gait-cycle averaged: {@code emg[subject][channel][point]} in the data
 * set's {@link TimeNormalisation}, and, where recorded, the mean joint angles in degrees ({@code
 * joints}: hip_flexion, hip_adduction, knee_angle, ankle_angle in the human convention, see {@link
 * JointAngles}). {@code trials[trial][channel][point]} holds single trials of one subject where the
 * data set has them (NaN where a channel was not recorded).
 */
public record HumanData(
    String name,
    String description,
    TimeNormalisation normalisation,
    List<String> channels,
    List<String> subjects,
    double[][][] emg,
    Map<String, double[]> joints,
    double[][][] trials,
    double stanceFraction) {

  public static final String FALISSE = "falisse2019";
  public static final String SANTUZ = "santuz2020";
  public static final List<String> NAMES = List.of(FALISSE, SANTUZ);

  /** Loads a data set by name from {@code data/emg/NAME} under the asset root. */
  public static HumanData load(String name) {
    return switch (name) {
      case FALISSE -> falisse(Assets.resolve("data/emg/" + FALISSE));
      case SANTUZ -> santuz(Assets.resolve("data/emg/" + SANTUZ));
      default ->
          throw new BadInputException(
              "unknown EMG data set '" + name + "'; known: " + String.join(", ", NAMES) + ", all");
    };
  }

  /** Index of a subject by name. */
  public int subject(String id) {
    int i = subjects.indexOf(id);
    if (i < 0)
      throw new BadInputException(
          "data set " + name + " has no subject '" + id + "'; subjects: " + subjects);
    return i;
  }

  /** The same data set reduced to one "subject": the point-wise mean over its subjects. */
  public HumanData groupMean() {
    double[][][] mean = new double[1][channels.size()][];
    for (int c = 0; c < channels.size(); c++) {
      List<double[]> curves = new ArrayList<>();
      for (double[][] s : emg) curves.add(s[c]);
      mean[0][c] = Stats.pointwiseMean(curves);
    }
    return new HumanData(
        name,
        description + " (mean of " + subjects.size() + " subjects)",
        normalisation,
        channels,
        List.of("mean"),
        mean,
        joints,
        trials,
        stanceFraction);
  }

  /**
   * Falisse et al. 2019: one subject, 14 right-leg muscles, mean over 11 overground trials on a
   * 100-point cycle from right heel strike; joint angles (OpenSim convention, degrees); stance ends
   * where the vertical ground reaction force vanishes.
   */
  static HumanData falisse(Path dir) {
    Csv mean = Csv.read(dir.resolve("EMG_subject1_mean.csv"));
    List<String> channels = mean.header().subList(1, mean.header().size());
    double[][] curves = columns(mean, channels, 100);
    Csv qs = Csv.read(dir.resolve("Qs_deg_subject1_mean.csv"));
    Map<String, double[]> joints = new LinkedHashMap<>();
    for (String j : JointAngles.HUMAN_COLUMNS) joints.put(j, finite(qs, j, 100));
    Csv grf = Csv.read(dir.resolve("GRFs_subject1_mean.csv"));
    double[] vertical = finite(grf, "Vertical", 100);
    Csv all = Csv.read(dir.resolve("EMG_subject1_all_trials_long.csv"));
    double[] trialIds = finite(all, "trial", all.rows().size());
    int nTrials = (int) java.util.Arrays.stream(trialIds).max().orElse(-1) + 1;
    if (all.rows().size() != nTrials * 100) {
      throw new BadInputException(
          all.file(),
          "expected 100 rows per trial, found "
              + all.rows().size()
              + " rows for "
              + nTrials
              + " trials");
    }
    double[][][] trials = new double[nTrials][channels.size()][100];
    for (int c = 0; c < channels.size(); c++) {
      double[] col = all.numbers(channels.get(c));
      for (int r = 0; r < col.length; r++) trials[(int) trialIds[r]][c][r % 100] = col[r];
    }
    return new HumanData(
        FALISSE,
        "Falisse et al. 2019, 1 subject, overground walking, mean of 11 trials",
        TimeNormalisation.CYCLE_100,
        List.copyOf(channels),
        List.of("subject1"),
        new double[][][] {curves},
        joints,
        trials,
        stanceFraction(vertical));
  }

  /**
   * Santuz et al. 2020: 15 subjects, treadmill walking, 13 right-leg muscles, 200 points (100
   * stance + 100 swing), amplitude normalised to the maximum.
   */
  static HumanData santuz(Path dir) {
    Csv v = Csv.read(dir.resolve("SYNS_V_15subjects_treadmill_walking_200pts.csv"));
    int trialCol = v.column("trial");
    List<String> channels = v.header().subList(v.column("point") + 1, v.header().size());
    Map<String, List<Integer>> rowsBySubject = new LinkedHashMap<>();
    for (int r = 0; r < v.rows().size(); r++)
      rowsBySubject.computeIfAbsent(v.text().get(r)[trialCol], k -> new ArrayList<>()).add(r);
    double[][][] emg = new double[rowsBySubject.size()][channels.size()][200];
    int s = 0;
    for (var e : rowsBySubject.entrySet()) {
      if (e.getValue().size() != 200) {
        throw new BadInputException(
            v.file(),
            "subject " + e.getKey() + " has " + e.getValue().size() + " rows, expected 200");
      }
      for (int c = 0; c < channels.size(); c++) {
        double[] col = v.numbers(channels.get(c));
        for (int p = 0; p < 200; p++) {
          double x = col[e.getValue().get(p)];
          if (!Double.isFinite(x))
            throw new BadInputException(
                v.file(), "subject " + e.getKey() + ", " + channels.get(c) + ": missing value");
          emg[s][c][p] = x;
        }
      }
      s++;
    }
    // stance share of the cycle, from the touchdown / lift-off times of the one raw trial
    Csv events = Csv.read(dir.resolve("ID0012_TW_01_cycles_touchdown_liftoff_s.csv"));
    double[] td = finite(events, events.header().get(0), events.rows().size());
    double[] lo = finite(events, events.header().get(1), events.rows().size());
    double stance = 0;
    for (int i = 0; i + 1 < td.length; i++)
      stance += (lo[i] - td[i]) / (td[i + 1] - td[i]) / (td.length - 1);
    return new HumanData(
        SANTUZ,
        "Santuz et al. 2020, 15 subjects, treadmill walking",
        TimeNormalisation.STANCE_SWING_200,
        List.copyOf(channels),
        List.copyOf(rowsBySubject.keySet()),
        emg,
        Map.of(),
        new double[0][][],
        stance);
  }

  private static double[][] columns(Csv csv, List<String> names, int points) {
    double[][] out = new double[names.size()][];
    for (int c = 0; c < names.size(); c++) out[c] = finite(csv, names.get(c), points);
    return out;
  }

  /** A column that must hold exactly {@code n} finite numbers. */
  private static double[] finite(Csv csv, String name, int n) {
    double[] col = csv.numbers(name);
    if (col.length != n)
      throw new BadInputException(
          csv.file(), "column '" + name + "' has " + col.length + " rows, expected " + n);
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(col[i]))
        throw new BadInputException(
            csv.file(), "column '" + name + "', row " + (i + 1) + ": missing value");
    }
    return col;
  }

  /** First point after early stance where the vertical force falls below 2 % of its peak. */
  private static double stanceFraction(double[] vertical) {
    double peak = java.util.Arrays.stream(vertical).max().orElse(0);
    for (int i = 10; i < vertical.length; i++)
      if (vertical[i] < 0.02 * peak) return i / (double) vertical.length;
    return 0.6;
  }
}
