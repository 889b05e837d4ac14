package kinesis.task.reach;

/**
 * Where directional-control commands come from: a script ({@link SteerSchedule}) or a person at the
 * keyboard ({@link SteerControl}). Asked once before every action.
 */
public interface SteerInput {
  /** The command in force at episode time {@code t} (s). */
  SteerSchedule.Command at(double t);
}
