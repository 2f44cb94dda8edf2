package dev.governor.storage.redis;

import dev.governor.conformance.fleet.MultiEngineConformanceTest;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.redis.testing.SharedRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the multi-engine conformance suite on a local 3-master Redis Cluster, each engine with a
 * cluster client of its own: among others, a type's new attribution key committed through one
 * engine is in force for the other's next decision, which on Cluster goes through each owner's copy
 * of the engine-wide version.
 */
class RedisClusterMultiEngineTest extends MultiEngineConformanceTest {
  private final List<RedisStore> opened = new ArrayList<>();
  private String prefix;

  @Override
  protected GovernanceStore newStore() {
    prefix = SharedRedis.freshPrefix();
    return open(ClusterStores.withPrefix(prefix));
  }

  @Override
  protected GovernanceStore secondEngineStore(GovernanceStore shared) {
    return open(ClusterStores.withPrefix(prefix));
  }

  private RedisStore open(RedisStore store) {
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(RedisStore::close);
  }
}
