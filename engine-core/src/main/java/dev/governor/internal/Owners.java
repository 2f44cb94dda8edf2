package dev.governor.internal;

import dev.governor.spi.OwnerSnapshot;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtimes of the owners this engine has served. Only owners that hold data get one, so a
 * caller probing random owner ids grows nothing. Thread-safe.
 */
final class Owners {
  private final GuardedStore store;
  private final ConcurrentHashMap<String, OwnerRuntime> runtimes = new ConcurrentHashMap<>();

  Owners(GuardedStore store) {
    this.store = store;
  }

  /** The cached runtime of an owner, or null (without any store call). */
  OwnerRuntime cached(String ownerId) {
    return runtimes.get(ownerId);
  }

  /**
   * The runtime of an owner that holds data, or null when a fresh read shows it holds none. The
   * caller has validated the owner id.
   */
  OwnerRuntime runtime(String ownerId) {
    OwnerRuntime rt = runtimes.get(ownerId);
    if (rt != null) {
      return rt;
    }
    OwnerSnapshot snapshot = store.owner(ownerId, null);
    if (snapshot.version() == 0L) {
      return null;
    }
    return runtimes.computeIfAbsent(ownerId, id -> new OwnerRuntime(id, store.owner(id), snapshot, store));
  }

  /** The current snapshot of an owner: the cached runtime's, refreshed, or a fresh read. */
  OwnerSnapshot snapshot(String ownerId) {
    OwnerRuntime rt = runtimes.get(ownerId);
    return rt != null ? rt.refresh() : store.owner(ownerId, null);
  }

  /** After a commit through this engine: lets a cached runtime see it without waiting for a STALE. */
  void committed(String ownerId) {
    OwnerRuntime rt = runtimes.get(ownerId);
    if (rt != null) {
      rt.refresh();
    }
  }
}
