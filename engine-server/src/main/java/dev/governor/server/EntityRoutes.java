package dev.governor.server;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One owner's entities: {@code PUT|GET /owners/{ownerId}/entities},
 * {@code GET /owners/{ownerId}/entities/{id}}, {@code POST /owners/{ownerId}/entities/archive} and
 * {@code /unarchive} (204). An upsert takes {@code typeRefId} and answers with {@code typeId}, as
 * the seed shows; {@code parentId} is tri-state and {@code metadata} a merge patch whose
 * {@code ""} or {@code null} value deletes a key. Stateless and thread-safe.
 */
final class EntityRoutes {
  private static final int MAX_BATCH = 100;
  /** The engine names the type {@code typeId}; the upsert's wire field is {@code typeRefId}. */
  private static final Map<String, String> UPSERT_FIELDS = Map.of("typeId", "typeRefId");

  private final GovernanceEngine engine;

  EntityRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route("PUT", "/owners/{ownerId}/entities", this::upsert, false),
        new Route("GET", "/owners/{ownerId}/entities", this::list, false),
        new Route("GET", "/owners/{ownerId}/entities/{id}", this::get, false),
        new Route("POST", "/owners/{ownerId}/entities/archive", call -> archive(call, true), false),
        new Route("POST", "/owners/{ownerId}/entities/unarchive", call -> archive(call, false), false));
  }

  private Reply upsert(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    List<EntityUpsert> upserts = new ArrayList<>();
    for (Item item : call.body().allow("entities").items("entities", 1, MAX_BATCH)) {
      item.allow("id", "typeRefId", "displayName", "metadata", "parentId");
      String type = item.has("typeRefId") ? item.requiredString("typeRefId") : null;
      Map<String, String> metadata = item.stringMap("metadata");
      upserts.add(new EntityUpsert(item.requiredString("id"), type == null ? Patch.keep() : Patch.set(type),
          item.patchString("displayName"), metadata == null ? Patch.keep() : Patch.set(metadata), item.patchString("parentId")));
    }
    try {
      return Reply.ok(Wire.array(engine.entities(ownerId).upsert(upserts), Wire::entity));
    } catch (RuntimeException e) {
      throw Errors.toApiError(e, UPSERT_FIELDS);
    }
  }

  private Reply list(Call call) {
    String ownerId = call.ownerId();
    Query q = call.query().allow("limit", "after", "before", "refId", "typeRefId", "includeArchived");
    String refId = q.string("refId");
    String typeRefId = q.string("typeRefId");
    if (refId != null && typeRefId != null && !refId.equals(typeRefId)) {
      throw ApiError.invalid("typeRefId", null, typeRefId, "names another type than refId (" + refId + "): give one of them");
    }
    String type = typeRefId != null ? typeRefId : refId;
    EntityFilter filter = EntityFilter.all();
    if (type != null) {
      filter = filter.type(type);
    }
    if (q.bool("includeArchived", false)) {
      filter = filter.includingArchived();
    }
    return Reply.ok(Wire.page(engine.entities(ownerId).list(filter, q.page()), Wire::entity));
  }

  private Reply get(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    String id = call.path("id");
    return engine.entities(ownerId).get(id).map(e -> Reply.ok(g -> Wire.entity(g, e)))
        .orElseThrow(() -> ApiError.notFound("no entity " + id + " in owner " + ownerId, "id", null, id));
  }

  private Reply archive(Call call, boolean archive) {
    call.query().allow();
    String ownerId = call.ownerId();
    List<String> ids = call.body().allow("ids").requiredStrings("ids", 1, MAX_BATCH);
    if (archive) {
      engine.entities(ownerId).archive(ids);
    } else {
      engine.entities(ownerId).unarchive(ids);
    }
    return Reply.noContent();
  }
}
