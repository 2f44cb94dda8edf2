package dev.governor.storage.redis;

/**
 * The names of the store's keys. Every key of one owner carries the hash tag {@code {o<owner>}}
 * (owner id through {@link Escapes#key}), so all of them live in one slot and every script touches
 * one node of a cluster; the engine-wide catalog lives under the tag {@code {g}}. Immutable and
 * thread-safe.
 *
 * <pre>
 * PREFIX{g}:m          hash  g: engine-wide catalog version
 * PREFIX{g}:t, :c      hash  entity types, capabilities by id
 * PREFIX{g}:owners     zset  every owner that ever committed (scores 0: ordered by id)
 * PREFIX{g}:ak         hash  attribution key to the id of the type that holds it
 * PREFIX{g}:tk         hash  type id to its attribution keys (JSON list)
 * PREFIX{oOWNER}:m     hash  v: the owner's catalog version; g: its copy of the engine-wide one (Cluster)
 * PREFIX{oOWNER}:e, :a hash  entities by id, assignments by id
 * PREFIX{oOWNER}:u     hash  usage counters by assignment id: 16 bytes, period start and usage (governor-rules.lua)
 * PREFIX{oOWNER}:n     hash  natural key (entity, capability, scope) to assignment id
 * PREFIX{oOWNER}:nk    hash  assignment id to its natural key
 * PREFIX{oOWNER}:k:KEY       an idempotency key's claim: "fingerprint:expiresAt", with a TTL
 * PREFIX{oOWNER}:r:ID  hash  a reservation's record, with a TTL (governor-reservations.lua); its holds
 *                            live in :u, in field COUNTER!h and in the counter's tail (governor-holds.lua)
 * </pre>
 */
final class Keys {
  final String globalMeta;
  final String entityTypes;
  final String capabilities;
  final String owners;
  final String attributionKeys;
  final String typeKeys;
  private final String prefix;

  Keys(String prefix) {
    this.prefix = prefix;
    this.globalMeta = prefix + "{g}:m";
    this.entityTypes = prefix + "{g}:t";
    this.capabilities = prefix + "{g}:c";
    this.owners = prefix + "{g}:owners";
    this.attributionKeys = prefix + "{g}:ak";
    this.typeKeys = prefix + "{g}:tk";
  }

  /** The keys of one owner. */
  OwnerKeys owner(String ownerId) {
    return new OwnerKeys(prefix + "{o" + Escapes.key(ownerId) + "}:");
  }

  /** The keys of one owner, all with the same hash tag. Immutable. */
  static final class OwnerKeys {
    final String meta;
    final String entities;
    final String assignments;
    final String counters;
    final String naturalKeys;
    final String assignmentKeys;
    private final String base;

    OwnerKeys(String base) {
      this.base = base;
      this.meta = base + "m";
      this.entities = base + "e";
      this.assignments = base + "a";
      this.counters = base + "u";
      this.naturalKeys = base + "n";
      this.assignmentKeys = base + "nk";
    }

    String idempotencyKey(String key) {
      return base + "k:" + Escapes.key(key);
    }

    /** A reservation's record (ids are 32 hexadecimal digits: nothing to escape). */
    String reservation(String id) {
      return base + "r:" + id;
    }
  }
}
