/**
 * Governor's Redis store: the catalog, the usage counters and the idempotency keys of every engine
 * of a fleet in one Redis server or cluster, each decision one call of a Redis Function. Exports only its
 * API package; the implementation is package-private.
 */
module dev.governor.storage.redis {
  requires transitive dev.governor.core;
  requires transitive lettuce.core;

  exports dev.governor.storage.redis;
}
