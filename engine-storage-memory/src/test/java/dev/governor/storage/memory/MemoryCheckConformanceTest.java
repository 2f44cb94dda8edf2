package dev.governor.storage.memory;

import dev.governor.conformance.runtime.CheckConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Check conformance suite against the in-memory store. */
class MemoryCheckConformanceTest extends CheckConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
