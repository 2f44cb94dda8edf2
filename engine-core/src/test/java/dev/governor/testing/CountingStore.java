package dev.governor.testing;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Wraps any {@link GovernanceStore} and counts the engine's work against it: every catalog call,
 * every read of a snapshot it handed out (plus one per item a read returns or iterates), and every
 * ledger call plus one per budget or event it carries. The count is deterministic for a given
 * request and catalog, so tests can compare the work of inputs of different sizes without timing
 * anything. Separately it counts round trips: catalog calls and ledger operations. Thread-safe.
 */
public final class CountingStore extends ForwardingStore {
  private final AtomicLong work = new AtomicLong();
  private final AtomicLong catalogCalls = new AtomicLong();
  private final AtomicLong ledgerOperations = new AtomicLong();

  public CountingStore(GovernanceStore delegate) {
    super(delegate);
  }

  /** The work counted so far. */
  public long work() {
    return work.get();
  }

  /** Catalog round trips so far (snapshot reads and commits). */
  public long catalogCalls() {
    return catalogCalls.get();
  }

  /** Ledger operations so far (read, check, readEach, consume, ingest; not handle lookups). */
  public long ledgerOperations() {
    return ledgerOperations.get();
  }

  private void count() {
    work.incrementAndGet();
  }

  private void count(long n) {
    work.addAndGet(n);
  }

  @Override
  protected void beforeCatalogCall(String operation, String ownerId) {
    catalogCalls.incrementAndGet();
    count();
  }

  @Override
  protected void beforeLedgerCall(String operation, String ownerId, int inputs) {
    if (!operation.equals("owner")) {
      ledgerOperations.incrementAndGet();
    }
    count(1L + inputs);
  }

  @Override
  protected OwnerSnapshot snapshot(OwnerSnapshot snapshot) {
    return new Owner(snapshot);
  }

  @Override
  protected GlobalSnapshot snapshot(GlobalSnapshot snapshot) {
    return new Global(snapshot);
  }

  private final class Global implements GlobalSnapshot {
    private final GlobalSnapshot view;

    Global(GlobalSnapshot view) {
      this.view = view;
    }

    @Override
    public long version() {
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
      List<EntityType> page = view.entityTypes(afterId, limit);
      count(1L + page.size());
      return page;
    }

    @Override
    public List<EntityType> entityTypesBefore(String beforeId, int limit) {
      List<EntityType> page = view.entityTypesBefore(beforeId, limit);
      count(1L + page.size());
      return page;
    }

    @Override
    public Capability capability(String id) {
      count();
      return view.capability(id);
    }

    @Override
    public List<Capability> capabilities(String afterId, int limit) {
      List<Capability> page = view.capabilities(afterId, limit);
      count(1L + page.size());
      return page;
    }

    @Override
    public List<Capability> capabilitiesBefore(String beforeId, int limit) {
      List<Capability> page = view.capabilitiesBefore(beforeId, limit);
      count(1L + page.size());
      return page;
    }
  }

  private final class Owner implements OwnerSnapshot {
    private final OwnerSnapshot view;

    Owner(OwnerSnapshot view) {
      this.view = view;
    }

    @Override
    public String ownerId() {
      return view.ownerId();
    }

    @Override
    public long version() {
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
      List<StoredAssignment> list = view.assignmentsOf(entityId);
      count(1L + list.size());
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
    public LedgerCounter counter(UUID assignmentId) {
      count();
      return view.counter(assignmentId);
    }

    @Override
    public List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit) {
      List<Entity> page = view.entities(typeId, includeArchived, afterId, limit);
      count(1L + page.size());
      return page;
    }

    @Override
    public List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit) {
      List<StoredAssignment> page = view.assignments(entityId, capabilityId, after, limit);
      count(1L + page.size());
      return page;
    }

    @Override
    public List<Entity> entitiesBefore(String typeId, boolean includeArchived, String beforeId, int limit) {
      List<Entity> page = view.entitiesBefore(typeId, includeArchived, beforeId, limit);
      count(1L + page.size());
      return page;
    }

    @Override
    public List<StoredAssignment> assignmentsBefore(String entityId, String capabilityId, AssignmentKey before,
        int limit) {
      List<StoredAssignment> page = view.assignmentsBefore(entityId, capabilityId, before, limit);
      count(1L + page.size());
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
  }
}
