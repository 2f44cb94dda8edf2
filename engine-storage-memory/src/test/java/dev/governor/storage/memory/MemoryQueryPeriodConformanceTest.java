package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryPeriodConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryPeriodConformanceTest extends QueryPeriodConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
