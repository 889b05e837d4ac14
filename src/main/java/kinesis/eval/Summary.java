package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Table-I numbers over N evaluation runs: frame coverage (%), success rate (%) and MPJPE (mm), each
 * as mean and standard error of the mean over runs, overall and per skill.
 */
public final class Summary {
  private Summary() {}

  /** Mean and standard error of the mean (sample std / √n; 0 for one run). */
  public record Stat(double mean, double sem) {
    static Stat of(double[] xs) {
      int n = xs.length;
      double m = 0;
      for (double x : xs) m += x;
      m /= n;
      if (n < 2) return new Stat(m, 0);
      double v = 0;
      for (double x : xs) v += (x - m) * (x - m);
      return new Stat(m, Math.sqrt(v / (n - 1) / n));
    }
  }

  /**
   * The three Table-I metrics for a group of clips; {@code mpjpeMm} is the mean of the clips' own
   * MPJPEs, {@code mpjpeAllFramesMm} the mean over every scored step of every clip (the paper's
   * wording, "averaged across all frames": long clips weigh more).
   */
  public record Row(
      int clips, Stat frameCoverage, Stat successRate, Stat mpjpeMm, Stat mpjpeAllFramesMm) {}

  /** Aggregates one or more runs (each a list of outcomes over the same clips). */
  public static Row row(List<List<ClipOutcome>> runs) {
    int n = runs.size();
    double[] cov = new double[n], suc = new double[n], mpj = new double[n], all = new double[n];
    for (int r = 0; r < n; r++) {
      List<ClipOutcome> run = runs.get(r);
      double c = 0, s = 0, e = 0, frames = 0, frameErrors = 0;
      int scored = 0;
      for (ClipOutcome o : run) {
        c += o.coverage();
        s += o.success() ? 1 : 0;
        if (!Double.isNaN(o.mpjpeMm())) {
          e += o.mpjpeMm();
          scored++;
          frameErrors += o.mpjpeMm() * o.steps();
          frames += o.steps();
        }
      }
      cov[r] = 100 * c / run.size();
      suc[r] = 100 * s / run.size();
      mpj[r] = scored == 0 ? Double.NaN : e / scored;
      all[r] = frames == 0 ? Double.NaN : frameErrors / frames;
    }
    return new Row(
        runs.isEmpty() ? 0 : runs.get(0).size(),
        Stat.of(cov),
        Stat.of(suc),
        Stat.of(mpj),
        Stat.of(all));
  }

  /** One row per skill label (sorted), computed on the clips of that skill only. */
  public static Map<String, Row> perSkill(List<List<ClipOutcome>> runs) {
    Map<String, List<List<ClipOutcome>>> bySkill = new TreeMap<>();
    for (List<ClipOutcome> run : runs) {
      Map<String, List<ClipOutcome>> split = new LinkedHashMap<>();
      for (ClipOutcome o : run) split.computeIfAbsent(o.skill(), s -> new ArrayList<>()).add(o);
      split.forEach(
          (skill, list) -> bySkill.computeIfAbsent(skill, s -> new ArrayList<>()).add(list));
    }
    Map<String, Row> out = new LinkedHashMap<>();
    bySkill.forEach((skill, list) -> out.put(skill, row(list)));
    return out;
  }

  /** A Markdown table shaped like the paper's Table I (one column group per clip set). */
  public static String markdown(String model, Map<String, Row> sets) {
    StringBuilder head = new StringBuilder("| Model |");
    StringBuilder rule = new StringBuilder("|---|");
    StringBuilder line = new StringBuilder("| " + model + " |");
    sets.forEach(
        (name, row) -> {
          head.append(" ")
              .append(name)
              .append(" (")
              .append(row.clips())
              .append(" motions) Frame coverage ↑ | Success ↑ | MPJPE (mm) ↓ |");
          rule.append("---|---|---|");
          line.append(
              String.format(
                  " %.2f ± %.2f %% | %.2f ± %.2f %% | %.2f ± %.2f |",
                  row.frameCoverage().mean(),
                  row.frameCoverage().sem(),
                  row.successRate().mean(),
                  row.successRate().sem(),
                  row.mpjpeMm().mean(),
                  row.mpjpeMm().sem()));
        });
    return head + "\n" + rule + "\n" + line + "\n";
  }
}
