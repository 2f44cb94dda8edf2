package dev.governor.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.spi.LedgerRules.KeyMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LedgerRules#ingest}: adds through shared counter slots, lazy rollover, late events per
 * budget, event times clamped to now, duplicates and key conflicts against stored keys and within
 * the batch, overflow, and which events claim their key. Budgets here have fixed-length periods
 * starting at multiples of their length; "now" is {@value #NOW}, so a {@value #SHORT} ms budget is in
 * period 25000 and a {@value #LONG} ms budget in period 20000.
 */
class LedgerRulesIngestTest {
  private static final long NOW = 25_500;
  private static final long SHORT = 1_000;
  private static final long LONG = 10_000;
  private static final long MAX = Long.MAX_VALUE;
  private static final long NEVER = Long.MIN_VALUE;
  private static final long EXPIRES = NOW + 60_000;

  // ---------------------------------------------------------------------------------------------
  // adds and rollover

  @Test
  void ingest_eventInCurrentPeriod_addedAndUsageAfterReported() {
    IngestBatch batch = new Events().event(budgets(SHORT), 3, 25_100).batch();
    long[] periods = {25_000};
    long[] usages = {4};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.failedIndex()).isEqualTo(-1);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(7);
    assertThat(batch.isLate(0, 0)).isFalse();
    assertThat(batch.claims(0)).isFalse();
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(7);
  }

  @Test
  void ingest_counterInOlderPeriod_rolledOverBeforeTheAdd() {
    IngestBatch batch = new Events().event(budgets(SHORT), 3, NOW).batch();
    long[] periods = {24_000};
    long[] usages = {50};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(3);
    assertThat(batch.isLate(0, 0)).isFalse();
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(3);
  }

  @Test
  void ingest_neverWrittenCounter_startsFromZeroInTheCurrentPeriod() {
    IngestBatch batch = new Events().event(budgets(SHORT, LONG), 3, NOW).batch();
    long[] periods = {NEVER, NEVER};
    long[] usages = {0, 0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0, 1}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(3);
    assertThat(batch.usageAfter(0, 1)).isEqualTo(3);
    assertThat(periods).containsExactly(25_000, 20_000);
    assertThat(usages).containsExactly(3, 3);
  }

  @Test
  void ingest_eventsSharingACounterSlot_eachSeesTheAddsBeforeIt() {
    // Slot 0 is the short budget's counter, slot 1 the long one's; the events list them in different orders.
    IngestBatch batch = new Events()
        .event(budgets(SHORT, LONG), 1, NOW)
        .event(budgets(SHORT), 2, NOW)
        .event(budgets(LONG, SHORT), 4, 25_001)
        .batch();
    long[] periods = {25_000, 20_000};
    long[] usages = {4, 100};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0, 1}, new int[] {0}, new int[] {1, 0}), periods, usages,
        absent(3), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(usageAfter(batch, 0)).containsExactly(5, 101);
    assertThat(usageAfter(batch, 1)).containsExactly(7);
    assertThat(usageAfter(batch, 2)).containsExactly(105, 11);
    assertThat(periods).containsExactly(25_000, 20_000);
    assertThat(usages).containsExactly(11, 105);
  }

  @Test
  void ingest_sharedCounterOfOlderPeriod_rolledOverOnceThenAccumulates() {
    IngestBatch batch = new Events().event(budgets(SHORT), 3, NOW).event(budgets(SHORT), 4, NOW).batch();
    long[] periods = {24_000};
    long[] usages = {50};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages, absent(2), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(3);
    assertThat(batch.usageAfter(1, 0)).isEqualTo(7);
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(7);
  }

  @Test
  void ingest_usageAtOrOverLimit_stillAdded() {
    // Ingest never refuses usage over a limit: limits are not consulted.
    IngestBatch batch = new Events().event(limited(5, SHORT), 10, NOW).event(limited(0, LONG), 1, NOW).batch();
    long[] periods = {25_000, 20_000};
    long[] usages = {5, 3};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {1}), periods, usages, absent(2), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(15);
    assertThat(batch.usageAfter(1, 0)).isEqualTo(4);
    assertThat(usages).containsExactly(15, 4);
  }

  @Test
  void ingest_eventWithoutBudgets_recordedAndClaimsItsKey() {
    IngestBatch batch = new Events().event(budgets(), 3, NOW, "k", 1).batch();
    long[] periods = {};
    long[] usages = {};

    long reply = LedgerRules.ingest(batch, slots(new int[0]), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.claims(0)).isTrue();
    assertThat(batch.failedIndex()).isEqualTo(-1);
  }

  @Test
  void ingest_emptyBatch_ok() {
    IngestBatch batch = new Events().batch();

    long reply = LedgerRules.ingest(batch, new int[0][], new long[0], new long[0], new KeyMatch[0], NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.failedIndex()).isEqualTo(-1);
  }

  // ---------------------------------------------------------------------------------------------
  // late events and event times

  @Test
  void ingest_eventInClosedPeriodOfOneBudgetOnly_lateForThatBudgetAndAddedToTheOther() {
    // 24900 lies in the short budget's closed period 24000, but in the long budget's current period 20000.
    IngestBatch batch = new Events().event(budgets(SHORT, LONG), 5, 24_900, "k", 1).batch();
    long[] periods = {25_000, 20_000};
    long[] usages = {10, 100};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0, 1}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(10);
    assertThat(batch.isLate(0, 1)).isFalse();
    assertThat(batch.usageAfter(0, 1)).isEqualTo(105);
    assertThat(batch.claims(0)).isTrue();
    assertThat(periods).containsExactly(25_000, 20_000);
    assertThat(usages).containsExactly(10, 105);
  }

  @Test
  void ingest_lateForEveryBudget_recordedWithNothingAdded() {
    IngestBatch batch = new Events().event(budgets(SHORT, LONG), 5, 19_999, "k", 1).batch();
    long[] periods = {25_000, 20_000};
    long[] usages = {10, 100};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0, 1}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.isLate(0, 1)).isTrue();
    assertThat(usageAfter(batch, 0)).containsExactly(10, 100);
    // Recorded (the engine reports it LATE): its key is claimed so a retry is a duplicate.
    assertThat(batch.claims(0)).isTrue();
    assertThat(periods).containsExactly(25_000, 20_000);
    assertThat(usages).containsExactly(10, 100);
  }

  @Test
  void ingest_lateBudgetWhoseCounterIsInAnOlderPeriod_reportsZeroAndLeavesTheCounter() {
    // The counter last counted in 23000; the event belongs to 24000; the current period is 25000.
    IngestBatch batch = new Events().event(budgets(SHORT), 5, 24_500).batch();
    long[] periods = {23_000};
    long[] usages = {7};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isZero();
    assertThat(periods).containsExactly(23_000);
    assertThat(usages).containsExactly(7);
  }

  @Test
  void ingest_eventInTheCountersOwnClosedPeriod_late() {
    // The counter still holds period 24000 and the event belongs to it, but 24000 has ended at now.
    IngestBatch batch = new Events().event(budgets(SHORT), 5, 24_500).batch();
    long[] periods = {24_000};
    long[] usages = {7};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isZero();
    assertThat(periods).containsExactly(24_000);
    assertThat(usages).containsExactly(7);
  }

  @Test
  void ingest_periodBoundary_startInstantBelongsToThePeriodAndOneMillisecondBeforeIsLate() {
    IngestBatch batch = new Events().event(budgets(SHORT), 1, 25_000).event(budgets(SHORT), 2, 24_999).batch();
    long[] periods = {25_000};
    long[] usages = {0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages, absent(2), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isFalse();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(1);
    assertThat(batch.isLate(1, 0)).isTrue();
    assertThat(batch.usageAfter(1, 0)).isEqualTo(1);
    assertThat(usages).containsExactly(1);
  }

  @Test
  void ingest_earlierEventRolledTheCounterOver_laterEventOfTheOldPeriodIsLateAndSeesTheNewUsage() {
    IngestBatch batch = new Events().event(budgets(SHORT), 2, NOW).event(budgets(SHORT), 9, 24_500).batch();
    long[] periods = {24_000};
    long[] usages = {50};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages, absent(2), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isFalse();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(2);
    assertThat(batch.isLate(1, 0)).isTrue();
    assertThat(batch.usageAfter(1, 0)).isEqualTo(2);
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(2);
  }

  @Test
  void ingest_eventTimeLaterThanNow_countsAsNow() {
    // 26500 lies in the next period and Long.MAX_VALUE far beyond: both count in the current period 25000.
    IngestBatch batch = new Events().event(budgets(SHORT), 2, 26_500).event(budgets(SHORT), 3, MAX).batch();
    long[] periods = {25_000};
    long[] usages = {1};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages, absent(2), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isFalse();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(3);
    assertThat(batch.isLate(1, 0)).isFalse();
    assertThat(batch.usageAfter(1, 0)).isEqualTo(6);
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(6);
  }

  @Test
  void ingest_eventTimeLaterThanNowInTheCountersLaterPeriod_countsAsNowSoLate() {
    // Another engine moved the counter to 26000. The event is stamped 26500, inside that period, but
    // a time ahead of now counts as now (25500, period 25000), which that counter has left behind.
    IngestBatch batch = new Events().event(budgets(SHORT), 2, 26_500).batch();
    long[] periods = {26_000};
    long[] usages = {8};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(8);
    assertThat(periods).containsExactly(26_000);
    assertThat(usages).containsExactly(8);
  }

  @Test
  void ingest_oneMillisecondPeriods_previousMillisecondLateAndNowAdded() {
    IngestBatch batch = new Events().event(budgets(1), 1, NOW - 1).event(budgets(1), 2, NOW).batch();
    long[] periods = {NOW - 1};
    long[] usages = {5};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages, absent(2), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isZero();
    assertThat(batch.isLate(1, 0)).isFalse();
    assertThat(batch.usageAfter(1, 0)).isEqualTo(2);
    assertThat(periods).containsExactly(NOW);
    assertThat(usages).containsExactly(2);
  }

  @Test
  void ingest_eventTimeLaterThanNowOnOlderCounter_rollsOverToNowsPeriodOnly() {
    IngestBatch batch = new Events().event(budgets(SHORT), 2, 27_300).batch();
    long[] periods = {24_000};
    long[] usages = {9};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(2);
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(2);
  }

  @Test
  void ingest_counterInLaterPeriodThanNow_takenAsItIsAndTheEventIsLateForIt() {
    // Another engine with a clock ahead moved the counter to 26000: that is the counter's current
    // period, and an event of period 25000 no longer belongs to it.
    IngestBatch batch = new Events().event(budgets(SHORT, LONG), 4, NOW).batch();
    long[] periods = {26_000, 20_000};
    long[] usages = {8, 1};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0, 1}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(8);
    assertThat(batch.isLate(0, 1)).isFalse();
    assertThat(batch.usageAfter(0, 1)).isEqualTo(5);
    assertThat(periods).containsExactly(26_000, 20_000);
    assertThat(usages).containsExactly(8, 5);
  }

  // ---------------------------------------------------------------------------------------------
  // idempotency keys

  @Test
  void ingest_storedKeyOfSameRequest_duplicateNothingAddedAndTheBatchGoesOn() {
    IngestBatch batch = new Events().event(budgets(SHORT), 5, NOW, "k", 7).event(budgets(SHORT), 2, NOW).batch();
    long[] periods = {25_000};
    long[] usages = {1};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages,
        new KeyMatch[] {KeyMatch.SAME_REQUEST, KeyMatch.ABSENT}, NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(batch.claims(0)).isFalse();
    assertThat(batch.usageAfter(0, 0)).isZero();
    assertThat(batch.isLate(0, 0)).isFalse();
    assertThat(batch.outcome(1)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.usageAfter(1, 0)).isEqualTo(3);
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(3);
  }

  @Test
  void ingest_storedKeyOfSameRequestRepeated_everyRepeatDuplicate() {
    IngestBatch batch = new Events().event(budgets(SHORT), 5, NOW, "k", 7).event(budgets(SHORT), 5, NOW, "k", 7).batch();
    long[] periods = {25_000};
    long[] usages = {1};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages,
        new KeyMatch[] {KeyMatch.SAME_REQUEST, KeyMatch.SAME_REQUEST}, NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(batch.outcome(1)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(batch.claims(0)).isFalse();
    assertThat(batch.claims(1)).isFalse();
    assertThat(usages).containsExactly(1);
  }

  @Test
  void ingest_keyRepeatedInBatchWithSameFingerprint_laterEventsDuplicates() {
    // A fingerprint outside the Long cache, so a boxed comparison by identity would fail.
    long fingerprint = 123_456_789_012L;
    IngestBatch batch = new Events()
        .event(budgets(SHORT), 5, NOW, "k", fingerprint)
        .event(budgets(SHORT), 5, NOW, "k", fingerprint)
        .event(budgets(SHORT), 5, NOW, "k", fingerprint)
        .batch();
    long[] periods = {25_000};
    long[] usages = {0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}, new int[] {0}), periods, usages, absent(3),
        NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(5);
    assertThat(batch.outcome(1)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(batch.outcome(2)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(batch.claims(0)).isTrue();
    assertThat(batch.claims(1)).isFalse();
    assertThat(batch.claims(2)).isFalse();
    assertThat(usages).containsExactly(5);
  }

  @Test
  void ingest_storedKeyOfOtherRequestOnFirstEvent_keyConflictBeforeAnyAdd() {
    IngestBatch batch = new Events().event(budgets(SHORT), 5, NOW, "k", 2).event(budgets(SHORT), 1, NOW).batch();
    long[] periods = {24_000};
    long[] usages = {3};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages,
        new KeyMatch[] {KeyMatch.OTHER_REQUEST, KeyMatch.ABSENT}, NOW);

    assertReply(reply, LedgerReply.KEY_CONFLICT);
    assertThat(batch.failedIndex()).isZero();
    assertThat(batch.outcome(0)).isNull();
    assertThat(batch.outcome(1)).isNull();
    assertThat(batch.claims(0)).isFalse();
    assertThat(batch.claims(1)).isFalse();
    assertThat(periods).containsExactly(24_000);
    assertThat(usages).containsExactly(3);
  }

  @Test
  void ingest_storedKeyOfOtherRequestLaterInBatch_keyConflictAtThatEventAndStops() {
    IngestBatch batch = new Events()
        .event(budgets(SHORT), 1, NOW)
        .event(budgets(SHORT), 5, NOW, "k", 2)
        .event(budgets(SHORT), 1, NOW, "j", 3)
        .batch();
    long[] periods = {25_000};
    long[] usages = {0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}, new int[] {0}), periods, usages,
        new KeyMatch[] {KeyMatch.ABSENT, KeyMatch.OTHER_REQUEST, KeyMatch.ABSENT}, NOW);

    // The caller writes nothing on a failure; the rules only name the event.
    assertReply(reply, LedgerReply.KEY_CONFLICT);
    assertThat(batch.failedIndex()).isEqualTo(1);
    assertThat(batch.outcome(1)).isNull();
    assertThat(batch.outcome(2)).isNull();
    assertThat(batch.claims(1)).isFalse();
    assertThat(batch.claims(2)).isFalse();
  }

  @Test
  void ingest_keyRepeatedInBatchWithOtherFingerprint_keyConflictAtTheRepeat() {
    IngestBatch batch = new Events()
        .event(budgets(SHORT), 5, NOW, "k", 1)
        .event(budgets(SHORT), 5, NOW, "k", 1)
        .event(budgets(SHORT), 5, NOW, "j", 1)
        .event(budgets(SHORT), 5, NOW, "k", 2)
        .event(budgets(SHORT), 5, NOW)
        .batch();
    long[] periods = {25_000};
    long[] usages = {0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0}),
        periods, usages, absent(5), NOW);

    assertReply(reply, LedgerReply.KEY_CONFLICT);
    assertThat(batch.failedIndex()).isEqualTo(3);
    assertThat(batch.outcome(1)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(batch.outcome(3)).isNull();
    assertThat(batch.outcome(4)).isNull();
    assertThat(batch.claims(3)).isFalse();
    assertThat(batch.claims(4)).isFalse();
  }

  @Test
  void ingest_eventWithoutKey_storedMatchIgnored() {
    // Only an event with a key can be a duplicate or a conflict.
    IngestBatch batch = new Events().event(budgets(SHORT), 5, NOW).event(budgets(SHORT), 1, NOW).batch();
    long[] periods = {25_000};
    long[] usages = {0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages,
        new KeyMatch[] {KeyMatch.OTHER_REQUEST, KeyMatch.SAME_REQUEST}, NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.outcome(1)).isEqualTo(LedgerStatus.OK);
    assertThat(usages).containsExactly(6);
  }

  @Test
  void ingest_claims_trueExactlyForRecordedEventsWithAKey() {
    IngestBatch batch = new Events()
        .event(budgets(SHORT), 1, NOW, "a", 1) // recorded, key
        .event(budgets(SHORT), 1, NOW) // recorded, no key
        .event(budgets(SHORT), 1, NOW, "b", 2) // duplicate of a stored claim
        .event(budgets(SHORT), 1, 20_000, "c", 3) // late for every budget, key
        .event(budgets(SHORT), 1, NOW, "a", 1) // duplicate within the batch
        .event(budgets(), 1, NOW, "d", 4) // no budgets, key
        .batch();
    long[] periods = {25_000};
    long[] usages = {0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0},
        new int[0]), periods, usages,
        new KeyMatch[] {KeyMatch.ABSENT, KeyMatch.ABSENT, KeyMatch.SAME_REQUEST, KeyMatch.ABSENT, KeyMatch.ABSENT,
            KeyMatch.ABSENT}, NOW);

    assertReply(reply, LedgerReply.OK);
    boolean[] claims = new boolean[batch.size()];
    LedgerStatus[] outcomes = new LedgerStatus[batch.size()];
    for (int e = 0; e < batch.size(); e++) {
      claims[e] = batch.claims(e);
      outcomes[e] = batch.outcome(e);
    }
    assertThat(outcomes).containsExactly(LedgerStatus.OK, LedgerStatus.OK, LedgerStatus.DUPLICATE, LedgerStatus.OK,
        LedgerStatus.DUPLICATE, LedgerStatus.OK);
    assertThat(claims).containsExactly(true, false, false, true, false, true);
    assertThat(usages).containsExactly(2);
  }

  // ---------------------------------------------------------------------------------------------
  // overflow

  @Test
  void ingest_addWouldPassLongMaxValue_overflowAtThatEvent() {
    // A limited budget: ingest ignores the limit but never wraps the counter.
    IngestBatch batch = new Events()
        .event(limited(10, SHORT), 3, NOW)
        .event(limited(10, SHORT), 3, NOW)
        .event(limited(10, SHORT), 1, NOW)
        .batch();
    long[] periods = {25_000};
    long[] usages = {MAX - 5};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}, new int[] {0}), periods, usages, absent(3),
        NOW);

    assertReply(reply, LedgerReply.OVERFLOW);
    assertThat(batch.failedIndex()).isEqualTo(1);
    assertThat(batch.usageAfter(0, 0)).isEqualTo(MAX - 2);
    assertThat(batch.outcome(2)).isNull();
    assertThat(batch.claims(2)).isFalse();
  }

  @Test
  void ingest_overflowInTheSecondBudgetOfAnEvent_overflowAtThatEvent() {
    IngestBatch batch = new Events().event(budgets(SHORT, LONG), 1, NOW, "k", 1).batch();
    long[] periods = {25_000, 20_000};
    long[] usages = {0, MAX};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0, 1}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OVERFLOW);
    assertThat(batch.failedIndex()).isZero();
  }

  @Test
  void ingest_addReachingExactlyLongMaxValue_ok() {
    IngestBatch batch = new Events().event(budgets(SHORT), 2, NOW).event(budgets(SHORT), 3, NOW).batch();
    long[] periods = {25_000};
    long[] usages = {MAX - 5};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}, new int[] {0}), periods, usages, absent(2), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.failedIndex()).isEqualTo(-1);
    assertThat(batch.usageAfter(1, 0)).isEqualTo(MAX);
    assertThat(usages).containsExactly(MAX);
  }

  @Test
  void ingest_lateBudgetAtLongMaxValue_neverOverflows() {
    IngestBatch batch = new Events().event(budgets(SHORT, LONG), 1, 24_500).batch();
    long[] periods = {25_000, 20_000};
    long[] usages = {MAX, 0};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0, 1}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(MAX);
    assertThat(batch.usageAfter(0, 1)).isEqualTo(1);
    assertThat(usages).containsExactly(MAX, 1);
  }

  @Test
  void ingest_counterAtLongMaxValueInOlderPeriod_rolledOverWithoutOverflow() {
    IngestBatch batch = new Events().event(budgets(SHORT), 1, NOW).batch();
    long[] periods = {24_000};
    long[] usages = {MAX};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, absent(1), NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(periods).containsExactly(25_000);
    assertThat(usages).containsExactly(1);
  }

  @Test
  void ingest_duplicateOfAnEventThatWouldOverflow_notAddedSoNoOverflow() {
    IngestBatch batch = new Events().event(budgets(SHORT), 10, NOW, "k", 1).batch();
    long[] periods = {25_000};
    long[] usages = {MAX};

    long reply = LedgerRules.ingest(batch, slots(new int[] {0}), periods, usages, new KeyMatch[] {KeyMatch.SAME_REQUEST},
        NOW);

    assertReply(reply, LedgerReply.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(usages).containsExactly(MAX);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static void assertReply(long actual, long expected) {
    assertThat(LedgerReply.toString(actual)).isEqualTo(LedgerReply.toString(expected));
    assertThat(actual).isEqualTo(expected);
  }

  private static long[] usageAfter(IngestBatch batch, int event) {
    long[] out = new long[batch.budgets(event).size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = batch.usageAfter(event, i);
    }
    return out;
  }

  private static int[][] slots(int[]... perEvent) {
    return perEvent;
  }

  private static KeyMatch[] absent(int events) {
    KeyMatch[] out = new KeyMatch[events];
    Arrays.fill(out, KeyMatch.ABSENT);
    return out;
  }

  /** Budgets of the given period lengths, each with a limit of 10 (ingest never reads it). */
  private static BudgetSet budgets(long... lengths) {
    long[] limits = new long[lengths.length];
    Arrays.fill(limits, 10);
    return new FixedBudgets(limits, lengths);
  }

  private static BudgetSet limited(long limit, long length) {
    return new FixedBudgets(new long[] {limit}, new long[] {length});
  }

  /** A counter handle; the rules never look at it (slots stand for counters). */
  private record Counter(int index) implements LedgerCounter {}

  /** Budgets with fixed-length periods starting at multiples of their length. */
  private static final class FixedBudgets implements BudgetSet {
    private final long[] limits;
    private final long[] lengths;

    FixedBudgets(long[] limits, long[] lengths) {
      this.limits = limits;
      this.lengths = lengths;
    }

    @Override
    public long catalogVersion() {
      return 1;
    }

    @Override
    public int size() {
      return lengths.length;
    }

    @Override
    public LedgerCounter counter(int i) {
      return new Counter(i);
    }

    @Override
    public long limit(int i) {
      return limits[i];
    }

    @Override
    public long periodStart(int i, long timeMillis) {
      return Math.floorDiv(timeMillis, lengths[i]) * lengths[i];
    }
  }

  /** Builds an {@link IngestBatch} event by event. */
  private static final class Events {
    private final List<BudgetSet> sets = new ArrayList<>();
    private final List<Long> amounts = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<Long> fingerprints = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    Events event(BudgetSet budgets, long amount, long time) {
      return event(budgets, amount, time, null, 0);
    }

    Events event(BudgetSet budgets, long amount, long time, String key, long fingerprint) {
      sets.add(budgets);
      amounts.add(amount);
      keys.add(key);
      fingerprints.add(fingerprint);
      times.add(time);
      return this;
    }

    IngestBatch batch() {
      return new IngestBatch(1, BudgetSet.ANY_GLOBAL_VERSION, sets.toArray(new BudgetSet[0]), toArray(amounts),
          keys.toArray(new String[0]), toArray(fingerprints), toArray(times), EXPIRES);
    }

    private static long[] toArray(List<Long> values) {
      return values.stream().mapToLong(Long::longValue).toArray();
    }
  }
}
