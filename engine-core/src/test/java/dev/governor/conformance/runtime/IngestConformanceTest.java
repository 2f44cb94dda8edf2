package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.runtime.UsageEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §6: ingest records into every applicable budget, never gates, and validates the batch whole. */
public abstract class IngestConformanceTest extends RuntimeConformanceBase {

  private static BudgetUsage recorded(Assignment a, long usageAfter) {
    return new BudgetUsage(a.id(), a.entityId(), a.scopeEntityIds(), false, usageAfter, JAN, FEB);
  }

  @Test
  void ingest_event_addsToEveryApplicableBudget() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 100);
    Assignment org = unlimited("org-acme", TOKENS, "P1M");
    IngestResult r = ingest(event("user-alice", 7));
    assertThat(r.events()).containsExactly(new EventResult(0, Outcome.RECORDED,
        List.of(recorded(alice, 7), recorded(team, 7), recorded(org, 7)), List.of(), List.of()));
    assertThat(List.of(usage(alice), usage(team), usage(org))).containsExactly(7L, 7L, 7L);
  }

  @Test
  void ingest_overTheLimit_stillRecordsAndUsagePassesTheLimit() {
    Assignment alice = tokens("user-alice", 5);
    IngestResult r = ingest(event("user-alice", 8));
    assertThat(r.events().get(0).outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(r.events().get(0).budgets()).containsExactly(recorded(alice, 8));
    ingest(event("user-alice", 1));
    assertThat(statusOf(alice)).isEqualTo(january(alice, 9, 0L, false));
  }

  @Test
  void ingest_severalEventsOnOneBudget_reportUsageAfterEachInBatchOrder() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 100);
    IngestResult r = ingest(event("user-alice", 3), event("user-bob", 4), event("user-alice", 5));
    assertThat(r.events()).extracting(EventResult::index).containsExactly(0, 1, 2);
    assertThat(r.events().get(0).budgets()).containsExactly(recorded(alice, 3), recorded(team, 3));
    assertThat(r.events().get(1).budgets()).containsExactly(recorded(team, 7));
    assertThat(r.events().get(2).budgets()).containsExactly(recorded(alice, 8), recorded(team, 12));
    assertThat(r.count(Outcome.RECORDED)).isEqualTo(3);
  }

  @Test
  void ingest_noApplicableBudget_recordedWithEmptyList() {
    tokens("user-bob", 5);
    IngestResult r = ingest(event("user-alice", 3));
    assertThat(r.events()).containsExactly(new EventResult(0, Outcome.RECORDED, List.of(), List.of(), List.of()));
  }

  @Test
  void ingest_byDimensions_recordsResolvedBudgetsAndReportsUnresolved() {
    Assignment orgGpt = tokens("org-acme", 100, "model-gpt4o");
    Assignment model = unlimited("model-gpt4o", TOKENS, "P1M");
    IngestResult r = ingest(UsageEvent.of(
        Subject.dimensions(Map.of("userId", "user-carol", "modelId", "model-gpt4o", "agentId", "agent-ghost")), TOKENS, 6));
    assertThat(r.events()).containsExactly(new EventResult(0, Outcome.RECORDED,
        List.of(recorded(orgGpt, 6), recorded(model, 6)),
        List.of(new UnresolvedDimension("agentId", "agent-ghost", UnresolvedDimension.Reason.UNKNOWN_ENTITY)),
        List.of()));
  }

  @Test
  void ingest_dimensionsOfOwnerWithoutData_recordedWithEverythingUnresolved() {
    IngestResult r = engine.ingest("cus-empty", List.of(UsageEvent.of(Subject.dimensions(Map.of("orgId", "org-acme")),
        TOKENS, 3)));
    assertThat(r.events()).containsExactly(new EventResult(0, Outcome.RECORDED, List.of(),
        List.of(new UnresolvedDimension("orgId", "org-acme", UnresolvedDimension.Reason.UNKNOWN_ENTITY)), List.of()));
  }

  @Test
  void ingest_thousandEvents_allRecorded() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    List<UsageEvent> events = Collections.nCopies(1000, event("user-alice", 2));
    IngestResult r = engine.ingest(OWNER, events);
    assertThat(r.count(Outcome.RECORDED)).isEqualTo(1000);
    assertThat(r.events().get(999).budgets()).containsExactly(recorded(alice, 2000));
    assertThat(usage(alice)).isEqualTo(2000L);
  }

  @Test
  void ingest_emptyBatch_throwsValidation() {
    assertThatThrownBy(() -> engine.ingest(OWNER, List.of()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("events"));
  }

  @Test
  void ingest_thousandAndOneEvents_throwsValidationAndRecordsNothing() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    List<UsageEvent> events = Collections.nCopies(1001, event("user-alice", 1));
    assertThatThrownBy(() -> engine.ingest(OWNER, events))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("events"));
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_zeroAmountInLaterEvent_rejectsWholeBatchNamingIndex() {
    Assignment alice = tokens("user-alice", 100);
    assertThatThrownBy(() -> ingest(event("user-alice", 5), event("user-alice", 0)))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("amount");
        });
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_negativeAmount_rejectsWholeBatchNamingIndex() {
    Assignment alice = tokens("user-alice", 100);
    assertThatThrownBy(() -> ingest(event("user-alice", 5), event("user-alice", 5), event("user-alice", -1)))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.index()).isEqualTo(2);
          assertThat(e.field()).isEqualTo("amount");
        });
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_unknownEntityInLaterEvent_rejectsWholeBatchNamingIndex() {
    Assignment alice = tokens("user-alice", 100);
    assertThatThrownBy(() -> ingest(event("user-alice", 5), event("user-alice", 5), event("user-ghost", 1)))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.index()).isEqualTo(2);
          assertThat(e.field()).isEqualTo("subject.entityIds[0]");
        });
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_unknownCapabilityInLaterEvent_rejectsWholeBatchNamingIndex() {
    Assignment alice = tokens("user-alice", 100);
    assertThatThrownBy(() -> ingest(event("user-alice", 5), UsageEvent.of("user-alice", "gpu-hours", 1)))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("capabilityId");
        });
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_malformedSubjectInLaterEvent_rejectsWholeBatchNamingIndex() {
    Assignment alice = tokens("user-alice", 100);
    UsageEvent both = UsageEvent.of(new Subject(List.of("user-alice"), Map.of("orgId", "org-acme")), TOKENS, 1);
    assertThatThrownBy(() -> ingest(event("user-alice", 5), both))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("subject");
        });
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_badIdempotencyKeyInLaterEvent_rejectsWholeBatchNamingIndex() {
    Assignment alice = tokens("user-alice", 100);
    assertThatThrownBy(() -> ingest(event("user-alice", 5).idempotencyKey("k1"), event("user-alice", 5).idempotencyKey("")))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("idempotencyKey");
        });
    assertThat(usage(alice)).isZero();
    // The valid event's key was not claimed by the rejected batch.
    assertThat(ingest(event("user-alice", 5).idempotencyKey("k1")).events().get(0).outcome()).isEqualTo(Outcome.RECORDED);
  }

  @Test
  void ingest_severalEvents_resultsFollowBatchOrder() {
    tokens("user-alice", 1);
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(event("user-alice", 10));
    }
    IngestResult r = engine.ingest(OWNER, events);
    assertThat(r.events()).extracting(EventResult::index).containsExactly(0, 1, 2, 3, 4);
    assertThat(r.events()).extracting(e -> e.budgets().get(0).usageAfter()).containsExactly(10L, 20L, 30L, 40L, 50L);
  }
}
