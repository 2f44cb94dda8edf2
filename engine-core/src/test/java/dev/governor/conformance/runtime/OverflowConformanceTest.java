package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult.Outcome;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §11: counters never overflow silently; an add past Long.MAX_VALUE is rejected and changes nothing. */
public abstract class OverflowConformanceTest extends RuntimeConformanceBase {
  private static final long MAX = Long.MAX_VALUE;
  /** 2^53: where doubles (a Lua script's numbers) stop holding every integer. */
  private static final long EXACT = 1L << 53;

  @Test
  void ingest_maxValueTwiceIntoUnlimited_secondThrowsValidationOnAmount() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    assertThat(ingest(event("user-alice", MAX)).events().get(0).budgets().get(0).usageAfter()).isEqualTo(MAX);
    assertThatThrownBy(() -> ingest(event("user-alice", MAX)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThat(usage(alice)).isEqualTo(MAX);
  }

  @Test
  void ingest_overflowInLaterEvent_rejectsWholeBatchNamingIndex() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    Assignment team = unlimited("team-eng", TOKENS, "P1M");
    assertThatThrownBy(() -> ingest(event("user-bob", 10).idempotencyKey("evt-0"), event("user-alice", MAX - 5),
        event("user-alice", 1)))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("amount");
        });
    assertThat(usage(alice)).isZero();
    assertThat(usage(team)).isZero();
    // The first event's key was not claimed by the rejected batch.
    assertThat(ingest(event("user-bob", 10).idempotencyKey("evt-0")).events().get(0).outcome())
        .isEqualTo(Outcome.RECORDED);
    assertThat(usage(team)).isEqualTo(10L);
  }

  @Test
  void ingest_overflowOverALimitedBudgetAlreadyPastItsLimit_isRejected() {
    Assignment alice = tokens("user-alice", 10);
    ingest(event("user-alice", MAX - 1));
    assertThatThrownBy(() -> ingest(event("user-alice", 2)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThat(usage(alice)).isEqualTo(MAX - 1);
  }

  @Test
  void consume_limitsJustPastTwoToThe53_decidedExactly() {
    // A store computing in doubles would see 2^53 + 1 as 2^53 and the second consume as fitting.
    Assignment alice = tokens("user-alice", EXACT + 1);
    assertThat(consume("user-alice", EXACT).status()).isEqualTo(Status.GRANTED);
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.GRANTED);
    assertThat(usage(alice)).isEqualTo(EXACT + 1);
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.DENIED);
    assertThat(check("user-alice", 1).hasAccess()).isFalse();
    assertThat(usage(alice)).isEqualTo(EXACT + 1);
  }

  @Test
  void ingest_oddAmountsAboveTwoToThe53_sumExactly() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    ingest(event("user-alice", EXACT + 1));
    ingest(event("user-alice", EXACT + 3));
    assertThat(ingest(event("user-alice", 1)).events().get(0).budgets().get(0).usageAfter()).isEqualTo(2 * EXACT + 5);
    assertThat(usage(alice)).isEqualTo(2 * EXACT + 5);
  }

  @Test
  void ingest_exactlyToMaxValue_isRecorded() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    ingest(event("user-alice", MAX - 1));
    assertThat(ingest(event("user-alice", 1)).events().get(0).budgets().get(0).usageAfter()).isEqualTo(MAX);
    assertThat(usage(alice)).isEqualTo(MAX);
  }

  @Test
  void consume_pastMaxValueIntoUnlimited_throwsValidationAndChangesNothing() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    ingest(event("user-alice", MAX - 200));
    // Created after the ingest, so it holds room while alice's unlimited counter is near the edge.
    Assignment team = tokens("team-eng", 1000);
    assertThatThrownBy(() -> consume("user-alice", 201, "req-1"))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThat(usage(alice)).isEqualTo(MAX - 200);
    assertThat(usage(team)).isZero();
    // The key was not claimed: a retry that fits, with the same key, is granted once.
    assertThat(consume("user-alice", 200, "req-1").budgets())
        .containsExactly(january(alice, MAX, null, true), january(team, 200, 800L, true));
    assertThat(consume("user-alice", 200, "req-1").status()).isEqualTo(Status.DUPLICATE);
  }

  @Test
  void consume_exactlyToMaxValueIntoUnlimited_isGranted() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    ingest(event("user-alice", MAX - 1));
    assertThat(consume("user-alice", 1).budgets()).containsExactly(january(alice, MAX, null, true));
  }

  @Test
  void consume_limitOfMaxValue_deniesRatherThanOverflows() {
    Assignment alice = tokens("user-alice", MAX);
    assertThat(consume("user-alice", MAX).status()).isEqualTo(Status.GRANTED);
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.DENIED);
    assertThat(usage(alice)).isEqualTo(MAX);
  }

  @Test
  void tryConsume_pastMaxValueIntoUnlimited_throwsValidation() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    ingest(event("user-alice", MAX));
    assertThatThrownBy(() -> engine.tryConsume(OWNER, "user-alice", TOKENS, 1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThat(usage(alice)).isEqualTo(MAX);
  }
}
