package dev.governor.conformance.catalog;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.GlobalCatalogTransaction;
import dev.governor.spi.GlobalCatalogView;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.OwnerCatalogTransaction;
import dev.governor.spi.OwnerCatalogView;
import dev.governor.spi.StoreContext;
import dev.governor.spi.StoredAssignment;
import dev.governor.spi.UsageLedger;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Wraps a store so a test can make its catalog fail the way a remote store does: every call while
 * {@link #down} is set, or the n-th write inside an update (after earlier writes of the same update
 * went through). Failures are {@link IllegalStateException}s, remembered in {@link #lastFailure}.
 */
final class FailingStore implements GovernanceStore {
  private final GovernanceStore delegate;
  private final CatalogStore catalog;
  /** When set, every catalog call throws before reaching the store. */
  volatile boolean down;
  /** When positive, the n-th write of each update throws. */
  volatile int failOnWrite;
  volatile RuntimeException lastFailure;

  FailingStore(GovernanceStore delegate) {
    this.delegate = delegate;
    this.catalog = new Catalog(delegate.catalog());
  }

  void recover() {
    down = false;
    failOnWrite = 0;
  }

  private RuntimeException fail(String what) {
    RuntimeException e = new IllegalStateException("simulated store failure during " + what);
    lastFailure = e;
    return e;
  }

  private void checkUp(String what) {
    if (down) {
      throw fail(what);
    }
  }

  @Override
  public void open(StoreContext context) {
    delegate.open(context);
  }

  @Override
  public CatalogStore catalog() {
    return catalog;
  }

  @Override
  public UsageLedger ledger() {
    return delegate.ledger();
  }

  private final class Catalog implements CatalogStore {
    private final CatalogStore store;

    Catalog(CatalogStore store) {
      this.store = store;
    }

    @Override
    public <R> R readGlobal(Function<GlobalCatalogView, R> reader) {
      checkUp("readGlobal");
      return store.readGlobal(reader);
    }

    @Override
    public <R> R updateGlobal(Function<GlobalCatalogTransaction, R> work) {
      checkUp("updateGlobal");
      AtomicInteger writes = new AtomicInteger();
      return store.updateGlobal(tx -> work.apply(new GlobalTx(tx, writes)));
    }

    @Override
    public <R> R readOwner(String ownerId, Function<OwnerCatalogView, R> reader) {
      checkUp("readOwner");
      return store.readOwner(ownerId, reader);
    }

    @Override
    public <R> R updateOwner(String ownerId, Function<OwnerCatalogTransaction, R> work) {
      checkUp("updateOwner");
      AtomicInteger writes = new AtomicInteger();
      return store.updateOwner(ownerId, tx -> work.apply(new OwnerTx(tx, writes)));
    }
  }

  private void beforeWrite(AtomicInteger writes, String what) {
    int n = failOnWrite;
    if (n > 0 && writes.incrementAndGet() == n) {
      throw fail(what);
    }
  }

  private final class GlobalTx implements GlobalCatalogTransaction {
    private final GlobalCatalogTransaction tx;
    private final AtomicInteger writes;

    GlobalTx(GlobalCatalogTransaction tx, AtomicInteger writes) {
      this.tx = tx;
      this.writes = writes;
    }

    @Override
    public void putEntityType(EntityType type) {
      beforeWrite(writes, "putEntityType");
      tx.putEntityType(type);
    }

    @Override
    public void putCapability(Capability capability) {
      beforeWrite(writes, "putCapability");
      tx.putCapability(capability);
    }

    @Override
    public long version() {
      return tx.version();
    }

    @Override
    public EntityType entityType(String id) {
      return tx.entityType(id);
    }

    @Override
    public String attributionKeyOwner(String key) {
      return tx.attributionKeyOwner(key);
    }

    @Override
    public List<EntityType> entityTypes(String afterId, int limit) {
      return tx.entityTypes(afterId, limit);
    }

    @Override
    public Capability capability(String id) {
      return tx.capability(id);
    }

    @Override
    public List<Capability> capabilities(String afterId, int limit) {
      return tx.capabilities(afterId, limit);
    }
  }

  private final class OwnerTx implements OwnerCatalogTransaction {
    private final OwnerCatalogTransaction tx;
    private final AtomicInteger writes;

    OwnerTx(OwnerCatalogTransaction tx, AtomicInteger writes) {
      this.tx = tx;
      this.writes = writes;
    }

    @Override
    public void putEntity(Entity entity) {
      beforeWrite(writes, "putEntity");
      tx.putEntity(entity);
    }

    @Override
    public void putAssignment(StoredAssignment assignment) {
      beforeWrite(writes, "putAssignment");
      tx.putAssignment(assignment);
    }

    @Override
    public void removeAssignment(UUID id) {
      beforeWrite(writes, "removeAssignment");
      tx.removeAssignment(id);
    }

    @Override
    public void carryUsage(UUID assignmentId, long oldPeriodStart, long newPeriodStart) {
      beforeWrite(writes, "carryUsage");
      tx.carryUsage(assignmentId, oldPeriodStart, newPeriodStart);
    }

    @Override
    public String ownerId() {
      return tx.ownerId();
    }

    @Override
    public long version() {
      return tx.version();
    }

    @Override
    public Entity entity(String id) {
      return tx.entity(id);
    }

    @Override
    public int childCount(String entityId) {
      return tx.childCount(entityId);
    }

    @Override
    public List<StoredAssignment> assignmentsOf(String entityId) {
      return tx.assignmentsOf(entityId);
    }

    @Override
    public StoredAssignment assignment(UUID id) {
      return tx.assignment(id);
    }

    @Override
    public StoredAssignment assignment(AssignmentKey key) {
      return tx.assignment(key);
    }

    @Override
    public List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit) {
      return tx.entities(typeId, includeArchived, afterId, limit);
    }

    @Override
    public List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit) {
      return tx.assignments(entityId, capabilityId, after, limit);
    }

    @Override
    public void forEachEntity(Consumer<Entity> action) {
      tx.forEachEntity(action);
    }

    @Override
    public void forEachAssignment(Consumer<StoredAssignment> action) {
      tx.forEachAssignment(action);
    }
  }
}
