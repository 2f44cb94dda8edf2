package dev.governor.testing;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.GovernanceStore;
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
 * The one forwarding base of the test wrappers around a {@link GovernanceStore} (counting, fault
 * injection, failure simulation): every catalog and ledger call goes to the delegate through hooks
 * a subclass overrides. The hooks run before the real call ({@link #beforeCatalogCall},
 * {@link #beforeLedgerCall}), around it ({@link #insideLedger}), on its inputs ({@link #inputs})
 * and on the snapshots it returns. Thread-safe when the delegate and the hooks are.
 */
public abstract class ForwardingStore implements GovernanceStore {
  private final GovernanceStore delegate;
  private final CatalogStore catalog;
  private final UsageLedger ledger;

  protected ForwardingStore(GovernanceStore delegate) {
    this.delegate = delegate;
    CatalogStore realCatalog = delegate.catalog();
    UsageLedger realLedger = delegate.ledger();
    this.catalog = new Catalog(realCatalog);
    this.ledger = ownerId -> {
      beforeLedgerCall("owner", ownerId, 0);
      return new Ledger(realLedger.owner(ownerId));
    };
  }

  /** The wrapped store. */
  public GovernanceStore delegate() {
    return delegate;
  }

  @Override
  public final CatalogStore catalog() {
    return catalog;
  }

  @Override
  public final UsageLedger ledger() {
    return ledger;
  }

  /** Before each catalog call ({@code ownerId} null for the engine-wide catalog); may throw or block. */
  protected void beforeCatalogCall(String operation, String ownerId) {}

  /**
   * Before each ledger call: the owner lookup ({@code "owner"}) and every operation, with the number
   * of budgets (or events) it carries; may throw or block.
   */
  protected void beforeLedgerCall(String operation, String ownerId, int inputs) {}

  /** Runs the real ledger operation; a subclass may wrap it. */
  protected <R> R insideLedger(String ownerId, Supplier<R> call) {
    return call.get();
  }

  /**
   * The reply the engine sees for a ledger operation planned on {@code plannedVersion}; a subclass
   * may replace the real store's reply (to play an inconsistent store).
   */
  protected long reply(String operation, String ownerId, long plannedVersion, long reply) {
    return reply;
  }

  /** The budget set the real store sees; a subclass may wrap it. */
  protected BudgetSet inputs(BudgetSet budgets) {
    return budgets;
  }

  /** The owner snapshot the engine sees; a subclass may wrap it. */
  protected OwnerSnapshot snapshot(OwnerSnapshot snapshot) {
    return snapshot;
  }

  /** The engine-wide snapshot the engine sees; a subclass may wrap it. */
  protected GlobalSnapshot snapshot(GlobalSnapshot snapshot) {
    return snapshot;
  }

  private final class Catalog implements CatalogStore {
    private final CatalogStore real;

    Catalog(CatalogStore real) {
      this.real = real;
    }

    @Override
    public GlobalSnapshot global() {
      beforeCatalogCall("global", null);
      return snapshot(real.global());
    }

    @Override
    public OwnerSnapshot owner(String ownerId, OwnerSnapshot cached) {
      beforeCatalogCall("owner", ownerId);
      // The cached snapshot may be one of our wrappers: the real store gets no hint.
      return snapshot(real.owner(ownerId, null));
    }

    @Override
    public CommitResult commitGlobal(long expectedVersion, GlobalChanges changes) {
      beforeCatalogCall("commitGlobal", null);
      return real.commitGlobal(expectedVersion, changes);
    }

    @Override
    public CommitResult commitOwner(String ownerId, long expectedVersion, OwnerChanges changes) {
      beforeCatalogCall("commitOwner", ownerId);
      return real.commitOwner(ownerId, expectedVersion, changes);
    }

    @Override
    public java.util.List<String> owners(String afterId, int limit) {
      beforeCatalogCall("owners", null);
      return real.owners(afterId, limit);
    }

    @Override
    public java.util.List<String> ownersBefore(String beforeId, int limit) {
      beforeCatalogCall("ownersBefore", null);
      return real.ownersBefore(beforeId, limit);
    }
  }

  private final class Ledger implements OwnerLedger {
    private final OwnerLedger real;

    Ledger(OwnerLedger real) {
      this.real = real;
    }

    @Override
    public String ownerId() {
      return real.ownerId();
    }

    @Override
    public long read(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
      beforeLedgerCall("read", real.ownerId(), budgets.size());
      return reply("read", real.ownerId(), budgets.catalogVersion(),
          insideLedger(real.ownerId(), () -> real.read(inputs(budgets), nowMillis, usageOut, heldOut)));
    }

    @Override
    public long check(BudgetSet budgets, Clock clock, long amount) {
      beforeLedgerCall("check", real.ownerId(), budgets.size());
      return reply("check", real.ownerId(), budgets.catalogVersion(), insideLedger(real.ownerId(), () -> real.check(inputs(budgets), clock, amount)));
    }

    @Override
    public long readEach(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
      beforeLedgerCall("readEach", real.ownerId(), budgets.size());
      return reply("readEach", real.ownerId(), budgets.catalogVersion(),
          insideLedger(real.ownerId(), () -> real.readEach(inputs(budgets), nowMillis, usageOut, heldOut)));
    }

    @Override
    public long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut,
        long[] heldOut, ThresholdClaims claimsOut) {
      beforeLedgerCall("consume", real.ownerId(), budgets.size());
      return reply("consume", real.ownerId(), budgets.catalogVersion(),
          insideLedger(real.ownerId(), () -> real.consume(inputs(budgets), nowMillis, amount, claim, usageOut, heldOut, claimsOut)));
    }

    @Override
    public long reserve(BudgetSet budgets, long nowMillis, ReservationHold hold, long[] usageOut, long[] heldOut) {
      beforeLedgerCall("reserve", real.ownerId(), budgets.size());
      return reply("reserve", real.ownerId(), budgets.catalogVersion(),
          insideLedger(real.ownerId(), () -> real.reserve(inputs(budgets), nowMillis, hold, usageOut, heldOut)));
    }

    @Override
    public StoredReservation reservation(String reservationId, long nowMillis) {
      beforeLedgerCall("reservation", real.ownerId(), 0);
      return insideLedger(real.ownerId(), () -> real.reservation(reservationId, nowMillis));
    }

    @Override
    public long settle(BudgetSet budgets, long nowMillis, String reservationId, long actual, long[] usageOut,
        ThresholdClaims claimsOut) {
      beforeLedgerCall("settle", real.ownerId(), budgets.size());
      return reply("settle", real.ownerId(), budgets.catalogVersion(),
          insideLedger(real.ownerId(), () -> real.settle(inputs(budgets), nowMillis, reservationId, actual, usageOut, claimsOut)));
    }

    @Override
    public long release(String reservationId, long nowMillis) {
      beforeLedgerCall("release", real.ownerId(), 0);
      return insideLedger(real.ownerId(), () -> real.release(reservationId, nowMillis));
    }

    @Override
    public long ingest(IngestBatch batch, long nowMillis) {
      beforeLedgerCall("ingest", real.ownerId(), batch.size());
      return reply("ingest", real.ownerId(), batch.catalogVersion(), insideLedger(real.ownerId(), () -> {
        int n = batch.size();
        BudgetSet[] sets = new BudgetSet[n];
        boolean wrapped = false;
        for (int e = 0; e < n; e++) {
          sets[e] = inputs(batch.budgets(e));
          wrapped |= sets[e] != batch.budgets(e);
        }
        if (!wrapped) {
          return real.ingest(batch, nowMillis);
        }
        long[] amounts = new long[n];
        String[] keys = new String[n];
        long[] fingerprints = new long[n];
        long[] times = new long[n];
        for (int e = 0; e < n; e++) {
          amounts[e] = batch.amount(e);
          keys[e] = batch.idempotencyKey(e);
          fingerprints[e] = batch.fingerprint(e);
          times[e] = batch.eventTime(e);
        }
        IngestBatch copy = new IngestBatch(batch.catalogVersion(), batch.globalVersion(), sets, amounts, keys, fingerprints,
            times, batch.keyExpiresAtMillis());
        long reply = real.ingest(copy, nowMillis);
        // Hand the store's outputs back to the engine's batch, late flags included.
        for (int e = 0; e < n; e++) {
          batch.outcome(e, copy.outcome(e));
          for (int i = 0; i < batch.budgets(e).size(); i++) {
            if (copy.isLate(e, i)) {
              batch.late(e, i, copy.usageAfter(e, i));
            } else {
              batch.usageAfter(e, i, copy.usageAfter(e, i));
            }
            batch.reached(e, i, copy.reached(e, i));
          }
        }
        batch.failedIndex(copy.failedIndex());
        return reply;
      }));
    }
  }
}
