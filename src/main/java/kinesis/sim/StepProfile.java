package kinesis.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code mj_step} spends its time, from MuJoCo's own timers ({@code mjData.timer}, recorded
 * while {@code mjcb_time} is set) as the C reference loop prints them: one line {@code timer
 * <index> <name> <seconds> <calls>} per timer. The timers nest (step ⊃ forward ⊃ position ⊃
 * pos_collision ⊃ col_*); what a parent spends outside its timed children is shown as "untimed"
 * under it (e.g. the acceleration and sensor stages inside forward).
 */
public record StepProfile(String model, double stepsPerSecond, List<Timer> timers) {

  /** One timer's totals over the profiled steps. */
  public record Timer(String name, double seconds, long calls) {}

  /** Parent of each timer of MuJoCo 3.14 (mjtTimer); a name not listed has none. */
  static final Map<String, String> PARENT =
      Map.ofEntries(
          Map.entry("forward", "step"),
          Map.entry("advance", "step"),
          Map.entry("position", "forward"),
          Map.entry("velocity", "forward"),
          Map.entry("actuation", "forward"),
          Map.entry("constraint", "forward"),
          Map.entry("pos_kinematics", "position"),
          Map.entry("pos_inertia", "position"),
          Map.entry("pos_collision", "position"),
          Map.entry("pos_make", "position"),
          Map.entry("pos_project", "position"),
          Map.entry("col_broadphase", "pos_collision"),
          Map.entry("col_narrowphase", "pos_collision"));

  /**
   * Parses the C loop's output; throws {@link IllegalArgumentException} when it has no step timer.
   */
  public static StepProfile parse(String model, String output) {
    double rate = Double.NaN;
    List<Timer> timers = new ArrayList<>();
    for (String line : output.split("\n", 0)) {
      String[] f = line.trim().split("\\s+", 0);
      if (f.length == 2 && f[0].equals("steps_per_s")) rate = Double.parseDouble(f[1]);
      if (f.length == 5 && f[0].equals("timer"))
        timers.add(new Timer(f[2], Double.parseDouble(f[3]), Long.parseLong(f[4])));
    }
    StepProfile p = new StepProfile(model, rate, List.copyOf(timers));
    if (p.find("step") == null || p.find("step").calls() == 0)
      throw new IllegalArgumentException("no step timer in the profile output: " + output);
    return p;
  }

  Timer find(String name) {
    for (Timer t : timers) if (t.name().equals(name)) return t;
    return null;
  }

  /** Number of steps profiled (calls of the step timer). */
  public long steps() {
    return find("step").calls();
  }

  /** Microseconds per step of {@code seconds} spread over the profiled steps. */
  private double usPerStep(double seconds) {
    return 1e6 * seconds / steps();
  }

  /**
   * The timers in tree order (depth first), each with its depth; timers never called are left out,
   * untimed remainders added.
   */
  public List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Timer t : timers) if (t.calls() > 0 && parent(t.name()) == null) addTree(t, 0, rows);
    return rows;
  }

  private String parent(String name) {
    String p = PARENT.get(name);
    return p != null && find(p) != null && find(p).calls() > 0 ? p : null;
  }

  private void addTree(Timer t, int depth, List<Map<String, Object>> rows) {
    double step = find("step").seconds();
    rows.add(row(t.name(), depth, t.seconds(), step, (double) t.calls() / steps()));
    double children = 0;
    boolean any = false;
    for (Timer c : timers) {
      if (c.calls() > 0 && t.name().equals(parent(c.name()))) {
        addTree(c, depth + 1, rows);
        children += c.seconds();
        any = true;
      }
    }
    if (any)
      rows.add(row("untimed", depth + 1, Math.max(0, t.seconds() - children), step, Double.NaN));
  }

  private Map<String, Object> row(
      String name, int depth, double seconds, double step, double callsPerStep) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("depth", depth);
    r.put("us_per_step", round(usPerStep(seconds), 3));
    r.put("fraction_of_step", round(seconds / step, 4));
    if (!Double.isNaN(callsPerStep)) r.put("calls_per_step", round(callsPerStep, 3));
    return r;
  }

  /** The JSON object of this profile. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("steps", steps());
    m.put("us_per_step", round(usPerStep(find("step").seconds()), 3));
    m.put("steps_per_s_with_timers", round(stepsPerSecond, 1));
    m.put("timers", rows());
    return m;
  }

  /** A readable table: one indented line per timer with µs per step and its share of the step. */
  public String table() {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %.1f us per mj_step (%,d steps profiled, timers on)%n",
                model,
                usPerStep(find("step").seconds()),
                steps()));
    for (Map<String, Object> r : rows()) {
      String label = "  ".repeat((Integer) r.get("depth")) + r.get("name");
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-26s %9.2f us %6.1f %%%n",
              label,
              (Double) r.get("us_per_step"),
              100 * (Double) r.get("fraction_of_step")));
    }
    return sb.toString();
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
