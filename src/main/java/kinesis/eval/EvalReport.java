package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kinesis.task.TrackingError;

/**
 * The results of N evaluation runs over the same clips: a Table-I-shaped Markdown table with a
 * per-skill table, the same numbers as JSON, per-clip CSV rows and the failed clips (mining input).
 *
 * @param policy what was evaluated (path and description)
 * @param split clip-set split (train, test, all)
 * @param protocol termination protocol
 * @param stochastic whether acting used randomness (else the runs repeat exactly and the SEM is 0)
 * @param seeds seed of each run
 * @param runs per run, the outcomes in clip order
 */
public record EvalReport(
    String policy,
    String split,
    Protocol protocol,
    boolean stochastic,
    List<Long> seeds,
    List<List<ClipOutcome>> runs) {

  public Summary.Row overall() {
    return Summary.row(runs);
  }

  public Map<String, Summary.Row> perSkill() {
    return Summary.perSkill(runs);
  }

  /** Clips that failed in at least one run, in clip order. */
  public List<String> failed() {
    Set<String> f = new LinkedHashSet<>();
    for (ClipOutcome o : runs.get(0)) {
      for (List<ClipOutcome> run : runs) {
        for (ClipOutcome p : run) if (p.clip().equals(o.clip()) && !p.success()) f.add(o.clip());
      }
    }
    return new ArrayList<>(f);
  }

  /** Note on what the ± means. */
  public String semNote() {
    int n = runs.size();
    if (n < 2) return "one run: no standard error (± 0)";
    return stochastic
        ? "± is the standard error of the mean over " + n + " runs (seeds " + seeds + ")"
        : "± over "
            + n
            + " runs is 0: a single deterministic expert repeats exactly, only a mixture's expert sampling varies between seeds";
  }

  public String markdown() {
    Map<String, Summary.Row> sets = new LinkedHashMap<>();
    sets.put(split, overall());
    StringBuilder sb = new StringBuilder();
    sb.append("Policy: ").append(policy).append('\n');
    sb.append("Protocol: ")
        .append(protocol.label)
        .append(" (failure: ")
        .append(protocol.rule)
        .append(")\n");
    sb.append(
        "MPJPE: each clip's own mean over tracked bodies and steps (the reference code's running mean across clips is not reproduced)\n");
    sb.append(semNote()).append("\n\n");
    sb.append(Summary.markdown("KINESIS (ours)", sets));
    Summary.Stat all = overall().mpjpeAllFramesMm();
    sb.append(
            String.format(
                Locale.ROOT,
                "MPJPE over all scored frames of the split (the paper's wording; long clips weigh more): %.2f ± %.2f mm%n",
                all.mean(),
                all.sem()))
        .append('\n');
    sb.append(
        "| Skill | Motions | Frame coverage ↑ | Success ↑ | MPJPE (mm) ↓ |\n|---|---|---|---|---|\n");
    perSkill()
        .forEach(
            (skill, r) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "| %s | %d | %.2f ± %.2f %% | %.2f ± %.2f %% | %.2f ± %.2f |%n",
                        skill,
                        r.clips(),
                        r.frameCoverage().mean(),
                        r.frameCoverage().sem(),
                        r.successRate().mean(),
                        r.successRate().sem(),
                        r.mpjpeMm().mean(),
                        r.mpjpeMm().sem())));
    List<String> f = failed();
    sb.append('\n')
        .append(
            f.isEmpty()
                ? "No failed clips."
                : "Failed clips (" + f.size() + "): " + String.join(", ", f))
        .append('\n');
    if (!f.isEmpty()) sb.append('\n').append(failureTable());
    return sb.toString();
  }

  /**
   * How the first run's failed episodes ended: the root's offset from its reference in the
   * reference's heading frame (behind/ahead, left/right, below/above) and the farthest tracked
   * body.
   */
  private String failureTable() {
    StringBuilder sb =
        new StringBuilder(
            """
            How the failed episodes of run 1 ended (root minus reference, in the reference's \
            heading frame):

            | Clip | Frame | Root forward (m) | Root left (m) | Root up (m) | Farthest body (m) |
            |---|---|---|---|---|---|
            """);
    for (ClipOutcome o : runs.get(0)) {
      if (o.success()) continue;
      TrackingError e = o.end();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %+.2f | %+.2f | %+.2f | %s %.2f |%n",
              o.clip(),
              o.failureFrame(),
              e.forward(),
              e.left(),
              e.up(),
              e.farthest(),
              e.farthestDistance()));
    }
    return sb.toString();
  }

  private static Map<String, Object> row(Summary.Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clips", r.clips());
    m.put("frame_coverage", stat(r.frameCoverage()));
    m.put("success_rate", stat(r.successRate()));
    m.put("mpjpe_mm", stat(r.mpjpeMm()));
    m.put("mpjpe_all_frames_mm", stat(r.mpjpeAllFramesMm()));
    return m;
  }

  private static Map<String, Object> stat(Summary.Stat s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", finite(s.mean()));
    m.put("sem", finite(s.sem()));
    return m;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * JSON object: the Table-I numbers (percent, mm), per skill, protocol, runs and per-clip results.
   */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", policy);
    m.put("split", split);
    m.put("protocol", protocol.label);
    m.put("protocol_rule", protocol.rule);
    m.put("runs", runs.size());
    m.put("seeds", seeds);
    m.put("stochastic", stochastic);
    m.put("sem_note", semNote());
    m.putAll(row(overall()));
    Map<String, Object> skills = new LinkedHashMap<>();
    perSkill().forEach((k, r) -> skills.put(k, row(r)));
    m.put("per_skill", skills);
    m.put("failed", failed());
    List<Object> clips = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      for (ClipOutcome o : runs.get(r)) clips.add(clipJson(r, o));
    }
    m.put("clips", clips);
    return m;
  }

  private Map<String, Object> clipJson(int run, ClipOutcome o) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("run", run);
    c.put("clip", o.clip());
    c.put("skill", o.skill());
    c.put("success", o.success());
    c.put("coverage", o.coverage());
    c.put("mpjpe_mm", finite(o.mpjpeMm()));
    c.put("failure_frame", o.failureFrame());
    c.put("steps", o.steps());
    c.put("end", o.end().json());
    return c;
  }

  /**
   * Per-clip CSV with a header: run, seed, clip, skill, success, coverage, mpjpe_mm, failure_frame,
   * steps, and the last step's root offset and farthest body ({@link TrackingError}).
   */
  public String csv() {
    StringBuilder sb =
        new StringBuilder(
            "run,seed,clip,skill,success,coverage,mpjpe_mm,failure_frame,steps,"
                + "end_root_forward_m,end_root_left_m,end_root_up_m,end_farthest_body,end_farthest_m\n");
    for (int r = 0; r < runs.size(); r++) {
      for (ClipOutcome o : runs.get(r)) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%d,%d,%s,%s,%b,%.6f,%.4f,%d,%d,%.4f,%.4f,%.4f,%s,%.4f%n",
                r,
                seeds.get(r),
                o.clip(),
                o.skill(),
                o.success(),
                o.coverage(),
                o.mpjpeMm(),
                o.failureFrame(),
                o.steps(),
                o.end().forward(),
                o.end().left(),
                o.end().up(),
                o.end().farthest(),
                o.end().farthestDistance()));
      }
    }
    return sb.toString();
  }
}
