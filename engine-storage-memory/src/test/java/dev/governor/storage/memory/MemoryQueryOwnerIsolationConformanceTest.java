package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryOwnerIsolationConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryOwnerIsolationConformanceTest extends QueryOwnerIsolationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
