package dev.governor.storage.redis;

/**
 * The length of the long randomized suites on Redis, where every call is a round trip: a tenth of
 * the memory store's by default, so the default build stays short; full length with
 * {@code mvn verify -Predis-full} (which sets {@code governor.redis.full=true}). Stateless.
 */
final class RedisScale {
  private RedisScale() {}

  static int of(int fullLength) {
    return Boolean.getBoolean("governor.redis.full") ? fullLength : Math.max(1, fullLength / 10);
  }
}
