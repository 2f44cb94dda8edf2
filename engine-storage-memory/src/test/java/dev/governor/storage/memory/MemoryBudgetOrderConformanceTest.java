package dev.governor.storage.memory;

import dev.governor.conformance.runtime.BudgetOrderConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the BudgetOrder conformance suite against the in-memory store. */
class MemoryBudgetOrderConformanceTest extends BudgetOrderConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
