package dev.governor.demo;

/**
 * A budget's utilization as the console shows it: a bar of {@value #WIDTH} cells and a whole
 * percentage, e.g. {@code ████████░░  81%}. Both are rounded down from the exact integers, so a
 * budget shows 100% and a full bar only when it is really at its limit. Over the limit (ingest
 * never gates) the bar stays full and the percentage passes 100; a tracked-but-unlimited budget
 * shows a dotted bar and a dash.
 */
final class UtilizationBar {
  static final int WIDTH = 10;
  static final char FULL = '█';
  static final char EMPTY = '░';
  static final char UNLIMITED = '·';
  private static final int PERCENT_WIDTH = 4;

  private UtilizationBar() {}

  /**
   * The bar and percentage of {@code usage} against {@code limit}.
   *
   * @param usage the usage, at least 0
   * @param limit the limit, or null when unlimited
   */
  static String render(long usage, Long limit) {
    if (limit == null) {
      return bar(0, UNLIMITED) + " " + pad("—");
    }
    if (limit == 0) {
      return bar(WIDTH, FULL) + " " + pad(usage == 0 ? "100%" : "∞");
    }
    long percent = fraction(usage, limit, 100);
    return bar((int) Math.min(WIDTH, fraction(usage, limit, WIDTH)), EMPTY) + " " + pad(percent + "%");
  }

  /** {@code floor(usage * scale / limit)} without overflow. */
  private static long fraction(long usage, long limit, int scale) {
    return usage <= Long.MAX_VALUE / scale ? usage * scale / limit : (long) (usage / (double) limit * scale);
  }

  private static String bar(int filled, char rest) {
    return String.valueOf(FULL).repeat(filled) + String.valueOf(rest).repeat(WIDTH - filled);
  }

  private static String pad(String text) {
    return " ".repeat(Math.max(0, PERCENT_WIDTH - text.length())) + text;
  }
}
