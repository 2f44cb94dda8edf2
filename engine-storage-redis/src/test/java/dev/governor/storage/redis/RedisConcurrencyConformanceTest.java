package dev.governor.storage.redis;

import dev.governor.conformance.runtime.ConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Concurrency conformance suite against a Redis store on a real server. */
class RedisConcurrencyConformanceTest extends ConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
