package kinesis.motion.text;

import kinesis.motion.Importers;

/**
 * One way from a sentence to a reference motion for a body ({@code importers} converts motions for
 * it).
 */
public interface TextRoute {
  /** The route's name as {@code --source} spells it. */
  String name();

  /** The reference for the prompt; no usable material is a {@link kinesis.io.BadInputException}. */
  Reference reference(String prompt, Importers importers);
}
