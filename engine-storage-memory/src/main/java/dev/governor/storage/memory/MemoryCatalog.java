package dev.governor.storage.memory;

import dev.governor.spi.CatalogStore;
import dev.governor.spi.GlobalCatalogTransaction;
import dev.governor.spi.GlobalCatalogView;
import dev.governor.spi.OwnerCatalogTransaction;
import dev.governor.spi.OwnerCatalogView;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * The memory store's catalog. Reads take a read lock (of the global catalog or of one owner), updates
 * the matching write lock, so different owners never wait on each other. Thread-safe.
 */
final class MemoryCatalog implements CatalogStore {
  private final GlobalState global = new GlobalState();
  private final ConcurrentHashMap<String, OwnerState> owners;
  private final LedgerSettings settings;

  MemoryCatalog(ConcurrentHashMap<String, OwnerState> owners, LedgerSettings settings) {
    this.owners = owners;
    this.settings = settings;
  }

  @Override
  public <R> R readGlobal(Function<GlobalCatalogView, R> reader) {
    Lock lock = global.lock.readLock();
    lock.lock();
    try {
      return reader.apply(global);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <R> R updateGlobal(Function<GlobalCatalogTransaction, R> work) {
    Lock lock = global.lock.writeLock();
    lock.lock();
    try {
      global.begin();
      R result;
      try {
        result = work.apply(global);
      } catch (RuntimeException | Error e) {
        global.rollback();
        throw e;
      }
      global.commit();
      return result;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <R> R readOwner(String ownerId, Function<OwnerCatalogView, R> reader) {
    Objects.requireNonNull(ownerId, "ownerId");
    OwnerState state = owners.get(ownerId);
    if (state == null) {
      state = new OwnerState(ownerId, settings);
    }
    Lock lock = state.catalogLock.readLock();
    lock.lock();
    try {
      return reader.apply(new OwnerView(state));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <R> R updateOwner(String ownerId, Function<OwnerCatalogTransaction, R> work) {
    Objects.requireNonNull(ownerId, "ownerId");
    while (true) {
      OwnerState state = owners.computeIfAbsent(ownerId, id -> new OwnerState(id, settings));
      Lock lock = state.catalogLock.writeLock();
      lock.lock();
      try {
        if (state.retired) {
          continue;
        }
        OwnerTransaction tx = new OwnerTransaction(state);
        R result;
        try {
          result = work.apply(tx);
        } catch (RuntimeException | Error e) {
          tx.rollback();
          throw e;
        } finally {
          if (state.version == 0 && !tx.wroteAnything()) {
            // Never keep an empty state for an owner that holds no data (a typo or a hostile id).
            state.retired = true;
            owners.remove(ownerId, state);
          }
        }
        if (tx.wroteAnything()) {
          state.ledger.commit(tx.carries());
        }
        return result;
      } finally {
        lock.unlock();
      }
    }
  }
}
