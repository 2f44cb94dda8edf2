package dev.governor.internal;

import dev.governor.AssignmentCatalog;
import dev.governor.NotFoundException;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.Entity;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** {@link AssignmentCatalog} of one owner over the catalog store. Thread-safe. */
final class AssignmentService implements AssignmentCatalog {
  static final int MAX_SCOPE = 100;
  static final Instant MIN_ANCHOR = Instant.parse("1900-01-01T00:00:00Z");
  static final Instant MAX_ANCHOR = Instant.parse("9999-12-31T23:59:59.999Z");

  private final EngineContext ctx;
  private final String ownerId;

  AssignmentService(EngineContext ctx, String ownerId) {
    this.ctx = ctx;
    this.ownerId = Ids.requireOwner(ownerId);
  }

  @Override
  public String ownerId() {
    return ownerId;
  }

  @Override
  public List<Assignment> upsert(List<AssignmentUpsert> assignments) {
    Batches.require("assignments", assignments);
    return Commits.owner(ctx, ownerId, tx -> {
      Instant now = ctx.now();
      List<StoredAssignment> stored = new ArrayList<>(assignments.size());
      for (int i = 0; i < assignments.size(); i++) {
        stored.add(upsertOne(tx, i, assignments.get(i), now));
      }
      // Parents may change later in the batch, so every row shows its entity's final parent.
      List<Assignment> out = new ArrayList<>(stored.size());
      for (StoredAssignment a : stored) {
        out.add(a.toAssignment(tx.entity(a.entityId()).parentId()));
      }
      return out;
    });
  }

  private StoredAssignment upsertOne(OwnerDraft tx, int i, AssignmentUpsert item, Instant now) {
    String entityId = Ids.require(i, "entityId", item.entityId());
    Entity entity = tx.entity(entityId);
    if (entity == null) {
      throw new NotFoundException(i, "entityId", "entity", entityId);
    }
    Ids.require(i, "capabilityId", item.capabilityId());
    dev.governor.catalog.Capability capability = ctx.capability(item.capabilityId());
    if (capability == null) {
      throw new NotFoundException(i, "capabilityId", "capability", item.capabilityId());
    }
    // Stored rows reference the catalog's own id instances, not the caller's copies.
    entityId = entity.id();
    String capabilityId = capability.id();
    Set<String> scope = scope(tx, i, item.scopeEntityIds());
    StoredAssignment existing = tx.assignment(new AssignmentKey(entityId, capabilityId, scope));

    Long limit = existing == null ? null : existing.usageLimit();
    if (item.usageLimit().isSet()) {
      limit = item.usageLimit().value();
      if (limit != null && limit < 0) {
        throw new ValidationException(i, "usageLimit", limit, "must be at least 0 (use unlimited() for no limit)");
      }
    } else if (existing == null) {
      throw ValidationException.missing(i, "usageLimit");
    }
    Cadence cadence = existing == null ? null : existing.cadence();
    if (item.cadence().isSet()) {
      cadence = Cadence.parse(i, "cadence", item.cadence().value());
    } else if (existing == null) {
      throw ValidationException.missing(i, "cadence");
    }
    Instant anchor = existing == null ? null : existing.anchor();
    if (item.anchor().isSet()) {
      anchor = anchor(i, item.anchor().value());
    }
    Long soft = existing == null ? null : existing.softLimit();
    if (item.softLimit().isSet()) {
      soft = AssignmentOptions.softLimit(i, item.softLimit().value());
    }
    List<Double> thresholds = existing == null ? List.of() : existing.alertThresholds();
    if (item.alertThresholds().isSet()) {
      thresholds = AssignmentOptions.alertThresholds(i, item.alertThresholds().value());
    }
    AssignmentOptions.requireLimitForThresholds(i, limit, thresholds);
    ZoneId zone = existing == null ? null : existing.timeZone();
    if (item.timeZone().isSet()) {
      zone = AssignmentOptions.timeZone(i, item.timeZone().value());
    }

    String parentId = Hierarchy.resolveParent(tx, i, entityId, entity.parentId(), item.parentId(), ctx.maxDepth);
    if (!Objects.equals(parentId, entity.parentId())) {
      tx.putEntity(new Entity(entity.id(), entity.typeId(), entity.displayName(), entity.metadata(), parentId,
          entity.archivedAt(), entity.createdAt(), now));
    }

    if (existing == null) {
      StoredAssignment created = new StoredAssignment(UUID.randomUUID(), entityId, capabilityId, scope, limit, soft,
          thresholds, cadence, anchor, zone, now, now);
      tx.putAssignment(created);
      return created;
    }
    StoredAssignment same = new StoredAssignment(existing.id(), entityId, capabilityId, scope, limit, soft, thresholds,
        cadence, anchor, zone, existing.createdAt(), existing.updatedAt());
    if (same.equals(existing)) {
      return existing;
    }
    StoredAssignment changed = new StoredAssignment(existing.id(), entityId, capabilityId, scope, limit, soft, thresholds,
        cadence, anchor, zone, existing.createdAt(), now);
    tx.putAssignment(changed);
    if (!cadence.equals(existing.cadence()) || !Objects.equals(anchor, existing.anchor())
        || !Objects.equals(zone, existing.timeZone())) {
      long t = now.toEpochMilli();
      tx.carryUsage(existing.id(), Periods.start(existing.cadence(), anchorMillis(existing.anchor()), existing.timeZone(), t),
          Periods.start(cadence, anchorMillis(anchor), zone, t));
    }
    return changed;
  }

  private static Set<String> scope(OwnerDraft view, int index, List<String> ids) {
    if (ids.size() > MAX_SCOPE) {
      throw ValidationException.of(index, "scopeEntityIds", "must hold at most " + MAX_SCOPE + " ids, had " + ids.size());
    }
    TreeSet<String> scope = new TreeSet<>();
    for (int j = 0; j < ids.size(); j++) {
      String field = "scopeEntityIds[" + j + "]";
      String id = Ids.require(index, field, ids.get(j));
      if (view.entity(id) == null) {
        throw new NotFoundException(index, field, "entity", id);
      }
      scope.add(id);
    }
    return scope;
  }

  private static Instant anchor(int index, Instant anchor) {
    if (anchor == null) {
      return null;
    }
    // Truncate first: an instant inside the last millisecond of year 9999 is in range.
    Instant millis = anchor.truncatedTo(ChronoUnit.MILLIS);
    if (millis.isBefore(MIN_ANCHOR) || millis.isAfter(MAX_ANCHOR)) {
      throw new ValidationException(index, "anchor", anchor, "must lie between " + MIN_ANCHOR + " and " + MAX_ANCHOR);
    }
    return millis;
  }

  private static long anchorMillis(Instant anchor) {
    return anchor == null ? Periods.NO_ANCHOR : anchor.toEpochMilli();
  }

  private static Assignment withParent(OwnerSnapshot view, StoredAssignment a) {
    if (a == null) {
      return null;
    }
    Entity e = view.entity(a.entityId());
    return a.toAssignment(e == null ? null : e.parentId());
  }

  private static Assignment withParent(OwnerDraft draft, StoredAssignment a) {
    Entity e = draft.entity(a.entityId());
    return a.toAssignment(e == null ? null : e.parentId());
  }

  @Override
  public Optional<Assignment> get(UUID id) {
    if (id == null) {
      throw ValidationException.of(-1, "id", "must not be null");
    }
    OwnerSnapshot v = ctx.owners.snapshot(ownerId);
    return Optional.ofNullable(withParent(v, v.assignment(id)));
  }

  @Override
  public Optional<Assignment> get(AssignmentKey key) {
    AssignmentKey k = validKey(-1, key);
    OwnerSnapshot v = ctx.owners.snapshot(ownerId);
    return Optional.ofNullable(withParent(v, v.assignment(k)));
  }

  private static AssignmentKey validKey(int index, AssignmentKey key) {
    if (key == null) {
      throw ValidationException.of(index, "key", "must not be null");
    }
    Ids.require(index, "entityId", key.entityId());
    Ids.require(index, "capabilityId", key.capabilityId());
    int j = 0;
    for (String id : key.scopeEntityIds()) {
      Ids.require(index, "scopeEntityIds[" + j++ + "]", id);
    }
    return key;
  }

  @Override
  public Page<Assignment> list(AssignmentFilter filter, PageRequest page) {
    if (filter == null) {
      throw ValidationException.of(-1, "filter", "must not be null");
    }
    if (filter.entityId() != null) {
      Ids.require("entityId", filter.entityId());
    }
    if (filter.capabilityId() != null) {
      Ids.require("capabilityId", filter.capabilityId());
    }
    int limit = Cursors.limit(page);
    List<String> context = Arrays.asList("assignments", ownerId, filter.entityId(), filter.capabilityId());
    Cursors.Position at = Cursors.position(page, context);
    AssignmentKey key = null;
    if (at != null) {
      List<String> parts = at.parts();
      if (parts.size() < 2) {
        throw new ValidationException(at.backward() ? "before" : "after", at.backward() ? page.before() : page.after(),
            "is not a cursor returned by this list");
      }
      key = new AssignmentKey(parts.get(0), parts.get(1), new TreeSet<>(parts.subList(2, parts.size())));
    }
    OwnerSnapshot v = ctx.owners.snapshot(ownerId);
    List<Assignment> rows = new ArrayList<>();
    List<StoredAssignment> stored = at != null && at.backward()
        ? v.assignmentsBefore(filter.entityId(), filter.capabilityId(), key, limit + 1)
        : v.assignments(filter.entityId(), filter.capabilityId(), key, limit + 1);
    for (StoredAssignment a : stored) {
      rows.add(withParent(v, a));
    }
    return Paging.page(rows, limit, at, a -> {
      List<String> pos = new ArrayList<>();
      pos.add(a.entityId());
      pos.add(a.capabilityId());
      pos.addAll(a.scopeEntityIds());
      return Cursors.encode(context, pos);
    });
  }

  @Override
  public List<Assignment> delete(List<UUID> ids) {
    Batches.require("ids", ids);
    return Commits.owner(ctx, ownerId, tx -> {
      List<Assignment> out = new ArrayList<>();
      for (UUID id : ids) {
        StoredAssignment removed = tx.assignment(id);
        if (removed != null) {
          out.add(withParent(tx, removed));
          tx.removeAssignment(id);
        }
      }
      return out;
    });
  }

  @Override
  public List<Assignment> deleteByKey(List<AssignmentKey> keys) {
    Batches.require("keys", keys);
    for (int i = 0; i < keys.size(); i++) {
      validKey(i, keys.get(i));
    }
    return Commits.owner(ctx, ownerId, tx -> {
      List<Assignment> out = new ArrayList<>();
      for (AssignmentKey key : keys) {
        StoredAssignment a = tx.assignment(key);
        if (a != null) {
          out.add(withParent(tx, a));
          tx.removeAssignment(a.id());
        }
      }
      return out;
    });
  }
}
