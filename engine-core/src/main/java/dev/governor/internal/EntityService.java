package dev.governor.internal;

import dev.governor.ConflictException;
import dev.governor.EntityCatalog;
import dev.governor.NotFoundException;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.OwnerSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link EntityCatalog} of one owner over the catalog store. Thread-safe. */
final class EntityService implements EntityCatalog {
  private final EngineContext ctx;
  private final String ownerId;

  EntityService(EngineContext ctx, String ownerId) {
    this.ctx = ctx;
    this.ownerId = Ids.requireOwner(ownerId);
  }

  @Override
  public String ownerId() {
    return ownerId;
  }

  @Override
  public List<Entity> upsert(List<EntityUpsert> entities) {
    Batches.require("entities", entities);
    return Commits.owner(ctx, ownerId, tx -> {
      Instant now = ctx.now();
      List<Entity> out = new ArrayList<>(entities.size());
      for (int i = 0; i < entities.size(); i++) {
        out.add(upsertOne(tx, i, entities.get(i), now));
      }
      return out;
    });
  }

  private Entity upsertOne(OwnerDraft tx, int i, EntityUpsert item, Instant now) {
    String id = Ids.require(i, "id", item.id());
    Entity existing = tx.entity(id);
    String typeId;
    if (item.typeId().isSet()) {
      typeId = Ids.require(i, "typeId", item.typeId().value());
      if (existing != null && !existing.typeId().equals(typeId)) {
        throw new ConflictException(i, "typeId", typeId, ConflictException.Reason.TYPE_CHANGE,
            "differs from the stored type " + existing.typeId() + "; an entity's type is fixed at creation");
      }
      if (existing == null) {
        dev.governor.catalog.EntityType type = ctx.entityType(typeId);
        if (type == null) {
          throw new NotFoundException(i, "typeId", "entity type", typeId);
        }
        typeId = type.id();
      }
    } else if (existing == null) {
      throw ValidationException.missing(i, "typeId");
    } else {
      typeId = existing.typeId();
    }
    String displayName = existing == null ? null : existing.displayName();
    if (item.displayName().isSet()) {
      String name = item.displayName().value();
      displayName = name == null ? null : Texts.displayName(i, "displayName", name);
    }
    Map<String, String> metadata = existing == null ? Map.of() : existing.metadata();
    if (item.metadata().isSet()) {
      metadata = mergeMetadata(i, metadata, item.metadata().value());
    }
    String parentId = Hierarchy.resolveParent(tx, i, id, existing == null ? null : existing.parentId(),
        item.parentId(), ctx.maxDepth);
    if (existing == null) {
      Entity created = new Entity(id, typeId, displayName, metadata, parentId, null, now, now);
      tx.putEntity(created);
      return created;
    }
    Entity same = new Entity(id, typeId, displayName, metadata, parentId, existing.archivedAt(),
        existing.createdAt(), existing.updatedAt());
    if (same.equals(existing)) {
      return existing;
    }
    Entity changed = new Entity(id, typeId, displayName, metadata, parentId, existing.archivedAt(), existing.createdAt(), now);
    tx.putEntity(changed);
    return changed;
  }

  private static Map<String, String> mergeMetadata(int index, Map<String, String> stored, Map<String, String> patch) {
    if (patch == null) {
      throw ValidationException.of(index, "metadata", "must not be null (leave it out to keep the stored metadata)");
    }
    TreeMap<String, String> merged = new TreeMap<>(stored);
    for (Map.Entry<String, String> e : patch.entrySet()) {
      String key = Texts.metadataKey(index, e.getKey());
      String value = Texts.metadataValue(index, key, e.getValue());
      if (value.isEmpty()) {
        merged.remove(key);
      } else {
        merged.put(key, value);
      }
    }
    if (merged.size() > Texts.MAX_METADATA_ENTRIES) {
      throw ValidationException.of(index, "metadata", "would hold " + merged.size() + " keys; at most "
          + Texts.MAX_METADATA_ENTRIES + " are allowed");
    }
    return merged;
  }

  @Override
  public Optional<Entity> get(String id) {
    Ids.require("id", id);
    return Optional.ofNullable(ctx.owners.snapshot(ownerId).entity(id));
  }

  @Override
  public Page<Entity> list(EntityFilter filter, PageRequest page) {
    if (filter == null) {
      throw ValidationException.of(-1, "filter", "must not be null");
    }
    if (filter.typeId() != null) {
      Ids.require("typeId", filter.typeId());
    }
    int limit = Cursors.limit(page);
    List<String> context = Arrays.asList("entities", ownerId, filter.typeId(), String.valueOf(filter.includeArchived()));
    Cursors.Position at = Cursors.position(page, context);
    String id = at == null ? null : at.parts().get(0);
    OwnerSnapshot v = ctx.owners.snapshot(ownerId);
    List<Entity> rows = at != null && at.backward()
        ? v.entitiesBefore(filter.typeId(), filter.includeArchived(), id, limit + 1)
        : v.entities(filter.typeId(), filter.includeArchived(), id, limit + 1);
    return Paging.page(rows, limit, at, e -> Cursors.encode(context, List.of(e.id())));
  }

  @Override
  public List<Entity> archive(List<String> ids) {
    return setArchived(ids, true);
  }

  @Override
  public List<Entity> unarchive(List<String> ids) {
    return setArchived(ids, false);
  }

  private List<Entity> setArchived(List<String> ids, boolean archive) {
    Batches.require("ids", ids);
    return Commits.owner(ctx, ownerId, tx -> {
      Instant now = ctx.now();
      List<Entity> out = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        String id = Ids.require(i, "ids", ids.get(i));
        Entity e = tx.entity(id);
        if (e == null) {
          throw new NotFoundException(i, "ids", "entity", id);
        }
        if (e.isArchived() != archive) {
          e = new Entity(e.id(), e.typeId(), e.displayName(), e.metadata(), e.parentId(), archive ? now : null, e.createdAt(), now);
          tx.putEntity(e);
        }
        out.add(e);
      }
      return out;
    });
  }
}
