package dev.governor.storage.redis;

import dev.governor.conformance.catalog.OwnerListingConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the OwnerListing conformance suite against a Redis store on a real server. */
class RedisOwnerListingConformanceTest extends OwnerListingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
