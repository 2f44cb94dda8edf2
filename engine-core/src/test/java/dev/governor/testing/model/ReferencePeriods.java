package dev.governor.testing.model;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The reference models' period arithmetic (docs/semantics.md §9), written directly with {@code java.time} and
 * independently of the engine's own implementation (it does not even ask {@link CadenceUnit} for
 * unit lengths), so that a mistake in one is not copied into the other. Without an anchor, periods
 * align to the UTC calendar, counting whole units from the epoch in the unit written (weeks from
 * Monday 1970-01-05); with an anchor they are {@code anchor + k * cadence}, months added from the
 * anchor each time. Periods are {@code [start, end)}. Stateless and thread-safe.
 */
public final class ReferencePeriods {
  /** Monday 1970-01-05, where week counting starts. */
  private static final LocalDate FIRST_MONDAY = LocalDate.of(1970, 1, 5);

  private ReferencePeriods() {}

  /** One period: {@code [start, end)}. */
  public record Period(Instant start, Instant end) {
    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /** The period of {@code cadence} (aligned to {@code anchor}, or to the UTC calendar when null) containing {@code t}. */
  public static Period periodAt(Cadence cadence, Instant anchor, Instant t) {
    return anchor == null ? calendar(cadence, t) : anchored(cadence, anchor, t);
  }

  private static Period calendar(Cadence cadence, Instant t) {
    int n = cadence.amount();
    LocalDateTime at = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    switch (cadence.unit()) {
      case MINUTE:
      case HOUR: {
        Duration unit = cadence.unit() == CadenceUnit.MINUTE ? Duration.ofMinutes(1) : Duration.ofHours(1);
        long units = Math.floorDiv(t.toEpochMilli(), unit.toMillis());
        Instant start = Instant.EPOCH.plus(unit.multipliedBy(Math.floorDiv(units, n) * n));
        return new Period(start, start.plus(unit.multipliedBy(n)));
      }
      case DAY: {
        long days = at.toLocalDate().toEpochDay();
        LocalDate start = LocalDate.ofEpochDay(Math.floorDiv(days, n) * n);
        return new Period(midnight(start), midnight(start.plusDays(n)));
      }
      case WEEK: {
        long weeks = Math.floorDiv(ChronoUnit.DAYS.between(FIRST_MONDAY, at.toLocalDate()), 7);
        LocalDate start = FIRST_MONDAY.plusWeeks(Math.floorDiv(weeks, n) * n);
        return new Period(midnight(start), midnight(start.plusWeeks(n)));
      }
      case MONTH: {
        long months = ChronoUnit.MONTHS.between(YearMonth.of(1970, 1), YearMonth.from(at));
        YearMonth start = YearMonth.of(1970, 1).plusMonths(Math.floorDiv(months, n) * n);
        return new Period(midnight(start.atDay(1)), midnight(start.plusMonths(n).atDay(1)));
      }
      case YEAR: {
        long years = at.getYear() - 1970L;
        int start = (int) (1970 + Math.floorDiv(years, n) * n);
        return new Period(midnight(LocalDate.of(start, 1, 1)), midnight(LocalDate.of(start + n, 1, 1)));
      }
      default:
        throw new IllegalArgumentException("unknown unit " + cadence.unit());
    }
  }

  private static Period anchored(Cadence cadence, Instant anchor, Instant t) {
    int n = cadence.amount();
    switch (cadence.unit()) {
      case MINUTE:
      case HOUR:
      case DAY:
      case WEEK: {
        Duration length = switch (cadence.unit()) {
          case MINUTE -> Duration.ofMinutes(n);
          case HOUR -> Duration.ofHours(n);
          case DAY -> Duration.ofDays(n);
          default -> Duration.ofDays(7L * n);
        };
        long k = Math.floorDiv(Duration.between(anchor, t).toMillis(), length.toMillis());
        Instant start = anchor.plus(length.multipliedBy(k));
        return new Period(start, start.plus(length));
      }
      default: {
        // Month arithmetic from the anchor each time (31 Jan -> 28/29 Feb -> 31 Mar): period k
        // starts at anchor.plusMonths(k * months). Start from a rough guess and walk to the right k.
        long months = cadence.unit() == CadenceUnit.YEAR ? 12L * n : n;
        LocalDateTime a = LocalDateTime.ofInstant(anchor, ZoneOffset.UTC);
        LocalDateTime at = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        long k = Math.floorDiv(ChronoUnit.MONTHS.between(a, at), months);
        while (a.plusMonths(k * months).isAfter(at)) {
          k--;
        }
        while (!a.plusMonths((k + 1) * months).isAfter(at)) {
          k++;
        }
        return new Period(a.plusMonths(k * months).toInstant(ZoneOffset.UTC),
            a.plusMonths((k + 1) * months).toInstant(ZoneOffset.UTC));
      }
    }
  }

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
