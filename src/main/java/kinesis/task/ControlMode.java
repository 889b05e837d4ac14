package kinesis.task;

import kinesis.io.BadInputException;

/** How a policy action in [−1, 1] becomes muscle excitations (kinesis-reference.md §3.5). */
public enum ControlMode {
  /** Excitation = (a + 1) / 2. */
  DIRECT,
  /** Action = target muscle length; a PD law and the inverse force model give the excitation. */
  PD;

  /** Parses {@code direct} or {@code pd} (any case). */
  public static ControlMode parse(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "direct" -> DIRECT;
      case "pd" -> PD;
      default -> throw new BadInputException("unknown control mode '" + s + "'; known: direct, pd");
    };
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
