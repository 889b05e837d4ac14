package kinesis.cli;

/**
 * Typed views of the numbers in a JSON-ready report ({@code Map<String, Object>}), so that printf
 * conversions such as {@code %.1f} and {@code %,d} get a Double or a Long, not an Object. The
 * printed text is unchanged, a missing value (null) included: it still prints as {@code null}.
 */
final class ReportValues {
  private ReportValues() {}

  /** The report value as a Double, for {@code %f} and {@code %e}. */
  static Double real(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  /** The report value as a Long, for {@code %d}. */
  static Long whole(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }
}
