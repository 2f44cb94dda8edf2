package dev.governor.storage.memory;

import dev.governor.spi.CatalogStore;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerSnapshot;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory store's catalog: the current snapshots, replaced whole by each commit. Reads cost one
 * volatile load; commits of one owner are serialized by its lock, commits of different owners run
 * in parallel. Thread-safe.
 */
final class MemoryCatalog implements CatalogStore {
  private final ConcurrentHashMap<String, OwnerState> owners;
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
    OwnerState state = existing != null ? existing
        : owners.computeIfAbsent(ownerId, id -> new OwnerState(id, settings.maxKeysPerOwner));
    state.commitLock.lock();
    try {
      MemoryOwnerSnapshot base = state.snapshot;
      if (base.version != expectedVersion) {
        return CommitResult.conflict(base.version);
      }
      OwnerCommit commit = OwnerCommit.apply(base, changes, settings.stripes, state.arena);
      publish(state, commit);
      // Only now, with the removal visible, may a later commit reuse the removed counters' slots.
      commit.removed.forEach(state.arena::release);
      return CommitResult.committed(commit.snapshot().version);
    } finally {
      state.commitLock.unlock();
    }
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
}
