package dev.governor.storage.redis;

import dev.governor.conformance.runtime.BudgetOrderConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the BudgetOrder conformance suite against a Redis store on a real server. */
class RedisBudgetOrderConformanceTest extends BudgetOrderConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
