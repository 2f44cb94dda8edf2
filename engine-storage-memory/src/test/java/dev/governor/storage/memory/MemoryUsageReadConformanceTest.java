package dev.governor.storage.memory;

import dev.governor.conformance.runtime.UsageReadConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the UsageRead conformance suite against the in-memory store. */
class MemoryUsageReadConformanceTest extends UsageReadConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
