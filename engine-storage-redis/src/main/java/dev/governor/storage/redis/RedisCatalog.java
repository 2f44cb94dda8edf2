package dev.governor.storage.redis;

import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import dev.governor.spi.UsageCarry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The catalog in Redis. A snapshot is one script call that answers the version alone when the
 * caller's cached snapshot is current, or everything at once (one atomic read, so a snapshot never
 * mixes two versions); a commit is one script call that checks the expected version and applies the
 * whole change set, so a batch is all-or-nothing across every engine of the fleet. Thread-safe.
 */
final class RedisCatalog implements CatalogStore {
  private static final int RECENT_OWNERS = 1024;

  private final Script script;
  private final Keys keys;
  private final GlobalMirror mirror;
  private final AtomicReference<RedisGlobalSnapshot> lastGlobal = new AtomicReference<>();
  /**
   * The latest snapshot read of recently used owners: a caller without a cached snapshot (an
   * engine that has not planned for the owner yet) still gets the one-field answer when nothing
   * changed, instead of a full read and decode. Bounded; least recently used owners go first.
   */
  private final Map<String, OwnerSnapshot> recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, OwnerSnapshot> eldest) {
      return size() > RECENT_OWNERS;
    }
  });

  RedisCatalog(Script script, Keys keys, GlobalMirror mirror) {
    this.script = script;
    this.keys = keys;
    this.mirror = mirror;
  }

  @Override
  public GlobalSnapshot global() {
    RedisGlobalSnapshot cached = lastGlobal.get();
    List<Object> reply = script.call(new String[] {keys.globalMeta, keys.entityTypes, keys.capabilities},
        new String[] {"globalSnapshot", cached == null ? "" : Long.toString(cached.version())});
    long version = (Long) reply.get(0);
    if (reply.size() == 1) {
      return cached;
    }
    RedisGlobalSnapshot fresh = new RedisGlobalSnapshot(version, (List<?>) reply.get(1), (List<?>) reply.get(2));
    lastGlobal.accumulateAndGet(fresh, (old, next) -> old == null || next.version() > old.version() ? next : old);
    return fresh;
  }

  @Override
  public OwnerSnapshot owner(String ownerId, OwnerSnapshot given) {
    OwnerSnapshot mine = recent.get(ownerId);
    OwnerSnapshot cached = given == null || (mine != null && mine.version() > given.version()) ? mine : given;
    Keys.OwnerKeys k = keys.owner(ownerId);
    List<Object> reply = script.call(new String[] {k.meta, k.entities, k.assignments},
        new String[] {"ownerSnapshot", cached == null ? "" : Long.toString(cached.version())});
    long version = (Long) reply.get(0);
    if (reply.size() == 1) {
      if (cached != null) {
        return cached;
      }
      RedisOwnerSnapshot empty = RedisOwnerSnapshot.empty(ownerId);
      recent.putIfAbsent(ownerId, empty);
      return empty;
    }
    OwnerSnapshot fresh = RedisOwnerSnapshot.decode(ownerId, version, (List<?>) reply.get(1), (List<?>) reply.get(2));
    recent.merge(ownerId, fresh, (old, next) -> next.version() > old.version() ? next : old);
    return fresh;
  }

  @Override
  public CommitResult commitGlobal(long expectedVersion, GlobalChanges changes) {
    Args args = new Args("commitGlobal", 4 + 2 * (changes.entityTypes().size() + changes.capabilities().size()));
    args.exact("expected version", expectedVersion).add(changes.entityTypes().size());
    for (EntityType t : changes.entityTypes()) {
      args.add(Escapes.text(t.id())).add(Records.entityType(t)).add(t.attributionKeys().size());
      t.attributionKeys().forEach(key -> args.add(Escapes.text(key)));
    }
    args.add(changes.capabilities().size());
    for (Capability c : changes.capabilities()) {
      args.add(Escapes.text(c.id())).add(Records.capability(c));
    }
    CommitResult result = result(script.call(
        new String[] {keys.globalMeta, keys.entityTypes, keys.capabilities, keys.attributionKeys, keys.typeKeys}, args.toArray()));
    if (result.committed()) {
      mirror.spread(result.version());
    }
    return result;
  }

  @Override
  public List<String> owners(String afterId, int limit) {
    return ownerIds("owners", afterId, limit);
  }

  @Override
  public List<String> ownersBefore(String beforeId, int limit) {
    return ownerIds("ownersBefore", beforeId, limit);
  }

  /** One page of the owner registry: {@code operation} reads it forward or backward from {@code id}. */
  private List<String> ownerIds(String operation, String id, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000: " + limit);
    }
    List<Object> ids = script.call(new String[] {keys.owners}, new String[] {operation, id == null ? "" : id, Integer.toString(limit)});
    List<String> out = new ArrayList<>(ids.size());
    for (Object member : ids) {
      out.add((String) member);
    }
    return out;
  }

  @Override
  public CommitResult commitOwner(String ownerId, long expectedVersion, OwnerChanges changes) {
    if (expectedVersion == 0L) {
      // Registered before its first commit, so the registry always lists every owner with data
      // (a failure in between leaves a registered owner without data, which is harmless).
      script.call(new String[] {keys.owners}, new String[] {"register", ownerId});
      mirror.reach(ownerId);
    }
    Keys.OwnerKeys k = keys.owner(ownerId);
    int items = changes.entities().size() + changes.assignments().size() + changes.removedAssignments().size()
        + changes.carries().size();
    Args args = new Args("commitOwner", 8 + 4 * items);
    args.exact("expected version", expectedVersion).add(changes.entities().size());
    for (Entity e : changes.entities()) {
      args.add(Escapes.text(e.id())).add(Records.entity(e)).add(e.parentId() == null ? "" : Escapes.text(e.parentId()));
    }
    args.add(changes.assignments().size());
    for (StoredAssignment a : changes.assignments()) {
      args.add(a.id().toString()).add(Records.assignment(a)).add(Escapes.text(a.entityId())).add(Records.naturalKey(a));
    }
    args.add(changes.removedAssignments().size());
    for (UUID id : changes.removedAssignments()) {
      args.add(id.toString());
    }
    args.add(changes.carries().size());
    for (UsageCarry c : changes.carries()) {
      args.add(c.assignmentId().toString()).exact("old period start", c.oldPeriodStart()).exact("new period start", c.newPeriodStart());
    }
    CommitResult result =
        result(script.call(new String[] {k.meta, k.entities, k.assignments, k.counters, k.naturalKeys, k.assignmentKeys}, args.toArray()));
    OwnerSnapshot base = recent.get(ownerId);
    if (result.committed() && result.version() == expectedVersion + 1 && base instanceof RedisOwnerSnapshot known
        && known.version() == expectedVersion) {
      // The engine refreshes right after its commit: let it find the new version here, not in a full read.
      recent.merge(ownerId, known.next(result.version(), changes), (old, next) -> next.version() > old.version() ? next : old);
    }
    return result;
  }

  private static CommitResult result(List<Object> reply) {
    long version = (Long) reply.get(1);
    return (Long) reply.get(0) == 1L ? CommitResult.committed(version) : CommitResult.conflict(version);
  }
}
