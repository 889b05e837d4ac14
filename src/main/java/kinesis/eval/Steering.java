package kinesis.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kinesis.body.BodyModel;
import kinesis.motion.Clip;
import kinesis.rl.moe.Controller;
import kinesis.task.Rollout;
import kinesis.task.reach.ReachConfig;
import kinesis.task.reach.SteerEpisode;
import kinesis.task.reach.SteerSchedule;

/**
 * Runs a directional-control schedule with a goal-reaching policy and measures, per command, where
 * the pelvis went: the direction of its displacement relative to the start heading, the distance
 * and mean speed, and the error to the commanded direction.
 */
public final class Steering {
  private Steering() {}

  /** One command's span: commanded direction (deg; NaN for stop), what the pelvis did. */
  public record Segment(
      double from,
      double to,
      boolean stop,
      double commandedDeg,
      double travelledM,
      double speedMs,
      double actualDeg,
      double errorDeg) {}

  public record Result(List<Segment> segments, boolean fell, double seconds) {}

  public static Result run(
      BodyModel body,
      Clip start,
      ReachConfig cfg,
      Controller c,
      SteerSchedule schedule,
      Rollout.Builder recorder) {
    try (SteerDriver driver = new SteerDriver(body, start, cfg, c, schedule.duration())) {
      SteerEpisode ep = driver.episode();
      driver.start();
      if (recorder != null) ep.record(recorder, body);
      List<SteerSchedule.Command> cmds = schedule.commands();
      double[][] at =
          new double[cmds.size() + 1][]; // pelvis at each command's start, and at the end
      double[] times = new double[cmds.size() + 1];
      int k = -1;
      boolean going = true;
      double t = 0;
      while (going) {
        t = driver.time();
        int idx = cmds.indexOf(schedule.at(t));
        while (k < idx) {
          k++;
          at[k] = ep.root();
          times[k] = t;
        }
        going = driver.step(schedule);
        if (recorder != null) ep.record(recorder, body);
      }
      t = driver.time();
      at[k + 1] = ep.root();
      times[k + 1] = t;
      List<Segment> segs = new ArrayList<>();
      for (int i = 0; i <= k; i++) {
        SteerSchedule.Command cmd = cmds.get(i);
        double dx = at[i + 1][0] - at[i][0],
            dy = at[i + 1][1] - at[i][1],
            dist = Math.hypot(dx, dy);
        double span = times[i + 1] - times[i];
        double actual =
            dist > 0.05 ? wrap(Math.toDegrees(Math.atan2(dy, dx) - ep.startHeading())) : Double.NaN;
        double commanded = cmd.stop() ? Double.NaN : wrap(cmd.direction());
        segs.add(
            new Segment(
                times[i],
                times[i + 1],
                cmd.stop(),
                commanded,
                dist,
                span > 0 ? dist / span : 0,
                actual,
                wrap(actual - commanded)));
      }
      return new Result(segs, ep.fell(), t);
    }
  }

  /** An angle in degrees wrapped into (−180, 180] (NaN stays NaN). */
  static double wrap(double deg) {
    if (Double.isNaN(deg)) return deg;
    double w = deg % 360;
    if (w > 180) w -= 360;
    if (w <= -180) w += 360;
    return w;
  }

  public static Map<String, Object> toJson(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", r.seconds());
    m.put("fell", r.fell());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Segment s : r.segments()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("from_s", s.from());
      row.put("to_s", s.to());
      row.put("command", s.stop() ? "stop" : String.format("%.0f deg", s.commandedDeg()));
      row.put("travelled_m", s.travelledM());
      row.put("speed_m_s", s.speedMs());
      row.put("direction_deg", Double.isNaN(s.actualDeg()) ? null : s.actualDeg());
      row.put("error_deg", Double.isNaN(s.errorDeg()) ? null : s.errorDeg());
      rows.add(row);
    }
    m.put("segments", rows);
    return m;
  }
}
