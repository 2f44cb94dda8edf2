package dev.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Cadence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Periods in a time zone, with the JDK's zone rules: local midnights across daylight-saving changes
 * (23, 24.5 and 25 hour days), half-hour offsets, weeks, months and anchors.
 */
class LocalPeriodsTest {
  private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe");

  private static long[] bounds(String cadence, String zone, String at) {
    return Periods.bounds(Cadence.parse(cadence), Periods.NO_ANCHOR, ZoneId.of(zone), Instant.parse(at).toEpochMilli());
  }

  private static Instant instant(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      // zone, an instant inside the local day, the local day's start and end in UTC, its length
      "Europe/Berlin,       2026-03-29T12:00:00Z, 2026-03-28T23:00:00Z, 2026-03-29T22:00:00Z, PT23H",
      "Europe/Berlin,       2026-10-25T12:00:00Z, 2026-10-24T22:00:00Z, 2026-10-25T23:00:00Z, PT25H",
      "Europe/Berlin,       2026-07-01T12:00:00Z, 2026-06-30T22:00:00Z, 2026-07-01T22:00:00Z, PT24H",
      "America/New_York,    2026-03-08T12:00:00Z, 2026-03-08T05:00:00Z, 2026-03-09T04:00:00Z, PT23H",
      "America/New_York,    2026-11-01T12:00:00Z, 2026-11-01T04:00:00Z, 2026-11-02T05:00:00Z, PT25H",
      "Asia/Kolkata,        2026-01-15T10:00:00Z, 2026-01-14T18:30:00Z, 2026-01-15T18:30:00Z, PT24H",
      // Lord Howe moves by half an hour: +11 to +10:30 on 5 April 2026, back on 4 October.
      "Australia/Lord_Howe, 2026-04-05T05:00:00Z, 2026-04-04T13:00:00Z, 2026-04-05T13:30:00Z, PT24H30M",
      "Australia/Lord_Howe, 2026-10-04T05:00:00Z, 2026-10-03T13:30:00Z, 2026-10-04T13:00:00Z, PT23H30M"})
  void day_aroundTransitions_localMidnightToLocalMidnight(String zone, String at, String start, String end, String length) {
    long[] b = bounds("P1D", zone, at);

    assertThat(instant(b[0])).isEqualTo(Instant.parse(start));
    assertThat(instant(b[1])).isEqualTo(Instant.parse(end));
    assertThat(Duration.ofMillis(b[1] - b[0])).isEqualTo(Duration.parse(length));
  }

  @Test
  void week_berlin_mondayLocalMidnightAcrossTheSpringChange() {
    long[] b = bounds("P1W", "Europe/Berlin", "2026-03-29T12:00:00Z");

    assertThat(instant(b[0])).isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
    assertThat(instant(b[1])).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
  }

  @Test
  void month_newYork_firstLocalMidnightsAnHourShortInMarch() {
    long[] b = bounds("P1M", "America/New_York", "2026-03-15T12:00:00Z");

    assertThat(instant(b[0])).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(instant(b[1])).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
  }

  @Test
  void hour_kolkata_startsAtHalfPastUtc() {
    long[] b = bounds("PT1H", "Asia/Kolkata", "2026-01-15T10:10:00Z");

    assertThat(instant(b[0])).isEqualTo(Instant.parse("2026-01-15T09:30:00Z"));
    assertThat(instant(b[1])).isEqualTo(Instant.parse("2026-01-15T10:30:00Z"));
  }

  @Test
  void anchoredDay_berlin_keepsTheAnchorsLocalTimeAcrossTheChange() {
    long anchor = Instant.parse("2026-03-27T08:00:00Z").toEpochMilli(); // 09:00 in Berlin (+01:00)
    ZoneId berlin = ZoneId.of("Europe/Berlin");

    long[] before = Periods.bounds(Cadence.parse("P1D"), anchor, berlin, Instant.parse("2026-03-29T06:00:00Z").toEpochMilli());
    long[] after = Periods.bounds(Cadence.parse("P1D"), anchor, berlin, Instant.parse("2026-03-29T08:00:00Z").toEpochMilli());

    assertThat(instant(before[0])).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
    assertThat(instant(before[1])).as("09:00 local, now at +02:00").isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
    assertThat(instant(after[0])).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
    assertThat(instant(after[1])).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
  }

  @Test
  void anchoredMonth_lordHowe_followsTheAnchorsLocalDayAndTime() {
    ZoneId zone = ZoneId.of("Australia/Lord_Howe");
    long anchor = ZonedDateTime.of(2026, 1, 31, 18, 0, 0, 0, zone).toInstant().toEpochMilli();

    long[] b = Periods.bounds(Cadence.parse("P1M"), anchor, zone,
        ZonedDateTime.of(2026, 4, 15, 12, 0, 0, 0, zone).toInstant().toEpochMilli());

    assertThat(ZonedDateTime.ofInstant(instant(b[0]), zone).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 3, 31, 18, 0));
    assertThat(ZonedDateTime.ofInstant(instant(b[1]), zone).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 4, 30, 18, 0));
  }

  /** Seeded random instants in the four zones: bounds contain t, tile time, and days start at local midnight. */
  @Test
  void bounds_randomInstantsInEveryZone_tileTimeAndStartAtLocalMidnight() {
    long seed = Long.getLong("governor.seed", System.nanoTime());
    System.out.println("[seed] LocalPeriodsTest seed=" + seed + "  (replay: -Dgovernor.seed=" + seed + ")");
    SplittableRandom random = new SplittableRandom(seed);
    List<String> cadences = List.of("P1D", "P2D", "P1W", "P1M", "P3M", "P1Y", "PT1H", "PT30M");
    long from = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2028-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 20_000; i++) {
      ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
      Cadence cadence = Cadence.parse(cadences.get(random.nextInt(cadences.size())));
      long t = random.nextLong(from, to);
      String what = cadence + " in " + zone + " at " + instant(t) + " (seed " + seed + ")";
      long[] b = Periods.bounds(cadence, Periods.NO_ANCHOR, zone, t);

      assertThat(b[0]).as(what).isLessThanOrEqualTo(t);
      assertThat(b[1]).as(what).isGreaterThan(t);
      assertThat(Periods.bounds(cadence, Periods.NO_ANCHOR, zone, b[0])).as(what).containsExactly(b[0], b[1]);
      assertThat(Periods.bounds(cadence, Periods.NO_ANCHOR, zone, b[1] - 1)).as(what).containsExactly(b[0], b[1]);
      assertThat(Periods.bounds(cadence, Periods.NO_ANCHOR, zone, b[1])[0]).as(what).isEqualTo(b[1]);
      if (!cadence.unit().isFixedLength()) {
        assertThat(ZonedDateTime.ofInstant(instant(b[0]), zone).toLocalTime()).as(what).isEqualTo(LocalTime.MIDNIGHT);
      }
    }
  }
}
