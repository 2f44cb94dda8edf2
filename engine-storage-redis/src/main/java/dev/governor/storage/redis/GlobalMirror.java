package dev.governor.storage.redis;

import java.util.List;

/**
 * On Redis Cluster, keeps each owner's copy of the engine-wide catalog version (field {@code g} of
 * the owner's meta hash), which the owner's scripts check because a script may touch one slot only.
 * A committed change of types or capabilities is spread to every registered owner right after its
 * commit, a new owner starts from the current version, and a script that sees an engine plan on a
 * newer version than its copy raises the copy (the version exists: the engine read it from the
 * store). Until the spread reaches an owner, an engine that has not yet seen the change may still
 * decide for that owner under the previous types: the one window the single-server store does not
 * have, where the scripts read the engine-wide version itself. On a single server this class does
 * nothing. Thread-safe.
 */
final class GlobalMirror {
  private static final int PAGE = 500;

  private final Script script;
  private final Keys keys;
  private final boolean cluster;

  GlobalMirror(Script script, Keys keys, boolean cluster) {
    this.script = script;
    this.keys = keys;
    this.cluster = cluster;
  }

  /** True on Cluster: owner scripts read the owner's copy of the engine-wide version. */
  boolean isOn() {
    return cluster;
  }

  /** The key whose field {@code g} an owner's scripts compare with the planned engine-wide version. */
  String globalVersionKey(Keys.OwnerKeys owner) {
    return cluster ? owner.meta : keys.globalMeta;
  }

  /** Brings a newly registered owner's copy to the current engine-wide version. */
  void reach(String ownerId) {
    if (!cluster) {
      return;
    }
    long version = (Long) script.call(new String[] {keys.globalMeta}, new String[] {"globalVersion"}).get(0);
    script.call(new String[] {keys.owner(ownerId).meta}, new String[] {"mirror", Long.toString(version)});
  }

  /** Spreads a committed engine-wide version to every registered owner. */
  void spread(long version) {
    if (!cluster) {
      return;
    }
    String after = "";
    while (true) {
      List<Object> ids = script.call(new String[] {keys.owners}, new String[] {"owners", after, Integer.toString(PAGE)});
      for (Object id : ids) {
        script.call(new String[] {keys.owner((String) id).meta}, new String[] {"mirror", Long.toString(version)});
      }
      if (ids.size() < PAGE) {
        return;
      }
      after = (String) ids.get(ids.size() - 1);
    }
  }
}
