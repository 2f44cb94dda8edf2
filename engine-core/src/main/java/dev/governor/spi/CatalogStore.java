package dev.governor.spi;

import java.util.List;

/**
 * Storage for the catalog: engine-wide entity types and capabilities, and each owner's entities and
 * assignments. The engine owns every rule (validation, hierarchy, idempotent replays); a store keeps
 * versioned data and commits change sets atomically.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Snapshots.</b> {@link #global()} and {@link #owner(String, OwnerSnapshot)} return
 *       immutable snapshots: a snapshot never changes after it is handed out, does no I/O when read,
 *       and shows exactly the state at its {@code version()}. Engines cache them by version.</li>
 *   <li><b>Optimistic commits.</b> {@link #commitGlobal} and {@link #commitOwner} apply a whole
 *       change set atomically if and only if the current version equals the expected one, and then
 *       grow the version by one; otherwise they change nothing and report the current version, and
 *       the engine re-reads, re-validates and tries again. Nothing holds exclusive access between
 *       calls, so a remote store runs each commit as one server-side step (one Redis script).</li>
 *   <li><b>Versions.</b> An owner that never held data has version 0 and an empty snapshot; versions
 *       only grow. The ledger validates decisions against the same versions (see
 *       {@link OwnerLedger}).</li>
 *   <li><b>Isolation.</b> An owner's data is reachable only through its own {@code ownerId}.</li>
 *   <li><b>Failure.</b> A store that cannot answer throws any {@link RuntimeException}; the engine
 *       reports it as {@link dev.governor.StoreUnavailableException}. A commit that throws must
 *       have changed nothing, or everything (the engine cannot tell which, and reports the
 *       failure).</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface CatalogStore {
  /** The current engine-wide catalog (types and capabilities). */
  GlobalSnapshot global();

  /**
   * The current catalog of one owner (an empty snapshot of version 0 for an owner that never held
   * data).
   *
   * @param cached a snapshot of this owner the caller already holds, or null; a store may return it
   *     unchanged when its version is current, or build the new snapshot from it incrementally
   */
  OwnerSnapshot owner(String ownerId, OwnerSnapshot cached);

  /** Applies {@code changes} atomically if the engine-wide catalog is at {@code expectedVersion}. */
  CommitResult commitGlobal(long expectedVersion, GlobalChanges changes);

  /**
   * Applies {@code changes} to one owner's catalog atomically if it is at {@code expectedVersion}:
   * entity and assignment writes, assignment removals (with their usage counters) and usage
   * carries, all visible at once with the new version, to catalog reads and to the ledger alike.
   */
  CommitResult commitOwner(String ownerId, long expectedVersion, OwnerChanges changes);

  /**
   * The ids of the owners whose catalog was ever committed, in code point order (the order of their
   * UTF-8 bytes), strictly after {@code afterId} (null: from the first), at most {@code limit}
   * (1..1000) of them. Thread-safe; an owner committed concurrently may or may not appear.
   */
  List<String> owners(String afterId, int limit);

  /**
   * The same ids strictly before {@code beforeId} (null: from the last), nearest first: the order
   * of {@link #owners} read backwards, at most {@code limit} (1..1000) of them.
   */
  List<String> ownersBefore(String beforeId, int limit);
}
