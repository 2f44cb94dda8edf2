package dev.governor.storage.redis;

import dev.governor.conformance.runtime.IngestConformanceTest;
import dev.governor.spi.GovernanceStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Runs the Ingest conformance suite against a Redis store on a local 3-master Redis Cluster. */
class RedisClusterIngestTest extends IngestConformanceTest {
  private final List<RedisStore> opened = new ArrayList<>();

  @Override
  protected GovernanceStore newStore() {
    RedisStore store = ClusterStores.fresh();
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(RedisStore::close);
  }
}
