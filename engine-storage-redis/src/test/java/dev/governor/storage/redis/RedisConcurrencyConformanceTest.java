package dev.governor.storage.redis;

import dev.governor.conformance.runtime.ConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Concurrency conformance suite against a Redis store on a real server. */
class RedisConcurrencyConformanceTest extends ConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }

  /** A tenth of the memory store's sizes by default (every call is a round trip); all of it with {@code -Predis-full}. */
  @Override
  protected double share() {
    return Boolean.getBoolean("governor.redis.full") ? 1.0 : 0.1;
  }
}
