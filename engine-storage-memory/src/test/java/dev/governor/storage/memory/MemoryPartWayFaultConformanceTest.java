package dev.governor.storage.memory;

import dev.governor.conformance.faults.PartWayFaultConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the PartWayFault conformance suite against the in-memory store. */
class MemoryPartWayFaultConformanceTest extends PartWayFaultConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
