package dev.governor.storage.memory;

import dev.governor.conformance.runtime.LedgerContractConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the LedgerContract conformance suite against the in-memory store. */
class MemoryLedgerContractConformanceTest extends LedgerContractConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
