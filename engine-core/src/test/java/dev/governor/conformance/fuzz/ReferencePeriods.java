package dev.governor.conformance.fuzz;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * SPEC §8 period arithmetic, written from the text with {@code java.time}: without anchor, periods
 * align to the UTC calendar, counting whole units from the epoch in the unit written (weeks from
 * Monday 1970-01-05); with an anchor they are {@code anchor + k·cadence}, months added from the anchor
 * each time. Stateless.
 */
final class ReferencePeriods {
  private static final Instant FIRST_MONDAY = Instant.parse("1970-01-05T00:00:00Z");

  private ReferencePeriods() {}

  /** {@code [start, end)} of the period of {@code cadence} (and {@code anchor}, may be null) containing {@code t}. */
  static Instant[] bounds(Cadence cadence, Instant anchor, Instant t) {
    CadenceUnit unit = cadence.unit();
    if (unit.isFixedLength()) {
      Duration len = Duration.ofMillis(unit.fixedMillis()).multipliedBy(cadence.amount());
      Instant origin = anchor != null ? anchor : unit == CadenceUnit.WEEK ? FIRST_MONDAY : Instant.EPOCH;
      long k = Math.floorDiv(Duration.between(origin, t).toMillis(), len.toMillis());
      Instant start = origin.plus(len.multipliedBy(k));
      return new Instant[] {start, start.plus(len)};
    }
    long months = unit == CadenceUnit.MONTH ? cadence.amount() : 12L * cadence.amount();
    if (anchor == null) {
      ZonedDateTime at = t.atZone(ZoneOffset.UTC);
      long index = (at.getYear() - 1970L) * 12 + at.getMonthValue() - 1;
      long first = Math.floorDiv(index, months) * months;
      ZonedDateTime start = LocalDate.of(1970, 1, 1).atStartOfDay(ZoneOffset.UTC).plusMonths(first);
      return new Instant[] {start.toInstant(), start.plusMonths(months).toInstant()};
    }
    ZonedDateTime a = anchor.atZone(ZoneOffset.UTC);
    ZonedDateTime at = t.atZone(ZoneOffset.UTC);
    long elapsed = (at.getYear() - (long) a.getYear()) * 12 + at.getMonthValue() - a.getMonthValue();
    long k = Math.floorDiv(elapsed, months);
    while (a.plusMonths(k * months).toInstant().isAfter(t)) {
      k--;
    }
    while (!a.plusMonths((k + 1) * months).toInstant().isAfter(t)) {
      k++;
    }
    return new Instant[] {a.plusMonths(k * months).toInstant(), a.plusMonths((k + 1) * months).toInstant()};
  }
}
