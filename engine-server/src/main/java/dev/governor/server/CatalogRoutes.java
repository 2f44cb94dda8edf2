package dev.governor.server;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine-wide catalog: {@code PUT|GET /entity-types}, {@code GET /entity-types/{id}},
 * {@code PUT|GET /capabilities}, {@code GET /capabilities/{id}}. A token limited to some owners may
 * read it but not change it (it is every owner's). Stateless and thread-safe.
 */
final class CatalogRoutes {
  private static final int MAX_BATCH = 100;

  private final GovernanceEngine engine;

  CatalogRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route("PUT", "/entity-types", this::upsertTypes, false),
        new Route("GET", "/entity-types", this::listTypes, false),
        new Route("GET", "/entity-types/{id}", this::getType, false),
        new Route("PUT", "/capabilities", this::upsertCapabilities, false),
        new Route("GET", "/capabilities", this::listCapabilities, false),
        new Route("GET", "/capabilities/{id}", this::getCapability, false));
  }

  private Reply upsertTypes(Call call) {
    call.query().allow();
    call.requireEveryOwner("entity types");
    List<EntityTypeUpsert> upserts = new ArrayList<>();
    for (Item item : call.body().allow("types").items("types", 1, MAX_BATCH)) {
      item.allow("id", "displayName", "attributionKeys");
      List<String> keys = item.strings("attributionKeys");
      upserts.add(new EntityTypeUpsert(item.requiredString("id"), item.patchString("displayName"),
          keys == null ? Patch.keep() : Patch.set(keys)));
    }
    return Reply.ok(Wire.array(engine.entityTypes().upsert(upserts), Wire::entityType));
  }

  private Reply listTypes(Call call) {
    return Reply.ok(Wire.page(engine.entityTypes().list(call.query().allow("limit", "after", "before").page()), Wire::entityType));
  }

  private Reply getType(Call call) {
    call.query().allow();
    String id = call.path("id");
    return engine.entityTypes().get(id).map(t -> Reply.ok(g -> Wire.entityType(g, t)))
        .orElseThrow(() -> ApiError.notFound("no entity type " + id, "id", null, id));
  }

  private Reply upsertCapabilities(Call call) {
    call.query().allow();
    call.requireEveryOwner("capabilities");
    List<CapabilityUpsert> upserts = new ArrayList<>();
    for (Item item : call.body().allow("capabilities").items("capabilities", 1, MAX_BATCH)) {
      item.allow("id", "type");
      String type = item.optionalString("type");
      upserts.add(new CapabilityUpsert(item.requiredString("id"), type == null ? Patch.keep() : Patch.set(capabilityType(type, item.index()))));
    }
    return Reply.ok(Wire.array(engine.capabilities().upsert(upserts), Wire::capability));
  }

  private static CapabilityType capabilityType(String text, Integer index) {
    try {
      return CapabilityType.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("type", index, text, "must be one of " + java.util.Arrays.toString(CapabilityType.values()));
    }
  }

  private Reply listCapabilities(Call call) {
    return Reply.ok(Wire.page(engine.capabilities().list(call.query().allow("limit", "after", "before").page()), Wire::capability));
  }

  private Reply getCapability(Call call) {
    call.query().allow();
    String id = call.path("id");
    return engine.capabilities().get(id).map(c -> Reply.ok(g -> Wire.capability(g, c)))
        .orElseThrow(() -> ApiError.notFound("no capability " + id, "id", null, id));
  }
}
