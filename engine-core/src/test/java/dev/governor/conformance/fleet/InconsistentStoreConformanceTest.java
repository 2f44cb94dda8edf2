package dev.governor.conformance.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.governor.GovernanceEngine;
import dev.governor.StoreUnavailableException;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.conformance.runtime.RuntimeConformanceBase;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.testing.ForwardingStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store that contradicts itself gets a typed error at once, never a storm of retries: a ledger
 * that answers STALE for the very version the plan carries, one that reports an older version than
 * the catalog served, and a catalog that keeps serving a cached snapshot older than the version its
 * ledger reports. Retries exist only to make progress.
 */
public abstract class InconsistentStoreConformanceTest extends RuntimeConformanceBase {
  private Liar liar;

  /** A store whose answers a test can make inconsistent. */
  private static final class Liar extends ForwardingStore {
    /** How to answer a ledger operation planned on a version; null: truthfully. */
    volatile java.util.function.LongUnaryOperator staleVersion;
    /** When set, catalog reads of owners answer this snapshot instead of the current one. */
    volatile OwnerSnapshot frozen;
    final AtomicInteger ledgerCalls = new AtomicInteger();

    Liar(GovernanceStore delegate) {
      super(delegate);
    }

    @Override
    protected void beforeLedgerCall(String operation, String ownerId, int inputs) {
      if (!operation.equals("owner")) {
        ledgerCalls.incrementAndGet();
      }
    }

    @Override
    protected long reply(String operation, String ownerId, long plannedVersion, long reply) {
      java.util.function.LongUnaryOperator lie = staleVersion;
      return lie == null ? reply : LedgerReply.stale(lie.applyAsLong(plannedVersion));
    }

    @Override
    protected OwnerSnapshot snapshot(OwnerSnapshot snapshot) {
      OwnerSnapshot f = frozen;
      return f != null && f.ownerId().equals(snapshot.ownerId()) ? f : snapshot;
    }
  }

  @Override
  protected GovernanceStore engineStore() {
    liar = new Liar(newStore());
    return liar;
  }

  @BeforeEach
  void budgetAndWarmPlans() {
    tokens("user-alice", 100);
    engine.tryConsume(OWNER, "user-alice", TOKENS, 1);
  }

  private void expectInconsistentAtOnce(String what, Runnable decision) {
    int before = liar.ledgerCalls.get();
    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class, decision::run);
    assertThat(e).as(what).isNotNull();
    assertThat(e.getMessage()).as(what).contains("inconsistent");
    assertThat(liar.ledgerCalls.get() - before).as("%s: ledger calls before giving up", what).isLessThanOrEqualTo(2);
  }

  private void everyDecision(Consumer<String> check) {
    check.accept("check");
    check.accept("consume");
    check.accept("isAllowed");
    check.accept("tryConsume");
    check.accept("ingest");
  }

  private Runnable decision(String kind) {
    return switch (kind) {
      case "check" -> () -> engine.check(OWNER, CheckRequest.of("user-alice", TOKENS));
      case "consume" -> () -> engine.consume(OWNER, ConsumeRequest.of("user-alice", TOKENS, 1));
      case "isAllowed" -> () -> engine.isAllowed(OWNER, "user-alice", TOKENS, 1);
      case "tryConsume" -> () -> engine.tryConsume(OWNER, "user-alice", TOKENS, 1);
      default -> () -> engine.ingest(OWNER, List.of(UsageEvent.of("user-alice", TOKENS, 1)));
    };
  }

  @Test
  void ledgerStaleForThePlansOwnVersion_typedErrorAtOnce() {
    liar.staleVersion = planned -> planned;

    everyDecision(kind -> expectInconsistentAtOnce(kind, decision(kind)));
  }

  @Test
  void ledgerReportsAnOlderVersionThanTheCatalogServed_typedErrorAtOnce() {
    liar.staleVersion = planned -> planned - 1;

    everyDecision(kind -> expectInconsistentAtOnce(kind, decision(kind)));
  }

  @Test
  void catalogServesACachedSnapshotOlderThanTheLedgersVersion_typedErrorAtOnce() {
    liar.frozen = liar.catalog().owner(OWNER, null);
    GovernanceEngine other = GovernanceEngine.builder().store(liar.delegate()).clock(clock).build();
    other.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(50)));

    everyDecision(kind -> expectInconsistentAtOnce(kind, decision(kind)));
  }

  @Test
  void storeHealed_decisionsServeAgain() {
    liar.staleVersion = planned -> planned;
    expectInconsistentAtOnce("consume", decision("consume"));

    liar.staleVersion = null;

    assertThat(engine.tryConsume(OWNER, "user-alice", TOKENS, 1)).isTrue();
  }
}
