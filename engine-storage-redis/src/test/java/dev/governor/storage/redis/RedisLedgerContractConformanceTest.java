package dev.governor.storage.redis;

import dev.governor.conformance.runtime.LedgerContractConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the LedgerContract conformance suite against a Redis store on a real server. */
class RedisLedgerContractConformanceTest extends LedgerContractConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
