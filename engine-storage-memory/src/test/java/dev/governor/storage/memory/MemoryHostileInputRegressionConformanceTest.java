package dev.governor.storage.memory;

import dev.governor.conformance.fuzz.HostileInputRegressionConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the hostile-input regressions against the in-memory store. */
class MemoryHostileInputRegressionConformanceTest extends HostileInputRegressionConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
