package dev.governor.storage.memory;

import dev.governor.conformance.fuzz.HostileInputFuzzConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the hostile-input fuzz against the in-memory store. */
class MemoryHostileInputFuzzConformanceTest extends HostileInputFuzzConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
