package dev.governor.storage.memory;

import dev.governor.spi.CatalogStore;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The memory store's catalog: the current snapshots, replaced whole by each commit. Reads cost one
 * volatile load; commits of one owner are serialized by its lock, commits of different owners run
 * in parallel. Thread-safe.
 */
final class MemoryCatalog implements CatalogStore {
  private final ConcurrentHashMap<String, OwnerState> owners;
  /** The owners with a committed catalog, in code point order (as Redis orders the same ids by their UTF-8 bytes). */
  private final ConcurrentSkipListSet<String> committedOwners = new ConcurrentSkipListSet<>(MemoryCatalog::compareCodePoints);
  private final LedgerSettings settings;
  private final Object globalLock = new Object();
  private volatile MemoryGlobalSnapshot global = MemoryGlobalSnapshot.EMPTY;

  MemoryCatalog(ConcurrentHashMap<String, OwnerState> owners, LedgerSettings settings) {
    this.owners = owners;
    this.settings = settings;
  }

  /** The engine-wide version, as the ledger validates dimension plans against it. */
  long globalVersion() {
    return global.version;
  }

  @Override
  public GlobalSnapshot global() {
    return global;
  }

  @Override
  public OwnerSnapshot owner(String ownerId, OwnerSnapshot cached) {
    Objects.requireNonNull(ownerId, "ownerId");
    OwnerState state = owners.get(ownerId);
    return state == null ? MemoryOwnerSnapshot.empty(ownerId) : state.snapshot;
  }

  @Override
  public CommitResult commitGlobal(long expectedVersion, GlobalChanges changes) {
    Objects.requireNonNull(changes, "changes");
    synchronized (globalLock) {
      MemoryGlobalSnapshot current = global;
      if (current.version != expectedVersion) {
        return CommitResult.conflict(current.version);
      }
      if (changes.isEmpty()) {
        return CommitResult.committed(current.version);
      }
      MemoryGlobalSnapshot next = current.apply(changes);
      global = next;
      return CommitResult.committed(next.version);
    }
  }

  @Override
  public CommitResult commitOwner(String ownerId, long expectedVersion, OwnerChanges changes) {
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(changes, "changes");
    OwnerState existing = owners.get(ownerId);
    long current = existing == null ? 0L : existing.snapshot.version;
    if (current != expectedVersion || changes.isEmpty()) {
      // Nothing to write, or a conflict seen without locking: never create state for it.
      return current != expectedVersion ? CommitResult.conflict(current) : CommitResult.committed(current);
    }
    OwnerState state = existing != null ? existing : stateOf(ownerId);
    state.commitLock.lock();
    try {
      MemoryOwnerSnapshot base = state.snapshot;
      if (base.version != expectedVersion) {
        return CommitResult.conflict(base.version);
      }
      OwnerCommit commit = OwnerCommit.apply(base, changes, settings.stripes, state.arena);
      publish(state, commit);
      committedOwners.add(ownerId);
      // Only now, with the removal visible, may a later commit reuse the removed counters' slots.
      commit.removed.forEach(state.arena::release);
      return CommitResult.committed(commit.snapshot().version);
    } finally {
      state.commitLock.unlock();
    }
  }

  @Override
  public List<String> owners(String afterId, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000: " + limit);
    }
    List<String> out = new ArrayList<>(Math.min(limit, 64));
    for (String id : afterId == null ? committedOwners : committedOwners.tailSet(afterId, false)) {
      if (out.size() == limit) {
        break;
      }
      out.add(id);
    }
    return out;
  }

  @Override
  public List<String> ownersBefore(String beforeId, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000: " + limit);
    }
    List<String> out = new ArrayList<>(Math.min(limit, 64));
    for (String id : (beforeId == null ? committedOwners : committedOwners.headSet(beforeId, false)).descendingSet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(id);
    }
    return out;
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * Makes a commit visible: the snapshot carries the version the ledger checks, and the
   * carried counters move while their stripes are held, so a ledger operation sees either the old
   * version with the old counters or the new version with the moved ones.
   */
  private void publish(OwnerState state, OwnerCommit commit) {
    MemoryOwnerSnapshot next = commit.snapshot();
    if (commit.carries.isEmpty()) {
      state.snapshot = next;
      return;
    }
    StripeSpan span = StripeSpan.clear();
    for (OwnerCommit.Carry c : commit.carries) {
      span.add(c.counter().stripe);
    }
    span.lockWrite(settings.stripes);
    try {
      state.snapshot = next;
      for (OwnerCommit.Carry c : commit.carries) {
        Counter counter = c.counter();
        // Only older periods' usage: nothing current to carry, and it must not count again.
        long usage = counter.periodStart < c.oldPeriodStart() ? 0L : counter.usage;
        counter.write(c.newPeriodStart(), usage);
      }
    } finally {
      span.unlockWrite(settings.stripes);
    }
  }

  /** The owner's state, created (at version 0) when missing: a reservation is kept even for an owner without a catalog. */
  OwnerState stateOf(String ownerId) {
    return owners.computeIfAbsent(ownerId, id -> new OwnerState(id, settings.maxKeysPerOwner, settings.maxClosedReservationsPerOwner));
  }

  /** The owner's state, or null when it holds nothing. */
  OwnerState stateOrNull(String ownerId) {
    return owners.get(ownerId);
  }
}
