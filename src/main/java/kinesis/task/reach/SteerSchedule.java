package kinesis.task.reach;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kinesis.io.BadInputException;

/**
 * A directional-control script (kinesis-reference.md §6.2): from each command's time on, the goal
 * is kept {@code distance} m from the pelvis in {@code direction} (degrees from the start's
 * heading, 90 = left), or at the pelvis ({@code stop}). Read from YAML:
 *
 * <pre>
 * duration: 10            # seconds
 * commands:
 *   - {time: 0, direction: 0, distance: 1.265}
 *   - {time: 4, direction: 90}          # distance carries over
 *   - {time: 8, stop: true}
 * </pre>
 */
public record SteerSchedule(double duration, List<Command> commands) implements SteerInput {
  /** The reference's goal distance (m). */
  public static final double DEFAULT_DISTANCE = 1.265;

  /** Limits of the distance, as the reference's keyboard allows (m). */
  public static final double MIN_DISTANCE = 0.1, MAX_DISTANCE = 3;

  public record Command(double time, double direction, double distance, boolean stop) {}

  public SteerSchedule {
    commands = List.copyOf(commands);
  }

  /** The command in force at time {@code t} (s). */
  @Override
  public Command at(double t) {
    Command c = commands.get(0);
    for (Command k : commands) if (k.time() <= t + 1e-9) c = k;
    return c;
  }

  public static SteerSchedule read(Path file) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file, "no such schedule file");
    Object root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
    } catch (IOException e) {
      throw new BadInputException(
          file, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(root instanceof Map<?, ?> m))
      throw new BadInputException(file, "expected a mapping with duration: and commands:");
    double duration = number(file, m.get("duration"), "duration");
    if (!(duration > 0))
      throw new BadInputException(file, "duration must be positive, not " + duration);
    if (!(m.get("commands") instanceof List<?> list) || list.isEmpty())
      throw new BadInputException(file, "commands: must be a non-empty list");
    List<Command> out = new ArrayList<>();
    double distance = DEFAULT_DISTANCE, direction = 0, last = -1;
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> c))
        throw new BadInputException(file, "command " + (i + 1) + " is not a mapping");
      String where = "command " + (i + 1);
      double time = number(file, c.get("time"), where + " time");
      if (time < 0 || time <= last)
        throw new BadInputException(
            file, where + ": times must start at 0 or later and increase (" + time + ")");
      if (i == 0 && time != 0)
        throw new BadInputException(file, "the first command must be at time 0");
      if (time >= duration)
        throw new BadInputException(
            file, where + " at " + time + " s starts after the duration " + duration + " s");
      boolean stop = Boolean.TRUE.equals(c.get("stop"));
      if (c.containsKey("direction"))
        direction = number(file, c.get("direction"), where + " direction");
      if (c.containsKey("distance"))
        distance = number(file, c.get("distance"), where + " distance");
      if (distance < MIN_DISTANCE || distance > MAX_DISTANCE) {
        throw new BadInputException(
            file,
            where
                + ": distance must be within "
                + MIN_DISTANCE
                + "–"
                + MAX_DISTANCE
                + " m, not "
                + distance);
      }
      for (Object k : c.keySet()) {
        if (!List.of("time", "direction", "distance", "stop").contains(String.valueOf(k))) {
          throw new BadInputException(
              file, where + ": unknown key '" + k + "' (time, direction, distance, stop)");
        }
      }
      out.add(new Command(time, direction, distance, stop));
      last = time;
    }
    return new SteerSchedule(duration, out);
  }

  private static double number(Path file, Object v, String what) {
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
    throw new BadInputException(file, what + " must be a finite number, not " + v);
  }
}
