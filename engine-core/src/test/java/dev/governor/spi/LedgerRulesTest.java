package dev.governor.spi;

import static dev.governor.spi.BudgetSet.ANY_GLOBAL_VERSION;
import static dev.governor.spi.BudgetSet.UNLIMITED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.spi.LedgerRules.KeyMatch;
import dev.governor.testing.Seeds;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ledger's rules one by one ({@link LedgerRules}): staleness, lazy rollover, the limit test,
 * overflow, key matching and expiry, and the whole check and consume over counter states, including
 * a seeded randomized comparison of consume and check with an independent reference. Ingest is
 * covered by {@link LedgerRulesIngestTest}. The seed is printed; {@code -Dgovernor.seed=N} replays a
 * run.
 */
class LedgerRulesTest {
  private static final long MAX = Long.MAX_VALUE;
  private static final long NEVER = Long.MIN_VALUE;
  /** Fills the output and padding slots, so a test sees which ones a rule wrote. */
  private static final long SENTINEL = -777L;

  // ---------------------------------------------------------------------------------------------
  // isCurrent

  @Test
  void isCurrent_ownerVersionMatchesAndAnyGlobalVersion_current() {
    assertThat(LedgerRules.isCurrent(7, ANY_GLOBAL_VERSION, 7, 0)).isTrue();
    assertThat(LedgerRules.isCurrent(7, ANY_GLOBAL_VERSION, 7, 12345)).isTrue();
    assertThat(LedgerRules.isCurrent(0, ANY_GLOBAL_VERSION, 0, ANY_GLOBAL_VERSION)).isTrue();
  }

  @Test
  void isCurrent_ownerVersionDiffers_notCurrent() {
    assertThat(LedgerRules.isCurrent(7, ANY_GLOBAL_VERSION, 8, 0)).isFalse();
    assertThat(LedgerRules.isCurrent(8, ANY_GLOBAL_VERSION, 7, 0)).isFalse();
    // Even when the global version matches.
    assertThat(LedgerRules.isCurrent(7, 3, 6, 3)).isFalse();
    assertThat(LedgerRules.isCurrent(LedgerReply.MAX_VERSION, 3, LedgerReply.MAX_VERSION - 1, 3)).isFalse();
  }

  @Test
  void isCurrent_ownerAndGlobalVersionsMatch_current() {
    assertThat(LedgerRules.isCurrent(7, 3, 7, 3)).isTrue();
    assertThat(LedgerRules.isCurrent(7, 0, 7, 0)).isTrue();
    assertThat(LedgerRules.isCurrent(LedgerReply.MAX_VERSION, LedgerReply.MAX_VERSION, LedgerReply.MAX_VERSION,
        LedgerReply.MAX_VERSION)).isTrue();
  }

  @Test
  void isCurrent_globalVersionDiffers_notCurrent() {
    assertThat(LedgerRules.isCurrent(7, 3, 7, 4)).isFalse();
    assertThat(LedgerRules.isCurrent(7, 4, 7, 3)).isFalse();
    assertThat(LedgerRules.isCurrent(7, 0, 7, 1)).isFalse();
  }

  @Test
  void isCurrent_budgetSet_comparesTheSetsCatalogAndGlobalVersions() {
    BudgetSet dependent = new VersionedSet(5, 2);
    assertThat(LedgerRules.isCurrent(dependent, 5, 2)).isTrue();
    assertThat(LedgerRules.isCurrent(dependent, 5, 3)).isFalse();
    assertThat(LedgerRules.isCurrent(dependent, 6, 2)).isFalse();
    assertThat(LedgerRules.isCurrent(dependent, 4, 2)).isFalse();

    BudgetSet independent = new VersionedSet(5, ANY_GLOBAL_VERSION);
    assertThat(LedgerRules.isCurrent(independent, 5, 0)).isTrue();
    assertThat(LedgerRules.isCurrent(independent, 5, 99)).isTrue();
    assertThat(LedgerRules.isCurrent(independent, 6, 99)).isFalse();
  }

  @Test
  void isCurrent_budgetSetWithDefaultGlobalVersion_anyGlobalVersionIsCurrent() {
    BudgetSet set = new BudgetSet() {
      @Override
      public long catalogVersion() {
        return 9;
      }

      @Override
      public int size() {
        return 0;
      }

      @Override
      public LedgerCounter counter(int i) {
        throw new IndexOutOfBoundsException(i);
      }

      @Override
      public long limit(int i) {
        throw new IndexOutOfBoundsException(i);
      }

      @Override
      public long periodStart(int i, long timeMillis) {
        throw new IndexOutOfBoundsException(i);
      }
    };
    assertThat(set.globalVersion()).isEqualTo(ANY_GLOBAL_VERSION);
    assertThat(LedgerRules.isCurrent(set, 9, 0)).isTrue();
    assertThat(LedgerRules.isCurrent(set, 9, 41)).isTrue();
    assertThat(LedgerRules.isCurrent(set, 10, 41)).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // usageIn

  @Test
  void usageIn_counterInOlderPeriod_countsZero() {
    assertThat(LedgerRules.usageIn(1_000, 42, 2_000)).isZero();
    assertThat(LedgerRules.usageIn(1_999, MAX, 2_000)).isZero();
    assertThat(LedgerRules.usageIn(-5_000, 42, -4_000)).isZero();
  }

  @Test
  void usageIn_counterInSamePeriod_countsItsUsage() {
    assertThat(LedgerRules.usageIn(2_000, 42, 2_000)).isEqualTo(42);
    assertThat(LedgerRules.usageIn(2_000, 0, 2_000)).isZero();
    assertThat(LedgerRules.usageIn(2_000, MAX, 2_000)).isEqualTo(MAX);
    assertThat(LedgerRules.usageIn(-4_000, 9, -4_000)).isEqualTo(9);
  }

  @Test
  void usageIn_counterInLaterPeriod_takenAsItIs() {
    assertThat(LedgerRules.usageIn(3_000, 42, 2_000)).isEqualTo(42);
    assertThat(LedgerRules.usageIn(2_001, 5, 2_000)).isEqualTo(5);
    assertThat(LedgerRules.usageIn(MAX, 7, 0)).isEqualTo(7);
  }

  @Test
  void usageIn_neverWrittenCounter_countsZero() {
    assertThat(LedgerRules.usageIn(NEVER, 0, 0)).isZero();
    assertThat(LedgerRules.usageIn(NEVER, 0, 1_700_000_000_000L)).isZero();
    // A period before the epoch (1900 is allowed) is still later than a counter never written.
    assertThat(LedgerRules.usageIn(NEVER, 0, -2_208_988_800_000L)).isZero();
    // Whatever a never-written counter's usage slot holds, it does not count.
    assertThat(LedgerRules.usageIn(NEVER, 13, 0)).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // hasRoom and overflows

  @Test
  void hasRoom_unlimited_alwaysHasRoom() {
    assertThat(LedgerRules.hasRoom(UNLIMITED, 0, 1)).isTrue();
    assertThat(LedgerRules.hasRoom(UNLIMITED, MAX, 1)).isTrue();
    assertThat(LedgerRules.hasRoom(UNLIMITED, MAX, MAX)).isTrue();
    assertThat(LedgerRules.hasRoom(UNLIMITED, 0, 0)).isTrue();
  }

  @Test
  void hasRoom_usagePlusAmountExactlyAtLimit_hasRoom() {
    assertThat(LedgerRules.hasRoom(10, 7, 3)).isTrue();
    assertThat(LedgerRules.hasRoom(10, 0, 10)).isTrue();
    assertThat(LedgerRules.hasRoom(10, 10, 0)).isTrue();
    assertThat(LedgerRules.hasRoom(1, 0, 1)).isTrue();
  }

  @Test
  void hasRoom_usagePlusAmountOnePastLimit_noRoom() {
    assertThat(LedgerRules.hasRoom(10, 7, 4)).isFalse();
    assertThat(LedgerRules.hasRoom(10, 0, 11)).isFalse();
    assertThat(LedgerRules.hasRoom(10, 10, 1)).isFalse();
    assertThat(LedgerRules.hasRoom(1, 1, 1)).isFalse();
  }

  @Test
  void hasRoom_limitZero_roomOnlyForAmountZero() {
    assertThat(LedgerRules.hasRoom(0, 0, 0)).isTrue();
    assertThat(LedgerRules.hasRoom(0, 0, 1)).isFalse();
    assertThat(LedgerRules.hasRoom(0, 0, MAX)).isFalse();
  }

  @Test
  void hasRoom_usageAlreadyOverLimit_noRoomEvenForAmountZero() {
    // Ingest may push usage past a limit; then not even an amount of 0 fits.
    assertThat(LedgerRules.hasRoom(10, 11, 0)).isFalse();
    assertThat(LedgerRules.hasRoom(0, 1, 0)).isFalse();
    assertThat(LedgerRules.hasRoom(0, MAX, 0)).isFalse();
    assertThat(LedgerRules.hasRoom(10, MAX, 1)).isFalse();
  }

  @Test
  void hasRoom_nearLongMaxValue_noOverflowInTheTest() {
    assertThat(LedgerRules.hasRoom(MAX, 0, MAX)).isTrue();
    assertThat(LedgerRules.hasRoom(MAX, MAX - 1, 1)).isTrue();
    assertThat(LedgerRules.hasRoom(MAX, MAX, 0)).isTrue();
    assertThat(LedgerRules.hasRoom(MAX, MAX, 1)).isFalse();
    // usage + amount would wrap to a negative number and pass a naive usage + amount <= limit.
    assertThat(LedgerRules.hasRoom(MAX, 1, MAX)).isFalse();
    assertThat(LedgerRules.hasRoom(10, 5, MAX)).isFalse();
    assertThat(LedgerRules.hasRoom(10, MAX, MAX)).isFalse();
    assertThat(LedgerRules.hasRoom(0, MAX, MAX)).isFalse();
    assertThat(LedgerRules.hasRoom(MAX - 1, MAX - 1, 1)).isFalse();
  }

  @Test
  void overflows_sumExactlyLongMaxValue_doesNotOverflow() {
    assertThat(LedgerRules.overflows(MAX - 3, 3)).isFalse();
    assertThat(LedgerRules.overflows(MAX, 0)).isFalse();
    assertThat(LedgerRules.overflows(0, MAX)).isFalse();
    assertThat(LedgerRules.overflows(0, 0)).isFalse();
    assertThat(LedgerRules.overflows(MAX / 2, MAX - MAX / 2)).isFalse();
  }

  @Test
  void overflows_sumOnePastLongMaxValue_overflows() {
    assertThat(LedgerRules.overflows(MAX - 2, 3)).isTrue();
    assertThat(LedgerRules.overflows(MAX, 1)).isTrue();
    assertThat(LedgerRules.overflows(1, MAX)).isTrue();
    assertThat(LedgerRules.overflows(MAX, MAX)).isTrue();
    assertThat(LedgerRules.overflows(MAX / 2 + 1, MAX - MAX / 2)).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // keyMatch and holds

  @Test
  void keyMatch_notClaimed_absentWhateverTheFingerprints() {
    assertThat(LedgerRules.keyMatch(false, 5, 5)).isEqualTo(KeyMatch.ABSENT);
    assertThat(LedgerRules.keyMatch(false, 5, 6)).isEqualTo(KeyMatch.ABSENT);
    assertThat(LedgerRules.keyMatch(false, 0, 0)).isEqualTo(KeyMatch.ABSENT);
  }

  @Test
  void keyMatch_claimedWithSameFingerprint_sameRequest() {
    assertThat(LedgerRules.keyMatch(true, 5, 5)).isEqualTo(KeyMatch.SAME_REQUEST);
    assertThat(LedgerRules.keyMatch(true, 0, 0)).isEqualTo(KeyMatch.SAME_REQUEST);
    assertThat(LedgerRules.keyMatch(true, -1, -1)).isEqualTo(KeyMatch.SAME_REQUEST);
    assertThat(LedgerRules.keyMatch(true, Long.MIN_VALUE, Long.MIN_VALUE)).isEqualTo(KeyMatch.SAME_REQUEST);
  }

  @Test
  void keyMatch_claimedWithOtherFingerprint_otherRequest() {
    assertThat(LedgerRules.keyMatch(true, 5, 6)).isEqualTo(KeyMatch.OTHER_REQUEST);
    assertThat(LedgerRules.keyMatch(true, 0, -1)).isEqualTo(KeyMatch.OTHER_REQUEST);
    assertThat(LedgerRules.keyMatch(true, Long.MIN_VALUE, MAX)).isEqualTo(KeyMatch.OTHER_REQUEST);
    // Fingerprints differing only in the high bit.
    assertThat(LedgerRules.keyMatch(true, 1L, 1L | Long.MIN_VALUE)).isEqualTo(KeyMatch.OTHER_REQUEST);
  }

  @Test
  void holds_beforeExpiry_holds() {
    assertThat(LedgerRules.holds(1_000, 999)).isTrue();
    assertThat(LedgerRules.holds(1_000, 0)).isTrue();
    assertThat(LedgerRules.holds(MAX, MAX - 1)).isTrue();
  }

  @Test
  void holds_exactlyAtExpiry_expired() {
    assertThat(LedgerRules.holds(1_000, 1_000)).isFalse();
    assertThat(LedgerRules.holds(0, 0)).isFalse();
    assertThat(LedgerRules.holds(MAX, MAX)).isFalse();
  }

  @Test
  void holds_afterExpiry_expired() {
    assertThat(LedgerRules.holds(1_000, 1_001)).isFalse();
    assertThat(LedgerRules.holds(1_000, MAX)).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // check

  @Test
  void check_emptySet_granted() {
    assertReply(LedgerRules.check(new long[0], new long[0], new long[0], new long[0], 0, 1), LedgerReply.GRANTED);
    assertReply(LedgerRules.check(new long[0], new long[0], new long[0], new long[0], 0, MAX), LedgerReply.GRANTED);
  }

  @Test
  void check_everyBudgetHasRoom_grantedAndNothingChanges() {
    long[] statePeriods = {2_000, 2_000, 1_000, NEVER};
    long[] stateUsages = {7, MAX, 100, 0};
    long[] limits = {10, UNLIMITED, 10, 3};
    long[] periods = {2_000, 2_000, 2_000, 2_000};

    assertReply(LedgerRules.check(statePeriods, stateUsages, limits, periods, 4, 3), LedgerReply.GRANTED);

    assertThat(statePeriods).containsExactly(2_000, 2_000, 1_000, NEVER);
    assertThat(stateUsages).containsExactly(7, MAX, 100, 0);
  }

  @Test
  void check_anyBudgetWithoutRoom_denied() {
    long[] periods = {2_000, 2_000, 2_000};
    long[] statePeriods = {2_000, 2_000, 2_000};
    long[] stateUsages = {0, 0, 0};
    // The first, a middle and the last budget denying.
    assertReply(LedgerRules.check(statePeriods, new long[] {8, 0, 0}, new long[] {10, 10, 10}, periods, 3, 3),
        LedgerReply.DENIED);
    assertReply(LedgerRules.check(statePeriods, new long[] {0, 8, 0}, new long[] {10, 10, 10}, periods, 3, 3),
        LedgerReply.DENIED);
    assertReply(LedgerRules.check(statePeriods, new long[] {0, 0, 8}, new long[] {10, 10, 10}, periods, 3, 3),
        LedgerReply.DENIED);
    // Limit 0 denies any positive amount, unlimited beside it does not help.
    assertReply(LedgerRules.check(statePeriods, stateUsages, new long[] {UNLIMITED, 0, UNLIMITED}, periods, 3, 1),
        LedgerReply.DENIED);
    assertReply(LedgerRules.check(statePeriods, stateUsages, new long[] {UNLIMITED, 0, UNLIMITED}, periods, 3, 0),
        LedgerReply.GRANTED);
  }

  @Test
  void check_exactlyAtLimit_granted() {
    assertReply(LedgerRules.check(new long[] {2_000}, new long[] {7}, new long[] {10}, new long[] {2_000}, 1, 3),
        LedgerReply.GRANTED);
    assertReply(LedgerRules.check(new long[] {2_000}, new long[] {7}, new long[] {10}, new long[] {2_000}, 1, 4),
        LedgerReply.DENIED);
  }

  @Test
  void check_fullBudgetOfOlderPeriod_rollsOverAndGrants() {
    long[] statePeriods = {1_000};
    long[] stateUsages = {10};
    long[] limits = {10};
    // Full in its own period ...
    assertReply(LedgerRules.check(statePeriods, stateUsages, limits, new long[] {1_000}, 1, 1), LedgerReply.DENIED);
    // ... but the period has ended: the whole limit is free again.
    assertReply(LedgerRules.check(statePeriods, stateUsages, limits, new long[] {2_000}, 1, 10), LedgerReply.GRANTED);
    assertReply(LedgerRules.check(statePeriods, stateUsages, limits, new long[] {2_000}, 1, 11), LedgerReply.DENIED);
    assertThat(statePeriods).containsExactly(1_000);
    assertThat(stateUsages).containsExactly(10);
  }

  @Test
  void check_counterInLaterPeriod_usageTakenAsItIs() {
    // Another caller's clock already moved the counter to period 3000, where it is full.
    assertReply(LedgerRules.check(new long[] {3_000}, new long[] {10}, new long[] {10}, new long[] {2_000}, 1, 1),
        LedgerReply.DENIED);
  }

  @Test
  void check_unlimitedBudgetAtLongMaxValue_grantedBecauseCheckDoesNotTestOverflow() {
    assertReply(LedgerRules.check(new long[] {2_000}, new long[] {MAX}, new long[] {UNLIMITED}, new long[] {2_000}, 1, 1),
        LedgerReply.GRANTED);
  }

  @Test
  void check_entriesBeyondN_ignored() {
    // Stores hand in reusable arrays longer than the set: only [0, n) counts.
    long[] statePeriods = {2_000, 2_000};
    long[] stateUsages = {0, 10};
    long[] limits = {10, 10};
    long[] periods = {2_000, 2_000};
    assertReply(LedgerRules.check(statePeriods, stateUsages, limits, periods, 1, 5), LedgerReply.GRANTED);
    assertReply(LedgerRules.check(statePeriods, stateUsages, limits, periods, 2, 5), LedgerReply.DENIED);
    assertReply(LedgerRules.check(statePeriods, stateUsages, limits, periods, 0, 5), LedgerReply.GRANTED);
  }

  // ---------------------------------------------------------------------------------------------
  // consume

  @Test
  void consume_everyBudgetHasRoom_grantedWritesCurrentPeriodAndUsagePlusAmount() {
    long[] statePeriods = {2_000, 1_000, NEVER, 3_000, 2_000};
    long[] stateUsages = {3, 9, 0, 5, 40};
    long[] limits = {10, 10, UNLIMITED, 10, UNLIMITED};
    long[] periods = {2_000, 2_000, 2_000, 2_000, 2_000};
    long[] usageOut = filled(5);

    long reply = LedgerRules.consume(statePeriods, stateUsages, limits, periods, 5, 2, KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.GRANTED);
    // Usage before the add: same period, rolled over, never written, later period, same period.
    assertThat(usageOut).containsExactly(3, 0, 0, 5, 40);
    // New period = max(state period, current period); usage = usage in it + amount.
    assertThat(statePeriods).containsExactly(2_000, 2_000, 2_000, 3_000, 2_000);
    assertThat(stateUsages).containsExactly(5, 2, 2, 7, 42);
  }

  @Test
  void consume_exactlyToTheLimit_granted() {
    long[] statePeriods = {2_000, 2_000};
    long[] stateUsages = {7, 0};
    long[] usageOut = filled(2);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10, 3}, new long[] {2_000, 2_000}, 2, 3,
        KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(usageOut).containsExactly(7, 0);
    assertThat(statePeriods).containsExactly(2_000, 2_000);
    assertThat(stateUsages).containsExactly(10, 3);
  }

  @Test
  void consume_fullBudgetOfOlderPeriod_rollsOverAndGrants() {
    long[] statePeriods = {1_000};
    long[] stateUsages = {10};
    long[] usageOut = filled(1);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10}, new long[] {2_000}, 1, 10, KeyMatch.ABSENT,
        usageOut);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(usageOut).containsExactly(0);
    assertThat(statePeriods).containsExactly(2_000);
    assertThat(stateUsages).containsExactly(10);
  }

  @Test
  void consume_counterInLaterPeriod_keepsThatPeriodAndAddsToIt() {
    long[] statePeriods = {3_000};
    long[] stateUsages = {4};
    long[] usageOut = filled(1);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10}, new long[] {2_000}, 1, 6, KeyMatch.ABSENT,
        usageOut);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(usageOut).containsExactly(4);
    assertThat(statePeriods).containsExactly(3_000);
    assertThat(stateUsages).containsExactly(10);
  }

  @Test
  void consume_amountZeroOnOlderPeriod_grantedAndMovesCounterToCurrentPeriod() {
    long[] statePeriods = {1_000};
    long[] stateUsages = {10};

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10}, new long[] {2_000}, 1, 0, KeyMatch.ABSENT,
        null);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(statePeriods).containsExactly(2_000);
    assertThat(stateUsages).containsExactly(0);
  }

  @Test
  void consume_emptySet_grantedUnlessTheKeyDecides() {
    long[] none = new long[0];
    assertReply(LedgerRules.consume(none, none, none, none, 0, 5, KeyMatch.ABSENT, none), LedgerReply.GRANTED);
    assertReply(LedgerRules.consume(none, none, none, none, 0, 5, KeyMatch.SAME_REQUEST, none), LedgerReply.DUPLICATE);
    assertReply(LedgerRules.consume(none, none, none, none, 0, 5, KeyMatch.OTHER_REQUEST, null), LedgerReply.KEY_CONFLICT);
  }

  @Test
  void consume_budgetWithoutRoom_deniedUsageOutFilledAndArraysUnchanged() {
    long[] statePeriods = {2_000, 2_000, 1_000};
    long[] stateUsages = {9, 1, 50};
    long[] limits = {10, 10, 10};
    long[] periods = {2_000, 2_000, 2_000};
    long[] usageOut = filled(3);

    long reply = LedgerRules.consume(statePeriods, stateUsages, limits, periods, 3, 2, KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.DENIED);
    // Every budget's usage, also those after the one that denies.
    assertThat(usageOut).containsExactly(9, 1, 0);
    assertThat(statePeriods).containsExactly(2_000, 2_000, 1_000);
    assertThat(stateUsages).containsExactly(9, 1, 50);
  }

  @Test
  void consume_limitZero_deniesAnyPositiveAmount() {
    long[] statePeriods = {NEVER};
    long[] stateUsages = {0};
    long[] usageOut = filled(1);

    assertReply(LedgerRules.consume(statePeriods, stateUsages, new long[] {0}, new long[] {2_000}, 1, 1, KeyMatch.ABSENT,
        usageOut), LedgerReply.DENIED);
    assertThat(usageOut).containsExactly(0);
    assertThat(statePeriods).containsExactly(NEVER);
    assertThat(stateUsages).containsExactly(0);
  }

  @Test
  void consume_sameRequestKey_duplicateEvenWhereABudgetWouldDeny() {
    long[] statePeriods = {2_000, 2_000};
    long[] stateUsages = {10, 3};
    long[] usageOut = filled(2);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10, 10}, new long[] {2_000, 2_000}, 2, 1,
        KeyMatch.SAME_REQUEST, usageOut);

    assertReply(reply, LedgerReply.DUPLICATE);
    assertThat(usageOut).containsExactly(10, 3);
    assertThat(statePeriods).containsExactly(2_000, 2_000);
    assertThat(stateUsages).containsExactly(10, 3);
  }

  @Test
  void consume_otherRequestKey_keyConflictEvenWhereABudgetWouldDeny() {
    long[] statePeriods = {1_000, 2_000};
    long[] stateUsages = {4, 10};
    long[] usageOut = filled(2);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10, 10}, new long[] {2_000, 2_000}, 2, 1,
        KeyMatch.OTHER_REQUEST, usageOut);

    assertReply(reply, LedgerReply.KEY_CONFLICT);
    assertThat(usageOut).containsExactly(0, 10);
    assertThat(statePeriods).containsExactly(1_000, 2_000);
    assertThat(stateUsages).containsExactly(4, 10);
  }

  @Test
  void consume_sameRequestKey_duplicateEvenWhereTheAddWouldOverflow() {
    long[] statePeriods = {2_000};
    long[] stateUsages = {MAX};
    long[] usageOut = filled(1);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {UNLIMITED}, new long[] {2_000}, 1, 1,
        KeyMatch.SAME_REQUEST, usageOut);

    assertReply(reply, LedgerReply.DUPLICATE);
    assertThat(usageOut).containsExactly(MAX);
    assertThat(statePeriods).containsExactly(2_000);
    assertThat(stateUsages).containsExactly(MAX);
  }

  @Test
  void consume_otherRequestKey_keyConflictEvenWhereTheAddWouldOverflow() {
    long[] statePeriods = {2_000};
    long[] stateUsages = {MAX};
    long[] usageOut = filled(1);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {UNLIMITED}, new long[] {2_000}, 1, 1,
        KeyMatch.OTHER_REQUEST, usageOut);

    assertReply(reply, LedgerReply.KEY_CONFLICT);
    assertThat(usageOut).containsExactly(MAX);
    assertThat(statePeriods).containsExactly(2_000);
    assertThat(stateUsages).containsExactly(MAX);
  }

  @Test
  void consume_sameRequestKeyWhereEverythingHasRoom_duplicateAndArraysUnchanged() {
    long[] statePeriods = {2_000};
    long[] stateUsages = {1};
    long[] usageOut = filled(1);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10}, new long[] {2_000}, 1, 1,
        KeyMatch.SAME_REQUEST, usageOut);

    assertReply(reply, LedgerReply.DUPLICATE);
    assertThat(usageOut).containsExactly(1);
    assertThat(statePeriods).containsExactly(2_000);
    assertThat(stateUsages).containsExactly(1);
  }

  @Test
  void consume_deniedAndOverflowing_deniedWins() {
    // Budget 0 (unlimited) would overflow, budget 1 (limited) has no room: the denial is reported.
    long[] statePeriods = {2_000, 2_000};
    long[] stateUsages = {MAX, 10};
    long[] usageOut = filled(2);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {UNLIMITED, 10}, new long[] {2_000, 2_000}, 2, 1,
        KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.DENIED);
    assertThat(usageOut).containsExactly(MAX, 10);
    assertThat(statePeriods).containsExactly(2_000, 2_000);
    assertThat(stateUsages).containsExactly(MAX, 10);
  }

  @Test
  void consume_unlimitedBudgetWouldPassLongMaxValue_overflowAndArraysUnchanged() {
    long[] statePeriods = {2_000, 2_000};
    long[] stateUsages = {3, MAX - 2};
    long[] usageOut = filled(2);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {10, UNLIMITED}, new long[] {2_000, 2_000}, 2, 3,
        KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.OVERFLOW);
    assertThat(usageOut).containsExactly(3, MAX - 2);
    assertThat(statePeriods).containsExactly(2_000, 2_000);
    assertThat(stateUsages).containsExactly(3, MAX - 2);
  }

  @Test
  void consume_unlimitedBudgetReachesExactlyLongMaxValue_granted() {
    long[] statePeriods = {2_000};
    long[] stateUsages = {MAX - 2};

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {UNLIMITED}, new long[] {2_000}, 1, 2,
        KeyMatch.ABSENT, null);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(statePeriods).containsExactly(2_000);
    assertThat(stateUsages).containsExactly(MAX);
  }

  @Test
  void consume_limitedBudgetNearLongMaxValue_deniedNeverOverflow() {
    // Overflow is only an answer for unlimited budgets: a limited one that cannot take the amount denies.
    long[] statePeriods = {2_000, 2_000};
    long[] stateUsages = {MAX, MAX - 1};
    long[] usageOut = filled(2);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {MAX, MAX}, new long[] {2_000, 2_000}, 2, 2,
        KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.DENIED);
    assertThat(usageOut).containsExactly(MAX, MAX - 1);
    assertThat(stateUsages).containsExactly(MAX, MAX - 1);

    // A limited budget over its limit, with usage at Long.MAX_VALUE (pushed there by ingest).
    assertReply(LedgerRules.consume(new long[] {2_000}, new long[] {MAX}, new long[] {5}, new long[] {2_000}, 1, MAX,
        KeyMatch.ABSENT, null), LedgerReply.DENIED);
  }

  @Test
  void consume_limitLongMaxValue_grantedUpToIt() {
    long[] statePeriods = {2_000};
    long[] stateUsages = {MAX - 1};

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {MAX}, new long[] {2_000}, 1, 1, KeyMatch.ABSENT,
        null);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(stateUsages).containsExactly(MAX);
  }

  @Test
  void consume_unlimitedBudgetAtLongMaxValueInOlderPeriod_rollsOverAndGrants() {
    long[] statePeriods = {1_000};
    long[] stateUsages = {MAX};
    long[] usageOut = filled(1);

    long reply = LedgerRules.consume(statePeriods, stateUsages, new long[] {UNLIMITED}, new long[] {2_000}, 1, 1,
        KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(usageOut).containsExactly(0);
    assertThat(statePeriods).containsExactly(2_000);
    assertThat(stateUsages).containsExactly(1);
  }

  @Test
  void consume_nullUsageOut_decidesTheSame() {
    long[] periods = {2_000};
    assertReply(LedgerRules.consume(new long[] {2_000}, new long[] {1}, new long[] {10}, periods, 1, 1, KeyMatch.ABSENT,
        null), LedgerReply.GRANTED);
    assertReply(LedgerRules.consume(new long[] {2_000}, new long[] {10}, new long[] {10}, periods, 1, 1, KeyMatch.ABSENT,
        null), LedgerReply.DENIED);
    assertReply(LedgerRules.consume(new long[] {2_000}, new long[] {1}, new long[] {10}, periods, 1, 1,
        KeyMatch.SAME_REQUEST, null), LedgerReply.DUPLICATE);
    assertReply(LedgerRules.consume(new long[] {2_000}, new long[] {1}, new long[] {10}, periods, 1, 1,
        KeyMatch.OTHER_REQUEST, null), LedgerReply.KEY_CONFLICT);
    assertReply(LedgerRules.consume(new long[] {2_000}, new long[] {MAX}, new long[] {UNLIMITED}, periods, 1, 1,
        KeyMatch.ABSENT, null), LedgerReply.OVERFLOW);
  }

  @Test
  void consume_entriesBeyondN_neitherReadNorWritten() {
    long[] statePeriods = {2_000, 2_000};
    long[] stateUsages = {0, 10};
    long[] limits = {10, 10};
    long[] periods = {2_000, 2_000};
    long[] usageOut = filled(2);

    long reply = LedgerRules.consume(statePeriods, stateUsages, limits, periods, 1, 5, KeyMatch.ABSENT, usageOut);

    assertReply(reply, LedgerReply.GRANTED);
    assertThat(usageOut).containsExactly(0, SENTINEL);
    assertThat(statePeriods).containsExactly(2_000, 2_000);
    assertThat(stateUsages).containsExactly(5, 10);
  }

  // ---------------------------------------------------------------------------------------------
  // Randomized: consume and check against an independent reference

  private static final int CASES = 50_000;
  private static final long LEN = 86_400_000L;

  @Test
  void consume_randomStatesLimitsPeriodsAndKeys_matchesReference() {
    long seed = Seeds.seed("LedgerRulesTest.consume_randomStatesLimitsPeriodsAndKeys_matchesReference");
    SplittableRandom random = new SplittableRandom(seed);
    int[] seen = new int[LedgerStatus.values().length];
    for (int c = 0; c < CASES; c++) {
      Case k = Case.random(random);
      String what = "seed=" + seed + " (replay: -Dgovernor.seed=" + seed + ") case " + c + ": " + k;

      long[] statePeriods = k.statePeriods.clone();
      long[] stateUsages = k.stateUsages.clone();
      long[] usageOut = k.withUsageOut ? filled(k.arrayLength()) : null;
      long reply = LedgerRules.consume(statePeriods, stateUsages, k.limits, k.periods, k.n, k.amount, k.key, usageOut);

      Reference expected = Reference.consume(k);
      assertThat(LedgerReply.toString(reply)).as("reply: %s", what).isEqualTo(LedgerReply.toString(expected.reply));
      assertThat(reply).as("reply bits: %s", what).isEqualTo(expected.reply);
      assertThat(statePeriods).as("periods after: %s", what).containsExactly(expected.statePeriods);
      assertThat(stateUsages).as("usages after: %s", what).containsExactly(expected.stateUsages);
      if (usageOut != null) {
        assertThat(usageOut).as("usageOut: %s", what).containsExactly(expected.usageOut);
      }
      seen[LedgerReply.status(reply).ordinal()]++;
    }
    // The generator must reach every answer consume can give, or the comparison proves little.
    assertThat(seen[LedgerStatus.GRANTED.ordinal()]).as("GRANTED cases").isGreaterThan(CASES / 20);
    assertThat(seen[LedgerStatus.DENIED.ordinal()]).as("DENIED cases").isGreaterThan(CASES / 20);
    assertThat(seen[LedgerStatus.DUPLICATE.ordinal()]).as("DUPLICATE cases").isGreaterThan(CASES / 20);
    assertThat(seen[LedgerStatus.KEY_CONFLICT.ordinal()]).as("KEY_CONFLICT cases").isGreaterThan(CASES / 20);
    assertThat(seen[LedgerStatus.OVERFLOW.ordinal()]).as("OVERFLOW cases").isGreaterThan(CASES / 200);
  }

  @Test
  void check_randomStatesLimitsAndPeriods_matchesReference() {
    long seed = Seeds.seed("LedgerRulesTest.check_randomStatesLimitsAndPeriods_matchesReference");
    SplittableRandom random = new SplittableRandom(seed);
    int granted = 0;
    for (int c = 0; c < CASES; c++) {
      Case k = Case.random(random);
      String what = "seed=" + seed + " (replay: -Dgovernor.seed=" + seed + ") case " + c + ": " + k;

      long[] statePeriods = k.statePeriods.clone();
      long[] stateUsages = k.stateUsages.clone();
      long reply = LedgerRules.check(statePeriods, stateUsages, k.limits, k.periods, k.n, k.amount);

      long expected = Reference.everyLimitedBudgetHasRoom(k) ? LedgerReply.GRANTED : LedgerReply.DENIED;
      assertThat(LedgerReply.toString(reply)).as("reply: %s", what).isEqualTo(LedgerReply.toString(expected));
      assertThat(statePeriods).as("check changes nothing: %s", what).containsExactly(k.statePeriods);
      assertThat(stateUsages).as("check changes nothing: %s", what).containsExactly(k.stateUsages);
      if (reply == LedgerReply.GRANTED) {
        granted++;
      }
    }
    assertThat(granted).as("GRANTED cases").isBetween(CASES / 20, CASES - CASES / 20);
  }

  /** One random consume input; arrays may be longer than {@code n}, as stores' scratch arrays are. */
  private static final class Case {
    int n;
    long[] statePeriods;
    long[] stateUsages;
    long[] limits;
    long[] periods;
    long amount;
    KeyMatch key;
    boolean withUsageOut;

    int arrayLength() {
      return statePeriods.length;
    }

    static Case random(SplittableRandom r) {
      Case k = new Case();
      k.n = r.nextInt(6);
      int length = k.n + (r.nextInt(4) == 0 ? r.nextInt(1, 3) : 0);
      k.statePeriods = new long[length];
      k.stateUsages = new long[length];
      k.limits = new long[length];
      k.periods = new long[length];
      k.amount = randomAmount(r);
      // Periods around 2024 and a few before the epoch.
      long base = (r.nextInt(8) == 0 ? -r.nextLong(1, 25_000) : r.nextLong(19_000, 21_000)) * LEN;
      for (int i = 0; i < length; i++) {
        long len = LEN * (1 + r.nextInt(3));
        long period = Math.floorDiv(base, len) * len;
        k.periods[i] = period;
        k.limits[i] = randomLimit(r);
        k.statePeriods[i] = switch (r.nextInt(6)) {
          case 0 -> Long.MIN_VALUE;
          case 1 -> period - len * r.nextLong(1, 1_000);
          case 2 -> period + len * r.nextLong(1, 3);
          default -> period;
        };
        k.stateUsages[i] = k.statePeriods[i] == Long.MIN_VALUE && r.nextBoolean() ? 0 : randomUsage(r, k.limits[i], k.amount);
      }
      k.key = switch (r.nextInt(8)) {
        case 0 -> KeyMatch.SAME_REQUEST;
        case 1 -> KeyMatch.OTHER_REQUEST;
        default -> KeyMatch.ABSENT;
      };
      k.withUsageOut = r.nextInt(5) != 0;
      return k;
    }

    private static long randomLimit(SplittableRandom r) {
      return switch (r.nextInt(10)) {
        case 0, 1, 2 -> UNLIMITED;
        case 3 -> 0;
        case 4 -> MAX;
        case 5 -> MAX - r.nextInt(5);
        case 6 -> r.nextLong(0, MAX);
        default -> r.nextLong(1, 50);
      };
    }

    private static long randomAmount(SplittableRandom r) {
      return switch (r.nextInt(12)) {
        case 0 -> 0;
        case 1 -> MAX;
        case 2 -> MAX - r.nextInt(5);
        case 3 -> r.nextLong(1, MAX);
        case 4, 5, 6 -> 1;
        default -> r.nextLong(1, 20);
      };
    }

    private static long randomUsage(SplittableRandom r, long limit, long amount) {
      long base = limit == UNLIMITED ? MAX - amount : limit - amount;
      return switch (r.nextInt(10)) {
        case 0 -> 0;
        case 1 -> MAX;
        case 2 -> MAX - r.nextInt(5);
        // Around the point where usage + amount reaches the limit (or Long.MAX_VALUE when unlimited).
        case 3, 4, 5 -> clampUsage(base + r.nextInt(-2, 3));
        case 6 -> r.nextLong(0, MAX);
        default -> r.nextLong(0, 50);
      };
    }

    private static long clampUsage(long usage) {
      return Math.max(0, usage);
    }

    @Override
    public String toString() {
      return "n=" + n + " amount=" + amount + " key=" + key + " statePeriods=" + Arrays.toString(statePeriods)
          + " stateUsages=" + Arrays.toString(stateUsages) + " limits=" + Arrays.toString(limits) + " periods="
          + Arrays.toString(periods) + " usageOut=" + (withUsageOut ? "array" : "null");
    }
  }

  /** An independent reference for consume: exact arithmetic, decided in the documented order. */
  private static final class Reference {
    static final BigInteger LONG_MAX = BigInteger.valueOf(MAX);

    long reply;
    long[] statePeriods;
    long[] stateUsages;
    long[] usageOut;

    static long usage(Case k, int i) {
      // A counter holds its usage for its own period; any later-or-equal period it is in counts as it is.
      boolean olderPeriod = k.statePeriods[i] < k.periods[i];
      return olderPeriod ? 0 : k.stateUsages[i];
    }

    static boolean everyLimitedBudgetHasRoom(Case k) {
      for (int i = 0; i < k.n; i++) {
        if (k.limits[i] != UNLIMITED) {
          BigInteger after = BigInteger.valueOf(usage(k, i)).add(BigInteger.valueOf(k.amount));
          if (after.compareTo(BigInteger.valueOf(k.limits[i])) > 0) {
            return false;
          }
        }
      }
      return true;
    }

    static boolean someUnlimitedBudgetOverflows(Case k) {
      for (int i = 0; i < k.n; i++) {
        if (k.limits[i] == UNLIMITED) {
          BigInteger after = BigInteger.valueOf(usage(k, i)).add(BigInteger.valueOf(k.amount));
          if (after.compareTo(LONG_MAX) > 0) {
            return true;
          }
        }
      }
      return false;
    }

    static Reference consume(Case k) {
      Reference out = new Reference();
      out.statePeriods = k.statePeriods.clone();
      out.stateUsages = k.stateUsages.clone();
      out.usageOut = filled(k.arrayLength());
      for (int i = 0; i < k.n; i++) {
        out.usageOut[i] = usage(k, i);
      }
      if (k.key == KeyMatch.SAME_REQUEST) {
        out.reply = LedgerReply.DUPLICATE;
      } else if (k.key == KeyMatch.OTHER_REQUEST) {
        out.reply = LedgerReply.KEY_CONFLICT;
      } else if (!everyLimitedBudgetHasRoom(k)) {
        out.reply = LedgerReply.DENIED;
      } else if (someUnlimitedBudgetOverflows(k)) {
        out.reply = LedgerReply.OVERFLOW;
      } else {
        out.reply = LedgerReply.GRANTED;
        for (int i = 0; i < k.n; i++) {
          long usage = usage(k, i);
          out.stateUsages[i] = BigInteger.valueOf(usage).add(BigInteger.valueOf(k.amount)).longValueExact();
          if (k.statePeriods[i] < k.periods[i]) {
            out.statePeriods[i] = k.periods[i];
          }
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static long[] filled(int length) {
    long[] out = new long[length];
    Arrays.fill(out, SENTINEL);
    return out;
  }

  private static void assertReply(long actual, long expected) {
    assertThat(LedgerReply.toString(actual)).isEqualTo(LedgerReply.toString(expected));
    assertThat(actual).isEqualTo(expected);
  }

  /** A set of no budgets that only carries versions. */
  private static final class VersionedSet implements BudgetSet {
    private final long catalogVersion;
    private final long globalVersion;

    VersionedSet(long catalogVersion, long globalVersion) {
      this.catalogVersion = catalogVersion;
      this.globalVersion = globalVersion;
    }

    @Override
    public long catalogVersion() {
      return catalogVersion;
    }

    @Override
    public long globalVersion() {
      return globalVersion;
    }

    @Override
    public int size() {
      return 0;
    }

    @Override
    public LedgerCounter counter(int i) {
      throw new IndexOutOfBoundsException(i);
    }

    @Override
    public long limit(int i) {
      throw new IndexOutOfBoundsException(i);
    }

    @Override
    public long periodStart(int i, long timeMillis) {
      throw new IndexOutOfBoundsException(i);
    }
  }
}
