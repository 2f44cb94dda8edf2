package dev.governor.storage.redis;

import dev.governor.storage.redis.testing.RedisClusterFixture;
import dev.governor.storage.redis.testing.SharedRedis;

/**
 * Stores on a local 3-master Redis Cluster, started once per test JVM on first use (and stopped
 * when the JVM exits), each store under a fresh key prefix. Thread-safe.
 */
final class ClusterStores {
  private static RedisClusterFixture cluster;

  private ClusterStores() {}

  static synchronized RedisClusterFixture cluster() {
    if (cluster == null) {
      cluster = RedisClusterFixture.start();
      RedisClusterFixture started = cluster;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "redis-cluster-shutdown"));
    }
    return cluster;
  }

  /** A store with a fresh prefix on a cluster client of its own; the store closes it. */
  static RedisStore fresh() {
    return withPrefix(SharedRedis.freshPrefix());
  }

  static RedisStore withPrefix(String prefix) {
    return RedisStore.builder().cluster(cluster().uris().toArray(new String[0])).keyPrefix(prefix).build();
  }
}
