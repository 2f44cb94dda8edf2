package dev.governor.storage.memory;

import dev.governor.conformance.faults.InterruptConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Interrupt conformance suite against the in-memory store. */
class MemoryInterruptConformanceTest extends InterruptConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
