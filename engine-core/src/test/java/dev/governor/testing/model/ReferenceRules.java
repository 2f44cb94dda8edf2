package dev.governor.testing.model;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input rules of docs/semantics.md §1, §2, §6, §8.2 and §9 and README "Semantics", written again from the text
 * (not from the engine's code) so that the reference models never ask the code under test what is
 * valid. Stateless and thread-safe.
 */
public final class ReferenceRules {
  public static final int MAX_BATCH = 100;
  public static final int MAX_EVENTS = 1000;
  public static final int MAX_SUBJECT = 100;
  public static final int MAX_SCOPE = 100;
  public static final int MAX_ATTRIBUTION_KEYS = 100;
  public static final int MAX_METADATA_ENTRIES = 100;
  public static final int MAX_METADATA_VALUE = 4096;
  /** The longest id, display name, metadata key, idempotency key and search text. */
  public static final int MAX_TEXT = 255;
  public static final int MAX_PAGE = 100;
  public static final Instant MIN_TIME = Instant.parse("1900-01-01T00:00:00Z");
  public static final Instant MAX_ANCHOR = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final Pattern CADENCE = Pattern.compile("P(T?)([0-9]+)([A-Z])");
  /** The longest cadence per unit: 100 years, counting 366 days and 53 weeks a year. */
  private static final Map<CadenceUnit, Long> MAX_AMOUNT = Map.of(
      CadenceUnit.MINUTE, 100L * 366 * 24 * 60, CadenceUnit.HOUR, 100L * 366 * 24, CadenceUnit.DAY, 100L * 366,
      CadenceUnit.WEEK, 100L * 53, CadenceUnit.MONTH, 100L * 12, CadenceUnit.YEAR, 100L);

  private ReferenceRules() {}

  /** A catalog id: 1..255 characters, an ASCII letter or digit first, then letters, digits and {@code _ | . -}. */
  public static boolean id(String id) {
    return id(id, false);
  }

  /** An owner id: like a catalog id, and {@code @} is allowed after the first character too. */
  public static boolean ownerId(String id) {
    return id(id, true);
  }

  private static boolean id(String id, boolean owner) {
    if (id == null || id.isEmpty() || id.length() > MAX_TEXT || !asciiLetterOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = asciiLetterOrDigit(c) || c == '_' || c == '|' || c == '.' || c == '-' || (owner && c == '@');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Whether {@code s} holds a control character: C0, DEL and C1 (U+0080..U+009F) all are. */
  public static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  /** A display name: 1..255 characters, not blank, no control characters. */
  public static boolean displayName(String s) {
    return s != null && !s.isBlank() && s.length() <= MAX_TEXT && !hasControl(s);
  }

  /** Metadata keys are free text but never empty, never longer than 255 and never control characters. */
  public static boolean metadataKey(String s) {
    return s != null && !s.isEmpty() && s.length() <= MAX_TEXT && !hasControl(s);
  }

  /** A metadata value: any string up to 4096 characters ("" deletes the key). */
  public static boolean metadataValue(String s) {
    return s != null && s.length() <= MAX_METADATA_VALUE;
  }

  /** A non-null idempotency key: 1..255 characters without control characters. */
  public static boolean idempotencyKey(String s) {
    return !s.isEmpty() && s.length() <= MAX_TEXT && !hasControl(s);
  }

  public static boolean pageLimit(int limit) {
    return limit >= 1 && limit <= MAX_PAGE;
  }

  /** The anchor as stored: the upsert documents millisecond precision. */
  public static Instant storedAnchor(Instant anchor) {
    return anchor == null ? null : anchor.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Whether a non-null anchor is in range; the range applies to the instant as stored (truncated). */
  public static boolean anchor(Instant anchor) {
    Instant millis = storedAnchor(anchor);
    return !millis.isBefore(MIN_TIME) && !millis.isAfter(MAX_ANCHOR);
  }

  /**
   * The cadence an ISO-8601 text denotes under README "Semantics" (upper case, one designator, whole
   * amount of at least 1, at least a minute, at most 100 years, at most 16 characters), or null.
   */
  public static Cadence cadence(String text) {
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
