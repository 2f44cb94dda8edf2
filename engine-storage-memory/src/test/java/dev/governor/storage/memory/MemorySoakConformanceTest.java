package dev.governor.storage.memory;

import dev.governor.conformance.soak.SoakConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the soak test (20 s; -Psoak for minutes) against the in-memory store. */
class MemorySoakConformanceTest extends SoakConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
