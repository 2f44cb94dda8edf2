package dev.governor.internal;

import dev.governor.GovernanceException;
import dev.governor.StoreUnavailableException;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.StoredReservation;
import dev.governor.spi.ThresholdClaims;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.UsageLedger;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The store as the engine sees it: every call into the store goes through here, and any failure
 * that is not one of the engine's own typed errors becomes {@link StoreUnavailableException}, so
 * no path can let a raw store exception escape and the engine fails closed. Snapshots are not
 * wrapped: they are immutable local objects that do no I/O. Thread-safe when the store is.
 */
final class GuardedStore implements CatalogStore, UsageLedger {
  private final CatalogStore catalog;
  private final UsageLedger ledger;

  GuardedStore(CatalogStore catalog, UsageLedger ledger) {
    this.catalog = catalog;
    this.ledger = ledger;
  }

  static StoreUnavailableException unavailable(String what, RuntimeException e) {
    return new StoreUnavailableException("store failed during " + what + ": " + e, e);
  }

  /** Runs one catalog call, turning a failure into {@link StoreUnavailableException}. */
  private static <T> T catalogCall(String what, Supplier<T> call) {
    try {
      return required(what, call.get());
    } catch (GovernanceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unavailable(what, e);
    }
  }

  @Override
  public GlobalSnapshot global() {
    return catalogCall("catalog read", catalog::global);
  }

  @Override
  public OwnerSnapshot owner(String ownerId, OwnerSnapshot cached) {
    return catalogCall("catalog read", () -> catalog.owner(ownerId, cached));
  }

  @Override
  public CommitResult commitGlobal(long expectedVersion, GlobalChanges changes) {
    return catalogCall("catalog commit", () -> catalog.commitGlobal(expectedVersion, changes));
  }

  @Override
  public CommitResult commitOwner(String ownerId, long expectedVersion, OwnerChanges changes) {
    return catalogCall("catalog commit", () -> catalog.commitOwner(ownerId, expectedVersion, changes));
  }

  @Override
  public java.util.List<String> owners(String afterId, int limit) {
    return catalogCall("owner listing", () -> catalog.owners(afterId, limit));
  }

  @Override
  public java.util.List<String> ownersBefore(String beforeId, int limit) {
    return catalogCall("owner listing", () -> catalog.ownersBefore(beforeId, limit));
  }

  @Override
  public OwnerLedger owner(String ownerId) {
    return new Ledger(catalogCall("ledger", () -> ledger.owner(ownerId)));
  }

  private static <T> T required(String what, T value) {
    if (value == null) {
      throw new StoreUnavailableException("store answered null during " + what, null);
    }
    return value;
  }

  /** One owner's ledger, guarded the same way. */
  private static final class Ledger implements OwnerLedger {
    private final OwnerLedger delegate;

    Ledger(OwnerLedger delegate) {
      this.delegate = delegate;
    }

    @Override
    public String ownerId() {
      return delegate.ownerId();
    }

    @Override
    public long read(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
      try {
        return delegate.read(budgets, nowMillis, usageOut, heldOut);
      } catch (RuntimeException e) {
        throw unavailable("check", e);
      }
    }

    @Override
    public long check(BudgetSet budgets, Clock clock, long amount) {
      try {
        return delegate.check(budgets, clock, amount);
      } catch (RuntimeException e) {
        throw unavailable("check", e);
      }
    }

    @Override
    public long readEach(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
      try {
        return delegate.readEach(budgets, nowMillis, usageOut, heldOut);
      } catch (RuntimeException e) {
        throw unavailable("query", e);
      }
    }

    @Override
    public long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut,
        long[] heldOut, ThresholdClaims claimsOut) {
      try {
        return delegate.consume(budgets, nowMillis, amount, claim, usageOut, heldOut, claimsOut);
      } catch (RuntimeException e) {
        throw unavailable("consume", e);
      }
    }

    @Override
    public long reserve(BudgetSet budgets, long nowMillis, ReservationHold hold, long[] usageOut, long[] heldOut) {
      try {
        return delegate.reserve(budgets, nowMillis, hold, usageOut, heldOut);
      } catch (RuntimeException e) {
        throw unavailable("reserve", e);
      }
    }

    @Override
    public StoredReservation reservation(String reservationId, long nowMillis) {
      try {
        return delegate.reservation(reservationId, nowMillis);
      } catch (RuntimeException e) {
        throw unavailable("reservation read", e);
      }
    }

    @Override
    public long settle(BudgetSet budgets, long nowMillis, String reservationId, long actual, long[] usageOut,
        ThresholdClaims claimsOut) {
      try {
        return delegate.settle(budgets, nowMillis, reservationId, actual, usageOut, claimsOut);
      } catch (RuntimeException e) {
        throw unavailable("settle", e);
      }
    }

    @Override
    public long release(String reservationId, long nowMillis) {
      try {
        return delegate.release(reservationId, nowMillis);
      } catch (RuntimeException e) {
        throw unavailable("release", e);
      }
    }

    @Override
    public long ingest(IngestBatch batch, long nowMillis) {
      try {
        return delegate.ingest(batch, nowMillis);
      } catch (RuntimeException e) {
        throw unavailable("ingest", e);
      }
    }
  }
}
