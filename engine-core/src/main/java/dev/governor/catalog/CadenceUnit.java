package dev.governor.catalog;

/** The single unit an ISO-8601 cadence is written in; the unit written is the unit used. */
public enum CadenceUnit {
  MINUTE('M', true, 60_000L),
  HOUR('H', true, 3_600_000L),
  DAY('D', false, 86_400_000L),
  WEEK('W', false, 7 * 86_400_000L),
  MONTH('M', false, 0L),
  YEAR('Y', false, 0L);

  private final char designator;
  private final boolean timePart;
  private final long fixedMillis;

  CadenceUnit(char designator, boolean timePart, long fixedMillis) {
    this.designator = designator;
    this.timePart = timePart;
    this.fixedMillis = fixedMillis;
  }

  /** The ISO-8601 designator letter. */
  public char designator() {
    return designator;
  }

  /** True for units written after {@code T} (minutes and hours). */
  public boolean isTimePart() {
    return timePart;
  }

  /** True when every period of this unit has the same length (all but months and years). */
  public boolean isFixedLength() {
    return fixedMillis > 0;
  }

  /** Length of one unit in milliseconds for fixed-length units; 0 for months and years. */
  public long fixedMillis() {
    return fixedMillis;
  }
}
