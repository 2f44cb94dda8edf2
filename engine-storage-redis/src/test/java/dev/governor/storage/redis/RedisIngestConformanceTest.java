package dev.governor.storage.redis;

import dev.governor.conformance.runtime.IngestConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Ingest conformance suite against a Redis store on a real server. */
class RedisIngestConformanceTest extends IngestConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
