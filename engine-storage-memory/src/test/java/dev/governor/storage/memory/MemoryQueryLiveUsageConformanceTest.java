package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryLiveUsageConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryLiveUsageConformanceTest extends QueryLiveUsageConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
