package dev.governor.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.runtime.ReservationState;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.StoredReservation;
import dev.governor.testing.Seeds;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The closed-reservation table: what it keeps, in what order it forgets, and its index under churn. */
class ClosedReservationsTest {
  private static final List<UUID> HELD = List.of(UUID.randomUUID());
  private static final long DAY = 86_400_000L;

  private static MemoryReservation closed(String id, long now, long actual, boolean settled) {
    return closed(id, now, actual, settled, false);
  }

  private static MemoryReservation closed(String id, long now, long actual, boolean settled, boolean keyed) {
    MemoryReservation r = new MemoryReservation(new ReservationHold(id, "ai-tokens", 10, now - 5, now + 60_000, 42L, DAY, keyed),
        MemoryReservation.NONE_COUNTERS, HELD);
    r.state = settled ? ReservationState.SETTLED : ReservationState.RELEASED;
    r.actual = actual;
    r.closedAt = now;
    return r;
  }

  private static String id(SplittableRandom random) {
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  /** An id as an engine numbers it: its salt, then its sequence number. */
  private static String numbered(long salt, long sequence) {
    return String.format("%016x%016x", salt, sequence);
  }

  @Test
  void find_afterAdd_returnsTheWholeRecord() {
    ClosedReservations table = new ClosedReservations(1024);
    String id = "0123456789abcdef0123456789abcdef";
    table.add(closed(id, 1_000, 7, true), 1_000);

    StoredReservation s = table.find(id, 2_000);

    assertThat(s).isEqualTo(new StoredReservation(id, "ai-tokens", 10, 995, 61_000, 42L, HELD, ReservationState.SETTLED, 7, 1_000));
    assertThat(table.find("ffffffffffffffffffffffffffffffff", 2_000)).isNull();
    assertThat(table.find("not-an-id", 2_000)).isNull();
  }

  @Test
  void find_pastRetention_forgotten() {
    ClosedReservations table = new ClosedReservations(1024);
    String id = "0123456789abcdef0123456789abcdef";
    table.add(closed(id, 1_000, 7, false), 1_000);

    assertThat(table.find(id, 61_000 + DAY - 1)).isNotNull();
    assertThat(table.find(id, 61_000 + DAY)).isNull();
    table.add(closed("1123456789abcdef0123456789abcdef", 61_000 + DAY, 1, true), 61_000 + DAY);
    assertThat(table.size()).as("forgotten when met at the ring's head").isEqualTo(1);
  }

  @Test
  void add_keyedPastTheBound_forgetsTheOldestCloseFirst_randomChurnKeepsTheIndexExact() {
    SplittableRandom random = Seeds.random("ClosedReservationsTest.churn");
    ClosedReservations table = new ClosedReservations(1024);
    Deque<String> kept = new ArrayDeque<>();
    Map<String, Long> actuals = new HashMap<>();
    for (int n = 0; n < 20_000; n++) {
      String id = id(random);
      long actual = random.nextInt(1_000);
      table.add(closed(id, 1_000 + n, actual, true, true), 1_000 + n);
      kept.addLast(id);
      actuals.put(id, actual);
      if (kept.size() > 1024) {
        assertThat(table.find(kept.removeFirst(), 1_000 + n)).as("the oldest is forgotten first").isNull();
      }
      if (n % 997 == 0) {
        for (String k : kept) {
          assertThat(table.find(k, 1_000 + n).actual()).isEqualTo(actuals.get(k));
        }
      }
    }
    assertThat(table.size()).isEqualTo(1024);
  }

  @Test
  void add_numberedPastTheBound_keepsTheLastNumbersOfTheSequence() {
    ClosedReservations table = new ClosedReservations(1024);
    long salt = 0x5eed5eed5eed5eedL;
    long start = -3; // crosses zero: numbers compare by their difference, not their sign
    for (long n = 0; n < 5_000; n++) {
      table.add(closed(numbered(salt, start + n), 1_000 + n, n, true), 1_000 + n);
    }

    assertThat(table.size()).isEqualTo(1024);
    for (long n = 5_000 - 1024; n < 5_000; n++) {
      assertThat(table.find(numbered(salt, start + n), 7_000).actual()).isEqualTo(n);
    }
    assertThat(table.find(numbered(salt, start + 5_000 - 1025), 7_000)).as("older than the last 1,024").isNull();
  }

  @Test
  void add_numberedOutOfOrderAndTwoSequences_keepsEveryRecordWithinTheBound() {
    SplittableRandom random = Seeds.random("ClosedReservationsTest.sequences");
    ClosedReservations table = new ClosedReservations(4096);
    long[] salts = {random.nextLong(), random.nextLong()};
    long[] next = {random.nextLong(), salts[1] == salts[0] ? 0 : random.nextLong()};
    Map<String, Long> actuals = new HashMap<>();
    Deque<String> late = new ArrayDeque<>();
    for (int n = 0; n < 3_000; n++) {
      int engine = random.nextInt(2);
      String id = numbered(salts[engine], next[engine]++);
      if (random.nextInt(10) == 0) {
        late.addLast(id); // closes later than reservations numbered after it
        continue;
      }
      long actual = random.nextInt(1_000);
      table.add(closed(id, 1_000 + n, actual, true), 1_000 + n);
      actuals.put(id, actual);
      if (late.size() > 20 || random.nextInt(50) == 0) {
        String straggler = late.pollFirst();
        if (straggler != null) {
          table.add(closed(straggler, 1_000 + n, 5, false), 1_000 + n);
          actuals.put(straggler, 5L);
        }
      }
    }

    assertThat(table.size()).isEqualTo(actuals.size());
    actuals.forEach((id, actual) -> assertThat(table.find(id, 5_000).actual()).as(id).isEqualTo(actual));
  }
}
