package kinesis.eval;

import java.util.Locale;
import kinesis.io.BadInputException;
import kinesis.task.ControlMode;
import kinesis.task.ImitationConfig;

/**
 * When an evaluation episode fails: the training rule or the paper's evaluation rule (reference
 * §3.8, §5).
 */
public enum Protocol {
  /** Any tracked body farther than 0.15 m from its reference. */
  TRAIN("train", "any tracked body > 0.15 m from its reference"),
  /** Mean distance over the tracked bodies above 0.5 m (the paper's Table I). */
  PAPER("paper", "mean tracked-body distance > 0.5 m");
  public final String label, rule;

  Protocol(String label, String rule) {
    this.label = label;
    this.rule = rule;
  }

  public ImitationConfig config(ControlMode control) {
    return this == TRAIN ? ImitationConfig.training(control) : ImitationConfig.evaluation(control);
  }

  /**
   * The configuration for a policy trained with the environment options {@code env}: its control
   * mode and the reference conventions it was trained under ({@link
   * ImitationConfig#CONVENTION_KEYS}).
   */
  public ImitationConfig config(java.util.Map<String, String> env) {
    ImitationConfig c = config(ControlMode.parse(env.getOrDefault("control", "direct")));
    for (String key : ImitationConfig.CONVENTION_KEYS)
      if (env.containsKey(key)) c = c.with(key, env.get(key));
    return c;
  }

  public static Protocol parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "train", "training" -> TRAIN;
      case "paper", "eval", "evaluation" -> PAPER;
      default -> throw new BadInputException("--protocol must be train or paper, not '" + s + "'");
    };
  }
}
