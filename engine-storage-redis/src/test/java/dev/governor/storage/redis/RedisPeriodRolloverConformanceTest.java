package dev.governor.storage.redis;

import dev.governor.conformance.runtime.PeriodRolloverConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the PeriodRollover conformance suite against a Redis store on a real server. */
class RedisPeriodRolloverConformanceTest extends PeriodRolloverConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
