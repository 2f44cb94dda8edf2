package dev.governor.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Throw-on-the-n-th-call faults (docs/semantics.md §11): for each runtime operation, a sweep arms a fault at store
 * call 1, 2, 3, ... of the operation until the operation makes fewer calls than that, so that every
 * store call it makes fails once: catalog reads while planning, the owner-ledger lookup, counter
 * handles, catalog versions and the ledger operation itself. Each attempt runs against a fresh owner
 * with five budgets over a chain, a scope and a dimension, either cold (first request of the owner,
 * right after an engine-wide catalog change) or warm (plans already compiled).
 *
 * <p>Every attempt either raises {@link dev.governor.StoreUnavailableException} caused by the fault,
 * with all five usages still 0 (nothing half-written) and then, once the store recovers, a retry
 * that counts exactly once and a second retry with the same idempotency keys that counts nothing;
 * or, when the fault did not fire, returns exactly the answer a healthy store gives.
 */
public abstract class NthCallFaultConformanceTest extends FaultConformanceBase {
  /** Far more store calls than any of these operations makes; the sweep stops long before. */
  private static final int MAX_CALLS = 500;

  /** The operations swept, each with the usage it adds to the five budgets when it succeeds. */
  enum Op {
    CHECK(0, 0, 0, 0, 0),
    CONSUME(10, 10, 10, 10, 10),
    INGEST(7, 7, 7, 3, 8),
    IS_ALLOWED(0, 0, 0, 0, 0),
    TRY_CONSUME(10, 10, 10, 0, 0);

    /** Usage after one success, for budgets user, team, org, org-scoped-to-model, model. */
    final List<Long> added;

    Op(long user, long team, long org, long orgScoped, long model) {
      this.added = List.of(user, team, org, orgScoped, model);
    }

    /** Whether a retry carrying the same idempotency keys counts nothing. */
    boolean keyed() {
      return this == CONSUME || this == INGEST;
    }
  }

  /** One fresh owner: org ─ team ─ user, and a dimensional model, with five token budgets. */
  private record Owner(String id, List<Assignment> budgets) {
    String user() {
      return "user-" + id;
    }

    String model() {
      return "model-" + id;
    }
  }

  private int owners;

  private Owner freshOwner() {
    String id = "sweep-" + owners++;
    String org = "org-" + id;
    String team = "team-" + id;
    String user = "user-" + id;
    String model = "model-" + id;
    engine.entities(id).upsert(List.of(
        EntityUpsert.of(org).type("org"),
        EntityUpsert.of(team).type("team").parent(org),
        EntityUpsert.of(user).type("user").parent(team),
        EntityUpsert.of(model).type("model")));
    List<Assignment> budgets = engine.assignments(id).upsert(List.of(
        AssignmentUpsert.of(user, TOKENS).usageLimit(100).cadence("P1M"),
        AssignmentUpsert.of(team, TOKENS).usageLimit(100).cadence("PT1H"),
        AssignmentUpsert.of(org, TOKENS).unlimited().cadence("P1D"),
        AssignmentUpsert.of(org, TOKENS).scope(model).usageLimit(50).cadence("P1M"),
        AssignmentUpsert.of(model, TOKENS).usageLimit(80).cadence("P1M")));
    return new Owner(id, budgets);
  }

  /** Runs the operation once and checks its answer against a healthy store's. */
  private void runAndVerify(Op op, Owner o, boolean retry) {
    switch (op) {
      case CHECK -> {
        CheckResult r = engine.check(o.id(), CheckRequest.of(
            Subject.dimensions(Map.of("userId", o.user(), "modelId", o.model())), TOKENS).amount(10));
        assertThat(r.hasAccess()).isTrue();
        assertThat(r.budgets()).extracting(BudgetStatus::assignmentId)
            .containsExactlyInAnyOrderElementsOf(o.budgets().stream().map(Assignment::id).toList());
        assertThat(r.budgets()).extracting(BudgetStatus::currentUsage).containsOnly(0L);
      }
      case CONSUME -> {
        ConsumeResult r = engine.consume(o.id(),
            ConsumeRequest.of(Subject.entities(o.user(), o.model()), TOKENS, 10).idempotencyKey("req-1"));
        assertThat(r.status()).isEqualTo(retry ? ConsumeResult.Status.DUPLICATE : ConsumeResult.Status.GRANTED);
        assertThat(r.budgets()).extracting(BudgetStatus::currentUsage).containsOnly(10L);
      }
      case INGEST -> {
        IngestResult r = engine.ingest(o.id(), List.of(
            UsageEvent.of(Subject.dimensions(Map.of("userId", o.user(), "modelId", o.model())), TOKENS, 3)
                .idempotencyKey("evt-1"),
            UsageEvent.of(o.user(), TOKENS, 4).idempotencyKey("evt-2"),
            UsageEvent.of(o.model(), TOKENS, 1).idempotencyKey("evt-3"),
            UsageEvent.of(o.model(), TOKENS, 4).idempotencyKey("evt-4")));
        assertThat(r.count(retry ? Outcome.DUPLICATE : Outcome.RECORDED)).isEqualTo(4);
      }
      case IS_ALLOWED -> assertThat(engine.isAllowed(o.id(), o.user(), TOKENS, 10)).isTrue();
      case TRY_CONSUME -> assertThat(engine.tryConsume(o.id(), o.user(), TOKENS, 10)).isTrue();
    }
  }

  /** Compiles every plan the operation needs, so a warm attempt reaches the store only for its work. */
  private void warmUp(Owner o) {
    engine.check(o.id(), CheckRequest.of(Subject.dimensions(Map.of("userId", o.user(), "modelId", o.model())), TOKENS)
        .amount(0));
    engine.check(o.id(), CheckRequest.of(Subject.entities(o.user(), o.model()), TOKENS).amount(0));
    engine.check(o.id(), CheckRequest.of(o.user(), TOKENS).amount(0));
    engine.check(o.id(), CheckRequest.of(o.model(), TOKENS).amount(0));
    engine.isAllowed(o.id(), o.user(), TOKENS, 0);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void operation_coldFaultAtEveryStoreCall_failsClosedAndRetryCountsOnce(Op op) {
    int fired = sweep(op, false);
    // Cold: the owner's catalog snapshot, its ledger handle, the ledger operation (counter handles
    // come from the snapshot without a store call).
    assertThat(fired).as("distinct store calls that failed").isGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void operation_warmFaultAtEveryStoreCall_failsClosedAndRetryCountsOnce(Op op) {
    int fired = sweep(op, true);
    assertThat(fired).as("distinct store calls that failed").isGreaterThanOrEqualTo(1);
  }

  /** Sweeps the fault over every store call of one operation; returns how many attempts failed. */
  private int sweep(Op op, boolean warm) {
    List<Long> zero = List.of(0L, 0L, 0L, 0L, 0L);
    int failedAttempts = 0;
    for (int n = 1; n <= MAX_CALLS; n++) {
      Owner o = freshOwner();
      if (warm) {
        warmUp(o);
      } else {
        // An engine-wide change makes the engine reload the global catalog on the next request.
        engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS)));
      }
      int firedBefore = faults.faultsFired();
      faults.failCall(n);
      Throwable failure = null;
      try {
        runAndVerify(op, o, false);
      } catch (RuntimeException e) {
        failure = e;
      } finally {
        faults.heal();
      }
      if (failure == null) {
        assertThat(faults.faultsFired()).as("a fault at call %s must not be swallowed", n).isEqualTo(firedBefore);
        assertThat(usagesOf(o.id(), o.budgets())).isEqualTo(op.added);
        assertThat(n).as("the operation made at least one store call").isGreaterThan(1);
        return failedAttempts;
      }
      failedAttempts++;
      assertFailedClosed(failure);
      assertThat(faults.faultsFired()).isEqualTo(firedBefore + 1);
      assertThat(usagesOf(o.id(), o.budgets())).as("usage after a fault at store call %s of %s", n, op).isEqualTo(zero);
      // Recovered: the retry counts exactly once, and the same keys again count nothing.
      runAndVerify(op, o, false);
      assertThat(usagesOf(o.id(), o.budgets())).as("usage after the retry").isEqualTo(op.added);
      if (op.keyed()) {
        runAndVerify(op, o, true);
        assertThat(usagesOf(o.id(), o.budgets())).as("usage after a second retry").isEqualTo(op.added);
      }
    }
    throw new AssertionError(op + " still failed with a fault at store call " + MAX_CALLS);
  }
}
