package dev.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import dev.governor.testing.Seeds;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized properties of period arithmetic: for any cadence, anchor and instant the periods
 * tile the time line (no gap, no overlap) and sit where docs/semantics.md §9 puts them. The seed is printed;
 * {@code -Dgovernor.seed=N} replays a run.
 */
class PeriodsPropertyTest {
  private static final int CASES = 20_000;
  private static final long MIN = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
  private static final long FIRST_MONDAY = Instant.parse("1970-01-05T00:00:00Z").toEpochMilli();

  @Test
  void bounds_randomCadencesAnchorsAndInstants_tileTheTimeLine() {
    SplittableRandom random = Seeds.random("PeriodsPropertyTest.bounds_randomCadencesAnchorsAndInstants_tileTheTimeLine");
    for (int c = 0; c < CASES; c++) {
      Cadence cadence = randomCadence(random);
      long anchor = random.nextInt(3) == 0 ? Periods.NO_ANCHOR : random.nextLong(MIN, MAX);
      long t = random.nextLong(MIN, MAX);
      String what = cadence + " anchor=" + (anchor == Periods.NO_ANCHOR ? "none" : Instant.ofEpochMilli(anchor))
          + " t=" + Instant.ofEpochMilli(t) + " (case " + c + ")";

      long[] b = Periods.bounds(cadence, anchor, t);
      long start = b[0];
      long end = b[1];
      assertThat(start).as("start <= t: %s", what).isLessThanOrEqualTo(t);
      assertThat(end).as("t < end: %s", what).isGreaterThan(t);
      // The period is the same whichever of its instants is asked about.
      assertThat(Periods.bounds(cadence, anchor, start)).as("bounds(start): %s", what).containsExactly(start, end);
      assertThat(Periods.bounds(cadence, anchor, end - 1)).as("bounds(end - 1): %s", what).containsExactly(start, end);
      // The next period starts exactly where this one ends, and the previous one ends where it starts.
      assertThat(Periods.bounds(cadence, anchor, end)[0]).as("bounds(end).start: %s", what).isEqualTo(end);
      assertThat(Periods.bounds(cadence, anchor, start - 1)[1]).as("bounds(start - 1).end: %s", what).isEqualTo(start);

      assertPlacement(cadence, anchor, start, end, what);
    }
  }

  /** Where a period must start: on the calendar grid, or on the anchor's grid. */
  private static void assertPlacement(Cadence cadence, long anchor, long start, long end, String what) {
    CadenceUnit unit = cadence.unit();
    if (unit.isFixedLength()) {
      long len = unit.fixedMillis() * cadence.amount();
      long origin = anchor != Periods.NO_ANCHOR ? anchor : unit == CadenceUnit.WEEK ? FIRST_MONDAY : 0L;
      assertThat(end - start).as("fixed length: %s", what).isEqualTo(len);
      assertThat(Math.floorMod(start - origin, len)).as("on the grid from %s: %s", origin, what).isZero();
      return;
    }
    LocalDateTime s = LocalDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC);
    LocalDateTime e = LocalDateTime.ofInstant(Instant.ofEpochMilli(end), ZoneOffset.UTC);
    int months = unit == CadenceUnit.MONTH ? cadence.amount() : 12 * cadence.amount();
    long monthsApart = (e.getYear() - (long) s.getYear()) * 12 + e.getMonthValue() - s.getMonthValue();
    assertThat(monthsApart).as("calendar months per period: %s", what).isEqualTo(months);
    if (anchor == Periods.NO_ANCHOR) {
      assertThat(s.toLocalTime()).as("midnight: %s", what).isEqualTo(java.time.LocalTime.MIDNIGHT);
      assertThat(s.getDayOfMonth()).as("first of the month: %s", what).isEqualTo(1);
      long monthIndex = (s.getYear() - 1970L) * 12 + s.getMonthValue() - 1;
      assertThat(Math.floorMod(monthIndex, months)).as("multiple of %s months from 1970: %s", months, what).isZero();
      return;
    }
    // Anchored: the anchor's time of day, and its day of month clamped to the month's length.
    LocalDateTime a = LocalDateTime.ofInstant(Instant.ofEpochMilli(anchor), ZoneOffset.UTC);
    assertThat(s.toLocalTime()).as("anchor time of day: %s", what).isEqualTo(a.toLocalTime());
    int monthLength = YearMonth.of(s.getYear(), s.getMonthValue()).lengthOfMonth();
    assertThat(s.getDayOfMonth()).as("anchor day of month, clamped: %s", what)
        .isEqualTo(Math.min(a.getDayOfMonth(), monthLength));
    long monthsFromAnchor = (s.getYear() - (long) a.getYear()) * 12 + s.getMonthValue() - a.getMonthValue();
    assertThat(Math.floorMod(monthsFromAnchor, months)).as("multiple of %s months from the anchor: %s", months, what)
        .isZero();
  }

  private static Cadence randomCadence(SplittableRandom random) {
    CadenceUnit unit = CadenceUnit.values()[random.nextInt(CadenceUnit.values().length)];
    int amount = switch (unit) {
      case MINUTE -> random.nextInt(1, 24 * 60 + 1);
      case HOUR -> random.nextInt(1, 24 * 14 + 1);
      case DAY -> random.nextInt(1, 400);
      case WEEK -> random.nextInt(1, 60);
      case MONTH -> random.nextInt(1, 40);
      case YEAR -> random.nextInt(1, 11);
    };
    return Cadence.of(amount, unit);
  }
}
