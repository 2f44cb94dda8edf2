package dev.governor.storage.redis;

import dev.governor.conformance.runtime.IngestTimestampConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the IngestTimestamp conformance suite against a Redis store on a real server. */
class RedisIngestTimestampConformanceTest extends IngestTimestampConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
