package dev.governor.storage.redis;

import dev.governor.storage.redis.testing.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;

/**
 * Stores for the conformance runners: each on the JVM's shared {@code redis-server}, under a key
 * prefix of its own (so tests never see each other's keys), all over one shared connection (as an
 * application would share one). {@link #separate()} opens a store on a connection of its own, for
 * tests where engines must not share one. Thread-safe.
 */
final class RedisStores {
  private static StatefulRedisConnection<String, String> shared;

  private RedisStores() {}

  /** A store with a fresh key prefix on the shared connection. */
  static RedisStore fresh() {
    return onSharedConnection(SharedRedis.freshPrefix());
  }

  /** A store with the given prefix on the shared connection (another engine's view of the same data). */
  static RedisStore onSharedConnection(String prefix) {
    return RedisStore.builder().connection(connection()).keyPrefix(prefix).build();
  }

  /** A store with the given prefix on a new client and connection of its own; close it after use. */
  static RedisStore separate(String prefix) {
    return RedisStore.builder().uri(SharedRedis.uri()).keyPrefix(prefix).build();
  }

  private static synchronized StatefulRedisConnection<String, String> connection() {
    if (shared == null) {
      RedisClient client = RedisClient.create(RedisURI.create(SharedRedis.uri()));
      shared = client.connect(StringCodec.UTF8);
      Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown, "redis-test-client-shutdown"));
    }
    return shared;
  }
}
