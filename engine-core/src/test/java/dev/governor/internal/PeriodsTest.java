package dev.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Cadence;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Period arithmetic, table-driven (docs/semantics.md §9). Every expected bound was worked out by hand from the
 * calendar, not from the code under test. Columns: cadence, anchor (empty = UTC calendar alignment),
 * the instant asked about, the expected start (inclusive) and end (exclusive).
 */
class PeriodsTest {

  private static void assertBounds(String cadence, Instant anchor, Instant t, Instant start, Instant end) {
    long a = anchor == null ? Periods.NO_ANCHOR : anchor.toEpochMilli();
    long[] bounds = Periods.bounds(Cadence.parse(cadence), a, t.toEpochMilli());
    assertThat(new Instant[] {Instant.ofEpochMilli(bounds[0]), Instant.ofEpochMilli(bounds[1])})
        .as("%s anchored at %s, asked at %s", cadence, anchor, t)
        .containsExactly(start, end);
    assertThat(Periods.start(Cadence.parse(cadence), a, t.toEpochMilli())).isEqualTo(start.toEpochMilli());
  }

  @ParameterizedTest(name = "{0} at {1} -> [{2}, {3})")
  @CsvSource({
    // Month ends: the last millisecond of a month is still in it.
    "P1M, 2026-01-31T23:59:59.999Z, 2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z",
    "P1M, 2026-04-30T12:00:00Z,     2026-04-01T00:00:00Z, 2026-05-01T00:00:00Z",
    "P1M, 2023-02-28T23:59:59.999Z, 2023-02-01T00:00:00Z, 2023-03-01T00:00:00Z",
    // Leap day.
    "P1M, 2024-02-29T12:00:00Z,     2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z",
    "P1D, 2024-02-29T00:00:00Z,     2024-02-29T00:00:00Z, 2024-03-01T00:00:00Z",
    "P1Y, 2024-02-29T10:00:00Z,     2024-01-01T00:00:00Z, 2025-01-01T00:00:00Z",
    // Year end.
    "P1M, 2026-12-31T23:59:59.999Z, 2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z",
    "P1D, 2026-12-31T23:00:00Z,     2026-12-31T00:00:00Z, 2027-01-01T00:00:00Z",
    "P1Y, 2026-12-31T23:59:59.999Z, 2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z",
    "PT1H, 2026-12-31T23:59:59.999Z, 2026-12-31T23:00:00Z, 2027-01-01T00:00:00Z",
    // Hours and days.
    "PT1H, 2026-01-15T10:59:59.999Z, 2026-01-15T10:00:00Z, 2026-01-15T11:00:00Z",
    "P1D, 2026-01-15T10:00:00Z,     2026-01-15T00:00:00Z, 2026-01-16T00:00:00Z",
    // Quarter hours.
    "PT15M, 2026-01-15T10:14:59.999Z, 2026-01-15T10:00:00Z, 2026-01-15T10:15:00Z",
    "PT15M, 2026-01-15T10:44:00Z,     2026-01-15T10:30:00Z, 2026-01-15T10:45:00Z",
    "PT15M, 2026-01-15T23:59:00Z,     2026-01-15T23:45:00Z, 2026-01-16T00:00:00Z",
    // 90 minutes count from 1970-01-01T00:00Z, not from midnight of the day.
    "PT90M, 2026-01-15T10:00:00Z,     2026-01-15T09:00:00Z, 2026-01-15T10:30:00Z",
    // P1W starts on Mondays (2026-01-12 is a Monday, 2026-01-15 a Thursday).
    "P1W, 2026-01-15T10:00:00Z,     2026-01-12T00:00:00Z, 2026-01-19T00:00:00Z",
    "P1W, 2026-01-11T23:59:59.999Z, 2026-01-05T00:00:00Z, 2026-01-12T00:00:00Z",
    // P2W counts fortnights from Monday 1970-01-05.
    "P2W, 2026-01-15T10:00:00Z,     2026-01-05T00:00:00Z, 2026-01-19T00:00:00Z",
    // P7D counts from Thursday 1970-01-01: the unit written is the unit used.
    "P7D, 2026-01-15T10:00:00Z,     2026-01-15T00:00:00Z, 2026-01-22T00:00:00Z",
    "P7D, 2026-01-14T23:59:59.999Z, 2026-01-08T00:00:00Z, 2026-01-15T00:00:00Z",
    "P2D, 2026-01-16T10:00:00Z,     2026-01-15T00:00:00Z, 2026-01-17T00:00:00Z",
    "P10D, 2026-01-15T10:00:00Z,    2026-01-07T00:00:00Z, 2026-01-17T00:00:00Z",
    // P3M gives calendar quarters.
    "P3M, 2026-01-01T00:00:00Z,     2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z",
    "P3M, 2026-03-31T23:59:59.999Z, 2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z",
    "P3M, 2026-05-20T08:00:00Z,     2026-04-01T00:00:00Z, 2026-07-01T00:00:00Z",
    "P3M, 2026-12-31T23:59:59.999Z, 2026-10-01T00:00:00Z, 2027-01-01T00:00:00Z",
    // Other month and year multiples count from January 1970.
    "P2M, 2026-02-10T00:00:00Z,     2026-01-01T00:00:00Z, 2026-03-01T00:00:00Z",
    "P5M, 2026-05-20T00:00:00Z,     2026-04-01T00:00:00Z, 2026-09-01T00:00:00Z",
    "P3Y, 2026-06-01T00:00:00Z,     2024-01-01T00:00:00Z, 2027-01-01T00:00:00Z",
  })
  void bounds_calendarAligned_matchesUtcCalendar(String cadence, Instant t, Instant start, Instant end) {
    assertBounds(cadence, null, t, start, end);
  }

  @ParameterizedTest(name = "{0} at {1} -> [{2}, {3})")
  @CsvSource({
    // An instant exactly at a period's end opens the next period: [start, end).
    "PT15M, 2026-01-15T10:15:00Z, 2026-01-15T10:15:00Z, 2026-01-15T10:30:00Z",
    "PT1H,  2026-01-15T11:00:00Z, 2026-01-15T11:00:00Z, 2026-01-15T12:00:00Z",
    "P1D,   2026-01-16T00:00:00Z, 2026-01-16T00:00:00Z, 2026-01-17T00:00:00Z",
    "P1W,   2026-01-19T00:00:00Z, 2026-01-19T00:00:00Z, 2026-01-26T00:00:00Z",
    "P7D,   2026-01-22T00:00:00Z, 2026-01-22T00:00:00Z, 2026-01-29T00:00:00Z",
    "P1M,   2026-02-01T00:00:00Z, 2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z",
    "P1M,   2024-03-01T00:00:00Z, 2024-03-01T00:00:00Z, 2024-04-01T00:00:00Z",
    "P3M,   2026-04-01T00:00:00Z, 2026-04-01T00:00:00Z, 2026-07-01T00:00:00Z",
    "P1Y,   2027-01-01T00:00:00Z, 2027-01-01T00:00:00Z, 2028-01-01T00:00:00Z",
    // The epoch itself.
    "P1D,   1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z, 1970-01-02T00:00:00Z",
    "P1M,   1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z, 1970-02-01T00:00:00Z",
  })
  void bounds_instantExactlyAtBoundary_belongsToNextPeriod(String cadence, Instant t, Instant start, Instant end) {
    assertBounds(cadence, null, t, start, end);
  }

  @ParameterizedTest(name = "{0} at {1} -> [{2}, {3})")
  @CsvSource({
    "PT1H,  1969-12-31T23:30:00Z,     1969-12-31T23:00:00Z, 1970-01-01T00:00:00Z",
    "PT15M, 1969-12-31T23:59:59.999Z, 1969-12-31T23:45:00Z, 1970-01-01T00:00:00Z",
    "P1D,   1969-12-31T12:00:00Z,     1969-12-31T00:00:00Z, 1970-01-01T00:00:00Z",
    "P1D,   1969-12-31T23:59:59.999Z, 1969-12-31T00:00:00Z, 1970-01-01T00:00:00Z",
    // 1969-12-31 is a Wednesday: the Monday week began 1969-12-29, the Thursday 7-day period 12-25.
    "P1W,   1969-12-31T00:00:00Z,     1969-12-29T00:00:00Z, 1970-01-05T00:00:00Z",
    "P1W,   1970-01-01T00:00:00Z,     1969-12-29T00:00:00Z, 1970-01-05T00:00:00Z",
    "P7D,   1969-12-31T00:00:00Z,     1969-12-25T00:00:00Z, 1970-01-01T00:00:00Z",
    "P1M,   1969-12-31T23:59:59.999Z, 1969-12-01T00:00:00Z, 1970-01-01T00:00:00Z",
    "P1M,   1900-02-15T00:00:00Z,     1900-02-01T00:00:00Z, 1900-03-01T00:00:00Z",
    "P3M,   1969-11-15T00:00:00Z,     1969-10-01T00:00:00Z, 1970-01-01T00:00:00Z",
    "P7M,   1969-03-10T00:00:00Z,     1968-11-01T00:00:00Z, 1969-06-01T00:00:00Z",
    "P1Y,   1900-06-01T00:00:00Z,     1900-01-01T00:00:00Z, 1901-01-01T00:00:00Z",
  })
  void bounds_instantBefore1970_countsBackwardsFromEpoch(String cadence, Instant t, Instant start, Instant end) {
    assertBounds(cadence, null, t, start, end);
  }

  @ParameterizedTest(name = "{0} anchored {1} at {2} -> [{3}, {4})")
  @CsvSource({
    // 31 Jan anchor in a leap year: 29 Feb, then back to 31 Mar (computed from the anchor, no drift).
    "P1M, 2024-01-31T00:00:00Z, 2024-02-15T00:00:00Z,     2024-01-31T00:00:00Z, 2024-02-29T00:00:00Z",
    "P1M, 2024-01-31T00:00:00Z, 2024-02-29T00:00:00Z,     2024-02-29T00:00:00Z, 2024-03-31T00:00:00Z",
    "P1M, 2024-01-31T00:00:00Z, 2024-03-30T23:59:59.999Z, 2024-02-29T00:00:00Z, 2024-03-31T00:00:00Z",
    "P1M, 2024-01-31T00:00:00Z, 2024-04-30T00:00:00Z,     2024-04-30T00:00:00Z, 2024-05-31T00:00:00Z",
    "P1M, 2024-01-31T00:00:00Z, 2024-12-31T00:00:00Z,     2024-12-31T00:00:00Z, 2025-01-31T00:00:00Z",
    "P1M, 2024-01-31T00:00:00Z, 2025-02-28T00:00:00Z,     2025-02-28T00:00:00Z, 2025-03-31T00:00:00Z",
    // 31 Jan anchor in a non-leap year: 28 Feb.
    "P1M, 2023-01-31T00:00:00Z, 2023-02-27T23:59:59.999Z, 2023-01-31T00:00:00Z, 2023-02-28T00:00:00Z",
    "P1M, 2023-01-31T00:00:00Z, 2023-02-28T00:00:00Z,     2023-02-28T00:00:00Z, 2023-03-31T00:00:00Z",
    // 30th and 29th anchors.
    "P1M, 2023-01-30T00:00:00Z, 2023-03-29T00:00:00Z,     2023-02-28T00:00:00Z, 2023-03-30T00:00:00Z",
    "P1M, 2024-01-30T00:00:00Z, 2024-03-01T00:00:00Z,     2024-02-29T00:00:00Z, 2024-03-30T00:00:00Z",
    "P1M, 2023-01-29T00:00:00Z, 2023-03-01T00:00:00Z,     2023-02-28T00:00:00Z, 2023-03-29T00:00:00Z",
    "P1M, 2024-01-29T00:00:00Z, 2024-02-29T00:00:00Z,     2024-02-29T00:00:00Z, 2024-03-29T00:00:00Z",
    "P1M, 2024-01-29T00:00:00Z, 2024-02-28T23:59:59.999Z, 2024-01-29T00:00:00Z, 2024-02-29T00:00:00Z",
    // Anchor later than the instant: periods extend backwards from it.
    "P1M, 2026-01-31T00:00:00Z, 2025-12-15T00:00:00Z,     2025-11-30T00:00:00Z, 2025-12-31T00:00:00Z",
    // Quarterly and yearly anchors keep the anchor's day where the month has it.
    "P3M, 2025-11-30T00:00:00Z, 2026-03-15T00:00:00Z,     2026-02-28T00:00:00Z, 2026-05-30T00:00:00Z",
    "P1Y, 2024-02-29T00:00:00Z, 2025-03-01T00:00:00Z,     2025-02-28T00:00:00Z, 2026-02-28T00:00:00Z",
    "P1Y, 2024-02-29T00:00:00Z, 2028-02-29T00:00:00Z,     2028-02-29T00:00:00Z, 2029-02-28T00:00:00Z",
    // An anchor before 1970 and instants before 1970.
    "P1M, 1969-01-31T00:00:00Z, 1969-03-01T00:00:00Z,     1969-02-28T00:00:00Z, 1969-03-31T00:00:00Z",
  })
  void bounds_monthlyAnchor_usesMonthArithmeticFromAnchor(String cadence, Instant anchor, Instant t, Instant start,
      Instant end) {
    assertBounds(cadence, anchor, t, start, end);
  }

  @ParameterizedTest(name = "{0} anchored {1} at {2} -> [{3}, {4})")
  @CsvSource({
    // The anchor's time of day is kept.
    "P1M,  2026-01-15T09:30:00Z, 2026-02-15T09:29:59.999Z, 2026-01-15T09:30:00Z, 2026-02-15T09:30:00Z",
    "P1M,  2026-01-15T09:30:00Z, 2026-02-15T09:30:00Z,     2026-02-15T09:30:00Z, 2026-03-15T09:30:00Z",
    "P1M,  2024-01-31T18:00:00Z, 2024-02-29T17:59:59.999Z, 2024-01-31T18:00:00Z, 2024-02-29T18:00:00Z",
    "P1D,  2026-01-01T06:00:00Z, 2026-01-15T05:59:59.999Z, 2026-01-14T06:00:00Z, 2026-01-15T06:00:00Z",
    "P1D,  2026-01-01T06:00:00Z, 2026-01-15T06:00:00Z,     2026-01-15T06:00:00Z, 2026-01-16T06:00:00Z",
    "PT1H, 2026-01-01T00:20:00Z, 2026-01-15T10:19:59.999Z, 2026-01-15T09:20:00Z, 2026-01-15T10:20:00Z",
    "PT15M, 2026-01-01T00:05:00Z, 2026-01-15T10:04:00Z,    2026-01-15T09:50:00Z, 2026-01-15T10:05:00Z",
    // A 7-day cadence anchored on a Monday runs Monday to Monday.
    "P7D,  2026-01-05T00:00:00Z, 2026-01-15T10:00:00Z,     2026-01-12T00:00:00Z, 2026-01-19T00:00:00Z",
    "P1W,  2026-01-07T12:00:00Z, 2026-01-15T10:00:00Z,     2026-01-14T12:00:00Z, 2026-01-21T12:00:00Z",
    // Millisecond anchors are honoured.
    "P1D,  2026-01-01T00:00:00.250Z, 2026-01-02T00:00:00.249Z, 2026-01-01T00:00:00.250Z, 2026-01-02T00:00:00.250Z",
  })
  void bounds_anchorWithTimeOfDay_keepsAnchorTime(String cadence, Instant anchor, Instant t, Instant start, Instant end) {
    assertBounds(cadence, anchor, t, start, end);
  }
}
