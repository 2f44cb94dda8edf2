package dev.governor.testing;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.GlobalCatalogTransaction;
import dev.governor.spi.GlobalCatalogView;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerStatus;
import dev.governor.spi.OwnerCatalogTransaction;
import dev.governor.spi.OwnerCatalogView;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.StoreContext;
import dev.governor.spi.StoredAssignment;
import dev.governor.spi.UsageLedger;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Wraps any {@link GovernanceStore} and counts the engine's work against it: every method call on the
 * catalog store, on the views and transactions it hands out, and on the ledger, plus one per item a
 * view iterates for the engine ({@code forEach*}) and per budget or event a ledger operation is handed.
 * The count is deterministic for a given request and catalog, so tests can compare the work of
 * inputs of different sizes without timing anything. Thread-safe.
 */
public final class CountingStore implements GovernanceStore {
  private final GovernanceStore delegate;
  private final AtomicLong work = new AtomicLong();

  public CountingStore(GovernanceStore delegate) {
    this.delegate = delegate;
  }

  /** The work counted so far. */
  public long work() {
    return work.get();
  }

  private void count() {
    work.incrementAndGet();
  }

  private void count(long n) {
    work.addAndGet(n);
  }

  @Override
  public void open(StoreContext context) {
    delegate.open(context);
  }

  @Override
  public CatalogStore catalog() {
    CatalogStore real = delegate.catalog();
    return new CatalogStore() {
      @Override
      public <R> R readGlobal(Function<GlobalCatalogView, R> reader) {
        count();
        return real.readGlobal(v -> reader.apply(new Global(v, null)));
      }

      @Override
      public <R> R updateGlobal(Function<GlobalCatalogTransaction, R> work) {
        count();
        return real.updateGlobal(tx -> work.apply(new Global(tx, tx)));
      }

      @Override
      public <R> R readOwner(String ownerId, Function<OwnerCatalogView, R> reader) {
        count();
        return real.readOwner(ownerId, v -> reader.apply(new Owner(v, null)));
      }

      @Override
      public <R> R updateOwner(String ownerId, Function<OwnerCatalogTransaction, R> work) {
        count();
        return real.updateOwner(ownerId, tx -> work.apply(new Owner(tx, tx)));
      }
    };
  }

  @Override
  public UsageLedger ledger() {
    UsageLedger real = delegate.ledger();
    return ownerId -> {
      count();
      return new Ledger(real.owner(ownerId));
    };
  }

  /** A global view or transaction; {@code tx} is null for a read-only view. */
  private final class Global implements GlobalCatalogTransaction {
    private final GlobalCatalogView view;
    private final GlobalCatalogTransaction tx;

    Global(GlobalCatalogView view, GlobalCatalogTransaction tx) {
      this.view = view;
      this.tx = tx;
    }

    @Override
    public long version() {
      count();
      return view.version();
    }

    @Override
    public EntityType entityType(String id) {
      count();
      return view.entityType(id);
    }

    @Override
    public String attributionKeyOwner(String key) {
      count();
      return view.attributionKeyOwner(key);
    }

    @Override
    public List<EntityType> entityTypes(String afterId, int limit) {
      count();
      List<EntityType> page = view.entityTypes(afterId, limit);
      count(page.size());
      return page;
    }

    @Override
    public Capability capability(String id) {
      count();
      return view.capability(id);
    }

    @Override
    public List<Capability> capabilities(String afterId, int limit) {
      count();
      List<Capability> page = view.capabilities(afterId, limit);
      count(page.size());
      return page;
    }

    @Override
    public void putEntityType(EntityType type) {
      count();
      tx.putEntityType(type);
    }

    @Override
    public void putCapability(Capability capability) {
      count();
      tx.putCapability(capability);
    }
  }

  /** An owner view or transaction; {@code tx} is null for a read-only view. */
  private final class Owner implements OwnerCatalogTransaction {
    private final OwnerCatalogView view;
    private final OwnerCatalogTransaction tx;

    Owner(OwnerCatalogView view, OwnerCatalogTransaction tx) {
      this.view = view;
      this.tx = tx;
    }

    @Override
    public String ownerId() {
      return view.ownerId();
    }

    @Override
    public long version() {
      count();
      return view.version();
    }

    @Override
    public Entity entity(String id) {
      count();
      return view.entity(id);
    }

    @Override
    public int childCount(String entityId) {
      count();
      return view.childCount(entityId);
    }

    @Override
    public List<StoredAssignment> assignmentsOf(String entityId) {
      count();
      List<StoredAssignment> list = view.assignmentsOf(entityId);
      count(list.size());
      return list;
    }

    @Override
    public StoredAssignment assignment(UUID id) {
      count();
      return view.assignment(id);
    }

    @Override
    public StoredAssignment assignment(AssignmentKey key) {
      count();
      return view.assignment(key);
    }

    @Override
    public List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit) {
      count();
      List<Entity> page = view.entities(typeId, includeArchived, afterId, limit);
      count(page.size());
      return page;
    }

    @Override
    public List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit) {
      count();
      List<StoredAssignment> page = view.assignments(entityId, capabilityId, after, limit);
      count(page.size());
      return page;
    }

    @Override
    public void forEachEntity(Consumer<Entity> action) {
      count();
      view.forEachEntity(e -> {
        count();
        action.accept(e);
      });
    }

    @Override
    public void forEachAssignment(Consumer<StoredAssignment> action) {
      count();
      view.forEachAssignment(a -> {
        count();
        action.accept(a);
      });
    }

    @Override
    public void putEntity(Entity entity) {
      count();
      tx.putEntity(entity);
    }

    @Override
    public void putAssignment(StoredAssignment assignment) {
      count();
      tx.putAssignment(assignment);
    }

    @Override
    public void removeAssignment(UUID id) {
      count();
      tx.removeAssignment(id);
    }

    @Override
    public void carryUsage(UUID assignmentId, long oldPeriodStart, long newPeriodStart) {
      count();
      tx.carryUsage(assignmentId, oldPeriodStart, newPeriodStart);
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
    public long catalogVersion() {
      count();
      return real.catalogVersion();
    }

    @Override
    public LedgerCounter counter(UUID assignmentId) {
      count();
      return real.counter(assignmentId);
    }

    @Override
    public LedgerStatus read(BudgetSet budgets, long nowMillis, long[] usageOut) {
      count(1 + budgets.size());
      return real.read(budgets, nowMillis, usageOut);
    }

    @Override
    public LedgerStatus check(BudgetSet budgets, long nowMillis, long amount) {
      count(1 + budgets.size());
      return real.check(budgets, nowMillis, amount);
    }

    @Override
    public LedgerStatus checkRecorded(BudgetSet budgets, long amount) {
      count(1 + budgets.size());
      return real.checkRecorded(budgets, amount);
    }

    @Override
    public void readEach(BudgetSet budgets, long nowMillis, long[] usageOut) {
      count(1 + budgets.size());
      real.readEach(budgets, nowMillis, usageOut);
    }

    @Override
    public LedgerStatus consume(BudgetSet budgets, long nowMillis, long amount, String idempotencyKey, long[] usageOut) {
      count(1 + budgets.size());
      return real.consume(budgets, nowMillis, amount, idempotencyKey, usageOut);
    }

    @Override
    public LedgerStatus ingest(IngestBatch batch, long nowMillis) {
      long n = 1;
      for (int e = 0; e < batch.size(); e++) {
        n += 1 + batch.budgets(e).size();
      }
      count(n);
      return real.ingest(batch, nowMillis);
    }
  }
}
