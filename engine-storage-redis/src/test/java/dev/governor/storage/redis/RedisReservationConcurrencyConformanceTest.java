package dev.governor.storage.redis;

import dev.governor.conformance.runtime.ReservationConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the ReservationConcurrency conformance suite against a Redis store on a real server. */
class RedisReservationConcurrencyConformanceTest extends ReservationConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
