package dev.governor.storage.memory;

import dev.governor.conformance.runtime.PeriodRolloverConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the PeriodRollover conformance suite against the in-memory store. */
class MemoryPeriodRolloverConformanceTest extends PeriodRolloverConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
