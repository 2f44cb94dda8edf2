package dev.governor.storage.memory;

import dev.governor.conformance.faults.NthCallFaultConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the NthCallFault conformance suite against the in-memory store. */
class MemoryNthCallFaultConformanceTest extends NthCallFaultConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
