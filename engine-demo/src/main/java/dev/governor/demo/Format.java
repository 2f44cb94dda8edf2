package dev.governor.demo;

import java.util.Locale;

/** Number formatting shared by the report and the progress line. */
final class Format {
  private Format() {}

  /** {@code 1234567} as {@code 1,234,567}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code part / whole} as a percentage with one decimal, {@code 0.0%} when whole is 0. */
  static String share(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
  }
}
