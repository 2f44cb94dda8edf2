package dev.governor.storage.redis;

import dev.governor.conformance.runtime.IdempotencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Idempotency conformance suite against a Redis store on a real server. */
class RedisIdempotencyConformanceTest extends IdempotencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
