package kinesis.viz.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kinesis.io.BadInputException;

/** Parameters of live-steering requests: query strings and small form bodies. */
final class LiveParams {
  private LiveParams() {}

  /** Longest command body read (bytes), and how long a frame request waits for a new frame (ms). */
  static final int MAX_BODY = 1024, WAIT_MS = 500;

  /**
   * Adds {@code a=1&b} pairs (URL-encoded; a bare name has the value ""); a repeated name is
   * refused.
   */
  static void parse(String raw, Map<String, String> into) {
    if (raw == null || raw.isBlank()) return;
    for (String pair : raw.strip().split("&", 0)) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k, v;
      try {
        k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("malformed parameter '" + pair + "'");
      }
      if (into.put(k, v) != null) throw new BadInputException("parameter '" + k + "' given twice");
    }
  }

  /** A request body of at most {@link #MAX_BODY} bytes, as text. */
  static String body(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_BODY + 1);
    if (b.length > MAX_BODY)
      throw new BadInputException("command body longer than " + MAX_BODY + " bytes");
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A frame index ({@code since}); absent means "the newest frame only" (−1). */
  static long index(String s) {
    if (s == null || s.isEmpty()) return -1;
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new BadInputException("since must be a whole number, not '" + s + "'");
    }
  }
}
