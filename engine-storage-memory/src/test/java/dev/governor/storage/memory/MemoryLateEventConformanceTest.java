package dev.governor.storage.memory;

import dev.governor.conformance.runtime.LateEventConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the late-event conformance examples against the in-memory store. */
class MemoryLateEventConformanceTest extends LateEventConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
