package dev.governor.internal;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Periods in a time zone (docs/semantics.md, Periods): days, weeks, months and years are the zone's
 * calendar, so a day runs from local midnight to local midnight (23 or 25 hours across a
 * daylight-saving change), a week from Monday, a month from the 1st. Multiples count from the local
 * calendar origins of the UTC rules (1970-01-01, Monday 1970-01-05, January 1970), or from the
 * anchor's local date and time, which each period repeats. A local start that falls into a
 * daylight-saving gap moves forward by the gap (the zone's own rule). Minutes and hours stay fixed
 * lengths, counted from the anchor or, without one, aligned to the zone's standard offset (so an
 * hour starts at :30 UTC in Asia/Kolkata). Stateless and thread-safe.
 */
final class LocalPeriods {
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
  private static final LocalDateTime FIRST_MONDAY = LocalDateTime.of(1970, 1, 5, 0, 0);

  private LocalPeriods() {}

  /** {@code {start, end}} of the period containing {@code t} in {@code zone}. */
  static long[] bounds(Cadence cadence, long anchor, ZoneId zone, long t) {
    CadenceUnit unit = cadence.unit();
    int n = cadence.amount();
    if (unit == CadenceUnit.MINUTE || unit == CadenceUnit.HOUR) {
      long len = unit.fixedMillis() * n;
      long origin = anchor != Periods.NO_ANCHOR ? anchor
          : -1000L * zone.getRules().getStandardOffset(Instant.ofEpochMilli(t)).getTotalSeconds();
      long start = origin + Math.floorDiv(t - origin, len) * len;
      return new long[] {start, start + len};
    }
    LocalDateTime origin = anchor != Periods.NO_ANCHOR ? LocalDateTime.ofInstant(Instant.ofEpochMilli(anchor), zone)
        : unit == CadenceUnit.WEEK ? FIRST_MONDAY : EPOCH;
    boolean byDays = unit == CadenceUnit.DAY || unit == CadenceUnit.WEEK;
    long step = switch (unit) {
      case DAY -> n;
      case WEEK -> 7L * n;
      case MONTH -> n;
      default -> 12L * n;
    };
    LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone);
    long elapsed = byDays ? ChronoUnit.DAYS.between(origin, local) : ChronoUnit.MONTHS.between(origin, local);
    long k = Math.floorDiv(elapsed, step);
    // The estimate can be one period off around the origin's time of day and across offset changes.
    while (startOf(origin, byDays, k * step, zone) > t) {
      k--;
    }
    while (startOf(origin, byDays, (k + 1) * step, zone) <= t) {
      k++;
    }
    return new long[] {startOf(origin, byDays, k * step, zone), startOf(origin, byDays, (k + 1) * step, zone)};
  }

  private static long startOf(LocalDateTime origin, boolean byDays, long amount, ZoneId zone) {
    LocalDateTime local = byDays ? origin.plusDays(amount) : origin.plusMonths(amount);
    return local.atZone(zone).toInstant().toEpochMilli();
  }
}
