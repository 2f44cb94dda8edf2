package dev.governor.storage.memory;

import dev.governor.conformance.faults.StallConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Stall conformance suite against the in-memory store. */
class MemoryStallConformanceTest extends StallConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
