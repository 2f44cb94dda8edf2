package dev.governor.internal;

import dev.governor.StoreUnavailableException;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerSnapshot;
import java.util.function.Function;

/**
 * The optimistic commit loop of every catalog batch: read the current snapshot, run the batch on a
 * draft over it (validating every item; a bad item throws and nothing is written), and commit the
 * change set against the snapshot's version. When another writer (through any engine) committed
 * first, the batch runs again on the new snapshot: the work is a pure function of the snapshot, so
 * a re-run is safe. Stateless and thread-safe.
 */
final class Commits {
  /** Bound on re-runs while other writers keep committing first. */
  static final int MAX_ATTEMPTS = 64;

  private Commits() {}

  /** Runs one owner's batch; {@code work} reads and writes the draft and returns the batch result. */
  static <R> R owner(EngineContext ctx, String ownerId, Function<OwnerDraft, R> work) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      OwnerSnapshot snapshot = ctx.owners.snapshot(ownerId);
      OwnerDraft draft = new OwnerDraft(snapshot);
      R result = work.apply(draft);
      OwnerChanges changes = draft.changes();
      if (changes.isEmpty()) {
        return result;
      }
      CommitResult commit = ctx.store.commitOwner(ownerId, snapshot.version(), changes);
      if (commit.committed()) {
        ctx.owners.committed(ownerId);
        return result;
      }
    }
    throw contended("owner " + ownerId + "'s catalog");
  }

  /** Runs one batch of the engine-wide catalog. */
  static <R> R global(EngineContext ctx, Function<GlobalDraft, R> work) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      GlobalDraft draft = new GlobalDraft(ctx.refreshGlobal());
      R result = work.apply(draft);
      GlobalChanges changes = draft.changes();
      if (changes.isEmpty()) {
        return result;
      }
      CommitResult commit = ctx.store.commitGlobal(draft.snapshot.version(), changes);
      if (commit.committed()) {
        ctx.refreshGlobal();
        return result;
      }
    }
    throw contended("the engine-wide catalog");
  }

  private static StoreUnavailableException contended(String what) {
    return new StoreUnavailableException(what + " changed under every one of " + MAX_ATTEMPTS
        + " attempts to commit this batch; nothing was written", null);
  }
}
