package dev.governor.storage.memory;

import dev.governor.conformance.runtime.IngestConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Ingest conformance suite against the in-memory store. */
class MemoryIngestConformanceTest extends IngestConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
