package dev.governor.catalog;

import dev.governor.ValidationException;

/**
 * How often a budget's usage restarts: an ISO-8601 duration of one unit and a whole amount, such as
 * {@code PT15M}, {@code PT1H}, {@code P1D}, {@code P7D}, {@code P1W}, {@code P1M}, {@code P3M},
 * {@code P1Y}. Immutable.
 *
 * <p>Accepted: exactly one designator, an amount of at least 1, a length of at least one minute and
 * at most {@value #MAX_YEARS} years (so period arithmetic never overflows). Seconds, fractions,
 * signs, lowercase designators and combined units such as {@code P1M2D} are rejected.
 *
 * @param amount how many units, at least 1
 * @param unit the unit the cadence was written in
 */
public record Cadence(int amount, CadenceUnit unit) {
  /** The longest cadence accepted, in years. */
  public static final int MAX_YEARS = 100;

  public Cadence {
    if (unit == null) {
      throw new ValidationException("cadence.unit", null, "is required");
    }
    if (amount < 1 || amount > maxAmount(unit)) {
      throw new ValidationException(
          "cadence", "P" + (unit.isTimePart() ? "T" : "") + amount + unit.designator(),
          "must have an amount between 1 and " + maxAmount(unit) + " for unit " + unit);
    }
  }

  /** Shared instances of the common cadences, so millions of budgets do not each hold a copy. */
  private static final int INTERNED = 60;
  private static final Cadence[][] COMMON = new Cadence[CadenceUnit.values().length][INTERNED + 1];

  static {
    for (CadenceUnit unit : CadenceUnit.values()) {
      for (int amount = 1; amount <= INTERNED; amount++) {
        COMMON[unit.ordinal()][amount] = new Cadence(amount, unit);
      }
    }
  }

  /** One unit, e.g. {@code Cadence.of(1, MONTH)} is {@code P1M}. */
  public static Cadence of(int amount, CadenceUnit unit) {
    if (unit != null && amount >= 1 && amount <= INTERNED) {
      return COMMON[unit.ordinal()][amount];
    }
    return new Cadence(amount, unit);
  }

  /** Shorthand for {@code P1M}. */
  public static Cadence monthly() {
    return of(1, CadenceUnit.MONTH);
  }

  /**
   * Parses an ISO-8601 single-unit duration.
   *
   * @throws ValidationException naming field {@code cadence} and quoting the input when it is not
   *     an accepted cadence
   */
  public static Cadence parse(String text) {
    return parse(-1, "cadence", text);
  }

  /** Parses like {@link #parse(String)}, reporting errors against the given batch index and field. */
  public static Cadence parse(int index, String field, String text) {
    if (text == null) {
      throw new ValidationException(index, field, null, "must be an ISO-8601 duration such as P1M");
    }
    int n = text.length();
    if (n < 3 || n > 16 || text.charAt(0) != 'P') {
      throw bad(index, field, text, "must be an ISO-8601 duration of one unit, such as PT15M, P1D, P1W, P1M or P1Y");
    }
    int pos = 1;
    boolean time = false;
    if (text.charAt(pos) == 'T') {
      time = true;
      pos++;
    }
    int digitsStart = pos;
    long amount = 0;
    while (pos < n && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      amount = amount * 10 + (text.charAt(pos) - '0');
      pos++;
    }
    if (pos == digitsStart) {
      throw bad(index, field, text, "must have a whole amount before the unit, such as P1M");
    }
    if (pos != n - 1) {
      throw bad(index, field, text, "must use exactly one unit (combined units such as P1M2D are not supported)");
    }
    char d = text.charAt(pos);
    CadenceUnit unit;
    if (time) {
      if (d == 'S') {
        throw bad(index, field, text, "must be at least one minute (seconds are not supported)");
      }
      unit = d == 'M' ? CadenceUnit.MINUTE : d == 'H' ? CadenceUnit.HOUR : null;
    } else {
      unit = switch (d) {
        case 'D' -> CadenceUnit.DAY;
        case 'W' -> CadenceUnit.WEEK;
        case 'M' -> CadenceUnit.MONTH;
        case 'Y' -> CadenceUnit.YEAR;
        default -> null;
      };
    }
    if (unit == null) {
      throw bad(index, field, text, "has an unknown unit '" + d + "' (use PTnM, PTnH, PnD, PnW, PnM or PnY)");
    }
    if (amount < 1) {
      throw bad(index, field, text, "must have an amount of at least 1");
    }
    if (amount > maxAmount(unit)) {
      throw bad(index, field, text, "must be at most " + MAX_YEARS + " years long");
    }
    return of((int) amount, unit);
  }

  private static ValidationException bad(int index, String field, String text, String problem) {
    return new ValidationException(index, field, text, problem);
  }

  private static long maxAmount(CadenceUnit unit) {
    return switch (unit) {
      case MINUTE -> MAX_YEARS * 366L * 24 * 60;
      case HOUR -> MAX_YEARS * 366L * 24;
      case DAY -> MAX_YEARS * 366L;
      case WEEK -> MAX_YEARS * 53L;
      case MONTH -> MAX_YEARS * 12L;
      case YEAR -> MAX_YEARS;
    };
  }

  /** The ISO-8601 text, e.g. {@code P1M} or {@code PT15M}. */
  @Override
  public String toString() {
    return (unit.isTimePart() ? "PT" : "P") + amount + unit.designator();
  }
}
