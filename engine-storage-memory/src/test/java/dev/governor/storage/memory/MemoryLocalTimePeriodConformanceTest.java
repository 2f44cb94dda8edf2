package dev.governor.storage.memory;

import dev.governor.conformance.runtime.LocalTimePeriodConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryLocalTimePeriodConformanceTest extends LocalTimePeriodConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
