package dev.governor.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.StoreUnavailableException;
import dev.governor.catalog.Assignment;
import dev.governor.conformance.runtime.RuntimeConformanceBase;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.Subject;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FaultInjectingStore;
import dev.governor.testing.FaultInjectingStore.InjectedFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared fixture of the fault suites: the runtime fixture over a {@link FaultInjectingStore}, a
 * usage reader for any owner, and the "fails closed" assertion.
 */
public abstract class FaultConformanceBase extends RuntimeConformanceBase {
  /** Generous bound for work that must finish; it detects hangs, it never measures speed. */
  protected static final Duration HANG = Duration.ofSeconds(30);

  protected FaultInjectingStore faults;

  @Override
  protected GovernanceStore engineStore() {
    faults = new FaultInjectingStore(newStore());
    return faults;
  }

  /** A failed test must not leave threads blocked in a stall behind it. */
  @AfterEach
  void releaseEveryStall() {
    if (faults != null) {
      faults.heal();
    }
  }

  /** The failure is the typed unavailable error caused by an injected fault. */
  protected static void assertFailedClosed(Throwable failure) {
    assertThat(failure).isInstanceOf(StoreUnavailableException.class).hasCauseInstanceOf(InjectedFault.class);
  }

  /** The current-period usage of a budget of {@code ownerId}, read with a zero-amount check. */
  protected long usageOf(String ownerId, Assignment budget) {
    List<String> subject = new ArrayList<>();
    subject.add(budget.entityId());
    subject.addAll(budget.scopeEntityIds());
    CheckResult r = engine.check(ownerId, CheckRequest.of(Subject.entities(subject), budget.capabilityId()).amount(0));
    List<BudgetStatus> found = r.budgets().stream().filter(s -> s.assignmentId().equals(budget.id())).toList();
    assertThat(found).as("budget %s applies to its own entity and scope", budget.key()).hasSize(1);
    return found.get(0).currentUsage();
  }

  /** The usage of each budget of {@code ownerId}, in order. */
  protected List<Long> usagesOf(String ownerId, List<Assignment> budgets) {
    return budgets.stream().map(b -> usageOf(ownerId, b)).toList();
  }
}
