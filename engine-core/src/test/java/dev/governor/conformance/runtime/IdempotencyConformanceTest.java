package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.governor.ConflictException;

import dev.governor.GovernanceEngine;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.UsageEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys (docs/semantics.md §6-§5): per owner, shared by ingest and consume, claimed only together with
 * the add they guard, kept for the retention window (default 24 h).
 */
public abstract class IdempotencyConformanceTest extends RuntimeConformanceBase {

  @Test
  void consume_sameKeyTwice_secondIsDuplicateAndCountedOnce() {
    Assignment alice = tokens("user-alice", 100);
    assertThat(consume("user-alice", 10, "req-1").status()).isEqualTo(Status.GRANTED);
    ConsumeResult again = consume("user-alice", 10, "req-1");
    assertThat(again).isEqualTo(new ConsumeResult(Status.DUPLICATE, null, List.of(january(alice, 10, 90L, true)), null,
        List.of(), List.of()));
    assertThat(again.granted()).isTrue();
    assertThat(usage(alice)).isEqualTo(10L);
  }

  @Test
  void consume_keyAlreadyGranted_isDuplicateEvenWhenNoRoomIsLeft() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 10, "req-1");
    assertThat(consume("user-alice", 10, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usage(alice)).isEqualTo(10L);
  }

  @Test
  void consume_deniedConsume_doesNotClaimItsKey() {
    Assignment alice = tokens("user-alice", 5);
    assertThat(consume("user-alice", 10, "req-1").status()).isEqualTo(Status.DENIED);
    upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(20));
    assertThat(consume("user-alice", 10, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(usage(alice)).isEqualTo(10L);
  }

  @Test
  void consume_keyWithoutApplicableBudget_isClaimedOnGrant() {
    assertThat(consume("user-alice", 3, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(consume("user-alice", 3, "req-1").status()).isEqualTo(Status.DUPLICATE);
  }

  @Test
  void consume_sameKeyForAnotherSubjectCapabilityOrAmount_conflictNamingTheKey() {
    // Keys are per owner; a key reused for a different request is refused, never a silent duplicate.
    Assignment bob = tokens("user-bob", 100);
    Assignment alice = tokens("user-alice", 100);
    consume("user-alice", 4, "req-1");
    for (ConsumeRequest reuse : List.of(ConsumeRequest.of("user-bob", TOKENS, 4).idempotencyKey("req-1"),
        ConsumeRequest.of("user-alice", CALLS, 4).idempotencyKey("req-1"),
        ConsumeRequest.of("user-alice", TOKENS, 5).idempotencyKey("req-1"))) {
      ConflictException e = catchThrowableOfType(ConflictException.class, () -> engine.consume(OWNER, reuse));
      assertThat(e.reason()).isEqualTo(ConflictException.Reason.IDEMPOTENCY_KEY_REUSED);
      assertThat(e.field()).isEqualTo("idempotencyKey");
      assertThat(e.value()).contains("req-1");
    }
    assertThat(consume("user-alice", 4, "req-1").status()).as("the original request's retry").isEqualTo(Status.DUPLICATE);
    assertThat(usage(bob)).isZero();
    assertThat(usage(alice)).isEqualTo(4L);
  }

  @Test
  void ingest_keyOfAConsumeReusedForAnotherAmount_conflictAndNothingRecorded() {
    Assignment alice = tokens("user-alice", 100);
    consume("user-alice", 4, "req-1");

    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> ingest(event("user-alice", 1).idempotencyKey("evt-0"), event("user-alice", 9).idempotencyKey("req-1")));

    assertThat(e.reason()).isEqualTo(ConflictException.Reason.IDEMPOTENCY_KEY_REUSED);
    assertThat(e.index()).isEqualTo(1);
    assertThat(usage(alice)).isEqualTo(4L);
    assertThat(ingest(event("user-alice", 1).idempotencyKey("evt-0")).events().get(0).outcome())
        .as("the refused batch claimed no key").isEqualTo(Outcome.RECORDED);
  }

  @Test
  void ingest_sameKeyTwiceInOneBatchForDifferentAmounts_conflictAndNothingRecorded() {
    Assignment alice = tokens("user-alice", 100);

    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> ingest(event("user-alice", 6).idempotencyKey("evt-1"), event("user-alice", 8).idempotencyKey("evt-1")));

    assertThat(e.index()).isEqualTo(1);
    assertThat(e.value()).contains("evt-1");
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_sameKeyInTwoCalls_secondIsDuplicateWithNoBudgets() {
    Assignment alice = tokens("user-alice", 100);
    ingest(event("user-alice", 6).idempotencyKey("evt-1"));
    IngestResult r = ingest(event("user-alice", 6).idempotencyKey("evt-1"));
    assertThat(r.events()).containsExactly(new EventResult(0, Outcome.DUPLICATE, List.of(), List.of(), List.of()));
    assertThat(usage(alice)).isEqualTo(6L);
  }

  @Test
  void ingest_sameKeyTwiceInOneBatch_secondIsDuplicate() {
    Assignment alice = tokens("user-alice", 100);
    IngestResult r = ingest(event("user-alice", 6).idempotencyKey("evt-1"), event("user-alice", 7),
        event("user-alice", 6).idempotencyKey("evt-1"));
    assertThat(r.events()).extracting(EventResult::outcome)
        .containsExactly(Outcome.RECORDED, Outcome.RECORDED, Outcome.DUPLICATE);
    assertThat(r.events().get(1).budgets().get(0).usageAfter()).isEqualTo(13L);
    assertThat(usage(alice)).isEqualTo(13L);
  }

  @Test
  void consume_keyClaimedByIngest_isDuplicate() {
    Assignment alice = tokens("user-alice", 100);
    ingest(event("user-alice", 6).idempotencyKey("shared"));
    assertThat(consume("user-alice", 6, "shared").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usage(alice)).isEqualTo(6L);
  }

  @Test
  void ingest_keyClaimedByConsume_isDuplicate() {
    Assignment alice = tokens("user-alice", 100);
    consume("user-alice", 6, "shared");
    assertThat(ingest(event("user-alice", 6).idempotencyKey("shared")).events().get(0).outcome())
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(usage(alice)).isEqualTo(6L);
  }

  @Test
  void ingest_lateEvent_claimsItsKey() {
    // A late event is accounted for (reported late), so a retry must not be counted later.
    Assignment alice = tokens("user-alice", 100);
    clock.set(FEB);
    UsageEvent late = event("user-alice", 5).at(JAN).idempotencyKey("evt-late");
    assertThat(ingest(late).events().get(0).outcome()).isEqualTo(Outcome.LATE);
    assertThat(ingest(late).events().get(0).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(usage(alice)).isZero();
  }

  @Test
  void consume_keyClaimedInAnotherOwner_isGranted() {
    Assignment ours = tokens("org-acme", 100);
    engine.assignments(OTHER_OWNER).upsert(List.of(AssignmentUpsert.of("org-acme", TOKENS).usageLimit(100).cadence("P1M")));
    consume("org-acme", 5, "req-1");
    ConsumeResult theirs = engine.consume(OTHER_OWNER, ConsumeRequest.of("org-acme", TOKENS, 5).idempotencyKey("req-1"));
    assertThat(theirs.status()).isEqualTo(Status.GRANTED);
    assertThat(theirs.budgets().get(0).currentUsage()).isEqualTo(5L);
    assertThat(usage(ours)).isEqualTo(5L);
  }

  @Test
  void ingestAndConsume_keyJustBeforeDefaultRetentionEnds_isDuplicate() {
    Assignment alice = budget("user-alice", TOKENS, 1000, "P1Y");
    ingest(event("user-alice", 5).idempotencyKey("evt-1"));
    clock.advance(Duration.ofHours(24).minusMillis(1));
    assertThat(ingest(event("user-alice", 5).idempotencyKey("evt-1")).events().get(0).outcome())
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(consume("user-alice", 5, "evt-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usage(alice)).isEqualTo(5L);
  }

  @Test
  void ingestAndConsume_keyAfterDefaultRetention_countsAgain() {
    Assignment alice = budget("user-alice", TOKENS, 1000, "P1Y");
    ingest(event("user-alice", 5).idempotencyKey("evt-1"));
    consume("user-alice", 7, "req-1");
    clock.advance(Duration.ofHours(24).plusMillis(1));
    assertThat(ingest(event("user-alice", 5).idempotencyKey("evt-1")).events().get(0).outcome())
        .isEqualTo(Outcome.RECORDED);
    assertThat(consume("user-alice", 7, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(usage(alice)).isEqualTo(24L);
  }

  @Test
  void consume_keyAfterCustomRetention_countsAgain() {
    GovernanceEngine shortLived = newEngine(newStore(), b -> b.idempotencyRetention(Duration.ofMinutes(5)));
    shortLived.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(100).cadence("P1M")));
    ConsumeRequest req = ConsumeRequest.of("user-alice", TOKENS, 2).idempotencyKey("req-1");
    assertThat(shortLived.consume(OWNER, req).status()).isEqualTo(Status.GRANTED);
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(shortLived.consume(OWNER, req).status()).isEqualTo(Status.DUPLICATE);
    clock.advance(Duration.ofMillis(2));
    ConsumeResult again = shortLived.consume(OWNER, req);
    assertThat(again.status()).isEqualTo(Status.GRANTED);
    assertThat(again.budgets().get(0).currentUsage()).isEqualTo(4L);
  }

  @Test
  void consume_keyOf255Characters_isAccepted() {
    tokens("user-alice", 100);
    assertThat(consume("user-alice", 1, "k".repeat(255)).status()).isEqualTo(Status.GRANTED);
    assertThat(consume("user-alice", 1, "k".repeat(255)).status()).isEqualTo(Status.DUPLICATE);
  }

  @Test
  void consumeAndIngest_keyEmptyTooLongOrWithControlCharacter_throwValidation() {
    Assignment alice = tokens("user-alice", 100);
    for (String bad : List.of("", "k".repeat(256), "a\nb", "tab\t", "bell\u0007", "del\u007f")) {
      assertThatThrownBy(() -> consume("user-alice", 1, bad)).as("consume key %s", bad)
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("idempotencyKey"));
      assertThatThrownBy(() -> ingest(event("user-alice", 1), event("user-alice", 1).idempotencyKey(bad)))
          .as("ingest key %s", bad)
          .isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.index()).isEqualTo(1);
            assertThat(e.field()).isEqualTo("idempotencyKey");
          });
    }
    assertThat(usage(alice)).isZero();
  }
}
