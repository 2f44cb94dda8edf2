package dev.governor.internal;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Period arithmetic (docs/semantics.md, Periods), on epoch milliseconds. Without anchor, periods
 * align to the UTC calendar and multiples count whole units from the epoch in the unit written:
 * minutes and hours from 1970-01-01T00:00Z, days from 1970-01-01 (a Thursday), weeks from Monday
 * 1970-01-05, months from January 1970, years from 1970. With an anchor, periods are
 * {@code anchor + k * cadence}, month and year arithmetic computed from the anchor each time (a
 * 31 Jan anchor gives 28/29 Feb, then 31 Mar). Periods are {@code [start, end)}. Stateless and
 * thread-safe. An assignment with a time zone has its periods from {@link LocalPeriods}.
 */
final class Periods {
  /** Anchor value meaning "aligned to the UTC calendar". */
  static final long NO_ANCHOR = Long.MIN_VALUE;

  private static final long DAY = 86_400_000L;
  private static final long FIRST_MONDAY = 4 * DAY;

  private Periods() {}

  /** The start of the period containing {@code t}. */
  static long start(Cadence cadence, long anchor, long t) {
    return bounds(cadence, anchor, t)[0];
  }

  /** The start of the period containing {@code t} in {@code zone} (null: UTC). */
  static long start(Cadence cadence, long anchor, ZoneId zone, long t) {
    return bounds(cadence, anchor, zone, t)[0];
  }

  /** {@code {start, end}} of the period containing {@code t} in {@code zone} (null: UTC, as below). */
  static long[] bounds(Cadence cadence, long anchor, ZoneId zone, long t) {
    return zone == null ? bounds(cadence, anchor, t) : LocalPeriods.bounds(cadence, anchor, zone, t);
  }

  /** {@code {start, end}} of the period containing {@code t}. */
  static long[] bounds(Cadence cadence, long anchor, long t) {
    CadenceUnit unit = cadence.unit();
    int n = cadence.amount();
    if (unit.isFixedLength()) {
      long len = unit.fixedMillis() * n;
      long origin = anchor != NO_ANCHOR ? anchor : unit == CadenceUnit.WEEK ? FIRST_MONDAY : 0L;
      long start = origin + Math.floorDiv(t - origin, len) * len;
      return new long[] {start, start + len};
    }
    long months = unit == CadenceUnit.MONTH ? n : 12L * n;
    if (anchor == NO_ANCHOR) {
      LocalDateTime at = LocalDateTime.ofEpochSecond(Math.floorDiv(t, 1000L), 0, ZoneOffset.UTC);
      long index = (at.getYear() - 1970L) * 12 + (at.getMonthValue() - 1);
      long first = Math.floorDiv(index, months) * months;
      return new long[] {monthStart(first), monthStart(first + months)};
    }
    LocalDateTime a = toDateTime(anchor);
    LocalDateTime at = toDateTime(t);
    long elapsed = (at.getYear() - (long) a.getYear()) * 12 + (at.getMonthValue() - a.getMonthValue());
    long k = Math.floorDiv(elapsed, months);
    // The estimate can be one period off around the anchor's day-of-month and time of day.
    while (millis(a.plusMonths(k * months)) > t) {
      k--;
    }
    while (millis(a.plusMonths((k + 1) * months)) <= t) {
      k++;
    }
    return new long[] {millis(a.plusMonths(k * months)), millis(a.plusMonths((k + 1) * months))};
  }

  private static long monthStart(long monthIndex) {
    int year = (int) (1970 + Math.floorDiv(monthIndex, 12));
    int month = Math.floorMod(monthIndex, 12) + 1;
    return LocalDateTime.of(year, month, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000L;
  }

  private static LocalDateTime toDateTime(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
  }

  private static long millis(LocalDateTime t) {
    return t.toEpochSecond(ZoneOffset.UTC) * 1000L + t.getNano() / 1_000_000;
  }
}
