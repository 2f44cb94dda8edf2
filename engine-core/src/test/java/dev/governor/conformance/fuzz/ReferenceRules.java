package dev.governor.conformance.fuzz;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input rules of SPEC §2, §5 and README "Semantics", written again from the text (not from the
 * engine's code) so the fuzz can tell on its own whether an input must be accepted. Stateless.
 */
final class ReferenceRules {
  static final int MAX_BATCH = 100;
  static final int MAX_EVENTS = 1000;
  static final int MAX_SUBJECT = 100;
  static final int MAX_SCOPE = 100;
  static final int MAX_METADATA_ENTRIES = 100;
  static final int MAX_METADATA_VALUE = 4096;
  static final int MAX_TEXT = 255;
  static final int MAX_PAGE = 100;
  static final Instant MIN_TIME = Instant.parse("1900-01-01T00:00:00Z");
  static final Instant MAX_ANCHOR = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_|.\\-]{0,254}");
  private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_|.\\-@]{0,254}");
  private static final Pattern CADENCE = Pattern.compile("P(T?)([0-9]+)([A-Z])");
  /** The longest cadence per unit: 100 years, counting 366 days and 53 weeks a year. */
  private static final Map<CadenceUnit, Long> MAX_AMOUNT = Map.of(
      CadenceUnit.MINUTE, 100L * 366 * 24 * 60, CadenceUnit.HOUR, 100L * 366 * 24, CadenceUnit.DAY, 100L * 366,
      CadenceUnit.WEEK, 100L * 53, CadenceUnit.MONTH, 100L * 12, CadenceUnit.YEAR, 100L);

  private ReferenceRules() {}

  static boolean id(String s) {
    return s != null && ID.matcher(s).matches();
  }

  static boolean ownerId(String s) {
    return s != null && OWNER_ID.matcher(s).matches();
  }

  static boolean hasControl(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  /** A display name: 1..255 characters, not blank, no control characters. */
  static boolean displayName(String s) {
    return s != null && !s.isBlank() && s.length() <= MAX_TEXT && !hasControl(s);
  }

  static boolean metadataKey(String s) {
    return s != null && !s.isEmpty() && s.length() <= MAX_TEXT && !hasControl(s);
  }

  static boolean metadataValue(String s) {
    return s != null && s.length() <= MAX_METADATA_VALUE;
  }

  /** An idempotency key: 1..255 characters without control characters. */
  static boolean idempotencyKey(String s) {
    return !s.isEmpty() && s.length() <= MAX_TEXT && !hasControl(s);
  }

  static boolean pageLimit(int limit) {
    return limit >= 1 && limit <= MAX_PAGE;
  }

  /** Anchors are kept to the millisecond, and the range applies to the truncated instant. */
  static boolean anchor(Instant a) {
    Instant millis = a.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    return !millis.isBefore(MIN_TIME) && !millis.isAfter(MAX_ANCHOR);
  }

  /**
   * The cadence an ISO-8601 text denotes under README "Semantics" (upper case, one designator, whole
   * amount of at least 1, at least a minute, at most 100 years, at most 16 characters), or null.
   */
  static Cadence cadence(String text) {
    if (text == null || text.length() > 16) {
      return null;
    }
    Matcher m = CADENCE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    boolean time = !m.group(1).isEmpty();
    char d = m.group(3).charAt(0);
    CadenceUnit unit = time
        ? (d == 'M' ? CadenceUnit.MINUTE : d == 'H' ? CadenceUnit.HOUR : null)
        : (d == 'D' ? CadenceUnit.DAY : d == 'W' ? CadenceUnit.WEEK : d == 'M' ? CadenceUnit.MONTH
            : d == 'Y' ? CadenceUnit.YEAR : null);
    if (unit == null) {
      return null;
    }
    String digits = m.group(2).replaceFirst("^0+(?=.)", "");
    if (digits.length() > 9) {
      return null;
    }
    long amount = Long.parseLong(digits);
    if (amount < 1 || amount > MAX_AMOUNT.get(unit)) {
      return null;
    }
    return Cadence.of((int) amount, unit);
  }
}
