package dev.governor.storage.redis;

import dev.governor.conformance.runtime.ReservationConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Reservation conformance suite against a Redis store on a real server. */
class RedisReservationConformanceTest extends ReservationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
