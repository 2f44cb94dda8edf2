package dev.governor.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.governor.StoreUnavailableException;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Faults part-way through a multi-budget operation (docs/semantics.md §11, the store contract's "all or
 * nothing"): {@link dev.governor.testing.FaultInjectingStore#failInputRead} makes the store's k-th
 * read of the operation's inputs throw, for k = 1, 2, ... until the operation reads fewer inputs than
 * that, so that the store fails after having read (and, in a store that writes as it goes, written)
 * part of the budgets. Complements {@code FailClosedConformanceTest} with dimensions and scopes, late
 * and in-batch duplicate events, and the fast path.
 */
public abstract class PartWayFaultConformanceTest extends FaultConformanceBase {
  private static final int MAX_INPUT_READS = 10_000;

  /**
   * Runs {@code op} with a fault at input read 1, 2, ... and checks {@code unchanged} after every
   * fault; returns the answer of the first attempt the fault did not reach, and how many failed.
   */
  private <T> Swept<T> sweep(Supplier<T> op, Runnable unchanged) {
    for (int k = 1; k <= MAX_INPUT_READS; k++) {
      faults.failInputRead(k);
      int before = faults.faultsFired();
      try {
        T answer = op.get();
        assertThat(faults.faultsFired()).as("a fault at input read %s must not be swallowed", k).isEqualTo(before);
        return new Swept<>(answer, k - 1);
      } catch (StoreUnavailableException e) {
        assertFailedClosed(e);
        unchanged.run();
      }
    }
    throw new AssertionError("the operation still failed at input read " + MAX_INPUT_READS);
  }

  private record Swept<T>(T answer, int failures) {}

  @Test
  void consume_dimensionsWithScopedBudgetsFailPartWay_writeNothingAndRetryCountsOnce() {
    List<Assignment> budgets = List.of(tokens("user-alice", 100), tokens("team-eng", 100),
        tokens("org-acme", 100, "model-gpt4o"), tokens("model-gpt4o", 100));
    Subject subject = Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-gpt4o"));
    Swept<ConsumeResult> swept = sweep(
        () -> engine.consume(OWNER, ConsumeRequest.of(subject, TOKENS, 6).idempotencyKey("req-1")),
        () -> assertThat(usagesOf(OWNER, budgets)).containsOnly(0L));
    assertThat(swept.failures()).as("faults at distinct input reads").isGreaterThanOrEqualTo(4);
    assertThat(swept.answer().status()).isEqualTo(Status.GRANTED);
    assertThat(usagesOf(OWNER, budgets)).containsOnly(6L);
    assertThat(engine.consume(OWNER, ConsumeRequest.of(subject, TOKENS, 6).idempotencyKey("req-1")).status())
        .isEqualTo(Status.DUPLICATE);
    assertThat(usagesOf(OWNER, budgets)).containsOnly(6L);
  }

  @Test
  void ingest_lateAndInBatchDuplicateEventsFailPartWay_retryReportsTheSameOutcomes() {
    Assignment hourly = budget("user-alice", TOKENS, 100, "PT1H");
    Assignment monthly = tokens("team-eng", 100);
    // 09:30 is in the closed hour of the hourly budget but in the open month of the monthly one.
    Instant lastHour = START.minusSeconds(30 * 60);
    // The second event retries the first (a timestamp is not part of the request's fingerprint).
    List<UsageEvent> batch = List.of(
        event("user-alice", 3).idempotencyKey("evt-a").at(lastHour),
        event("user-alice", 3).idempotencyKey("evt-a"),
        event("user-bob", 5).idempotencyKey("evt-b"));
    Swept<IngestResult> swept = sweep(() -> engine.ingest(OWNER, batch),
        () -> assertThat(usagesOf(OWNER, List.of(hourly, monthly))).containsOnly(0L));
    assertThat(swept.failures()).as("faults at distinct input reads").isGreaterThanOrEqualTo(4);
    List<EventResult> events = swept.answer().events();
    assertThat(events).extracting(EventResult::outcome)
        .containsExactly(Outcome.RECORDED, Outcome.DUPLICATE, Outcome.RECORDED);
    assertThat(events.get(0).budgets()).extracting(BudgetUsage::late, BudgetUsage::usageAfter)
        .containsExactly(tuple(true, 0L), tuple(false, 3L));
    assertThat(usagesOf(OWNER, List.of(hourly, monthly))).containsExactly(0L, 8L);
    assertThat(engine.ingest(OWNER, batch).count(Outcome.DUPLICATE)).isEqualTo(3);
    assertThat(usagesOf(OWNER, List.of(hourly, monthly))).containsExactly(0L, 8L);
  }

  @Test
  void tryConsume_chainFailsPartWay_writesNothingThenCountsOnce() {
    List<Assignment> chain = List.of(tokens("agent-bot", 100), tokens("user-alice", 100), tokens("team-eng", 100),
        unlimited("org-acme", TOKENS, "P1D"));
    Swept<Boolean> swept = sweep(() -> engine.tryConsume(OWNER, "agent-bot", TOKENS, 9),
        () -> assertThat(usagesOf(OWNER, chain)).containsOnly(0L));
    assertThat(swept.failures()).as("faults at distinct input reads").isGreaterThanOrEqualTo(4);
    assertThat(swept.answer()).isTrue();
    assertThat(usagesOf(OWNER, chain)).containsOnly(9L);
  }

  @Test
  void isAllowed_chainFailsPartWay_neverAnswersInsteadOfFailing() {
    tokens("agent-bot", 10);
    tokens("user-alice", 5);
    Swept<Boolean> swept = sweep(() -> engine.isAllowed(OWNER, "agent-bot", TOKENS, 6), () -> { });
    assertThat(swept.failures()).as("faults at distinct input reads").isGreaterThanOrEqualTo(2);
    assertThat(swept.answer()).isFalse();
  }
}
