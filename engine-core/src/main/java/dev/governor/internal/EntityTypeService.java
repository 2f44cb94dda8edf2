package dev.governor.internal;

import dev.governor.ConflictException;
import dev.governor.EntityTypeCatalog;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.EntityType;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.spi.GlobalSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** {@link EntityTypeCatalog} over the catalog store. Thread-safe (commits are optimistic, see {@link Commits}). */
final class EntityTypeService implements EntityTypeCatalog {
  private static final List<String> CURSOR_CONTEXT = List.of("entity-types");

  private final EngineContext ctx;

  EntityTypeService(EngineContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public List<EntityType> upsert(List<EntityTypeUpsert> types) {
    Batches.require("types", types);
    return Commits.global(ctx, tx -> {
        Instant now = ctx.now();
        List<EntityType> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
          EntityTypeUpsert item = types.get(i);
          String id = Ids.require(i, "id", item.id());
          EntityType existing = tx.entityType(id);
          String name = existing == null ? null : existing.displayName();
          if (item.displayName().isSet()) {
            name = Texts.displayName(i, "displayName", item.displayName().value());
          } else if (existing == null) {
            throw ValidationException.missing(i, "displayName");
          }
          List<String> keys = existing == null ? List.of() : existing.attributionKeys();
          if (item.attributionKeys().isSet()) {
            keys = attributionKeys(i, item.attributionKeys().value());
          }
          for (String key : keys) {
            String owner = tx.attributionKeyOwner(key);
            if (owner != null && !owner.equals(id)) {
              throw new ConflictException(i, "attributionKeys", key, ConflictException.Reason.ATTRIBUTION_KEY_OWNED,
                  "already belongs to entity type " + owner + "; a key names instances of one type only");
            }
          }
          EntityType next = existing == null
              ? new EntityType(id, name, keys, now, now)
              : new EntityType(id, name, keys, existing.createdAt(), existing.updatedAt());
          if (existing != null && !next.equals(existing)) {
            next = new EntityType(id, name, keys, existing.createdAt(), now);
          }
          if (!next.equals(existing)) {
            tx.putEntityType(next);
          }
          out.add(next);
        }
        return out;
      });
  }

  private static List<String> attributionKeys(int index, List<String> keys) {
    if (keys == null) {
      throw ValidationException.of(index, "attributionKeys", "must not be null (send an empty list for none)");
    }
    if (keys.size() > Batches.MAX_CATALOG_BATCH) {
      throw ValidationException.of(index, "attributionKeys", "must hold at most 100 keys, had " + keys.size());
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (int j = 0; j < keys.size(); j++) {
      sorted.add(Ids.require(index, "attributionKeys[" + j + "]", keys.get(j)));
    }
    return List.copyOf(sorted);
  }

  @Override
  public Optional<EntityType> get(String id) {
    Ids.require("id", id);
    return Optional.ofNullable(ctx.refreshGlobal().entityType(id));
  }

  @Override
  public Page<EntityType> list(PageRequest page) {
    int limit = Cursors.limit(page);
    Cursors.Position at = Cursors.position(page, CURSOR_CONTEXT);
    String id = at == null ? null : at.parts().get(0);
    GlobalSnapshot g = ctx.refreshGlobal();
    List<EntityType> rows = at != null && at.backward() ? g.entityTypesBefore(id, limit + 1) : g.entityTypes(id, limit + 1);
    return Paging.page(rows, limit, at, t -> Cursors.encode(CURSOR_CONTEXT, List.of(t.id())));
  }
}
