package kinesis.nn;

import java.util.Locale;
import kinesis.io.BadInputException;

/**
 * Number format of inference-only weights. Training always keeps float32; {@code int16} and {@code
 * int8} store each weight row as integers with one float scale per row (max |w| of the row maps to
 * the largest integer), so batch-1 inference reads 2 or 4 times fewer bytes.
 */
public enum Precision {
  FLOAT32(0),
  INT16(Short.MAX_VALUE),
  INT8(Byte.MAX_VALUE);

  /** Largest integer a weight maps to (0: not quantised). */
  public final int levels;

  Precision(int levels) {
    this.levels = levels;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Precision parse(String s) {
    for (Precision p : values()) if (p.label().equals(s.trim().toLowerCase(Locale.ROOT))) return p;
    throw new BadInputException("--weights must be float32, int16 or int8, not '" + s + "'");
  }
}
