package dev.governor.storage.redis;

import dev.governor.conformance.runtime.FailClosedConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the FailClosed conformance suite against a Redis store on a real server. */
class RedisFailClosedConformanceTest extends FailClosedConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
