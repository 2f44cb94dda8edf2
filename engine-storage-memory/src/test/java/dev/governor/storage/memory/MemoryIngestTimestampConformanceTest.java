package dev.governor.storage.memory;

import dev.governor.conformance.runtime.IngestTimestampConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the IngestTimestamp conformance suite against the in-memory store. */
class MemoryIngestTimestampConformanceTest extends IngestTimestampConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
