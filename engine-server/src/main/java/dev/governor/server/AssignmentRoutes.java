package dev.governor.server;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Patch;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One owner's assignments (budgets): {@code PUT|GET /owners/{ownerId}/assignments},
 * {@code GET /owners/{ownerId}/assignments/{id}}, {@code POST /owners/{ownerId}/assignments/delete}.
 * {@code usageLimit} and {@code parentId} are tri-state (absent keeps; {@code null} makes the budget
 * unlimited, or the entity a root). Stateless and thread-safe.
 */
final class AssignmentRoutes {
  private static final int MAX_BATCH = 100;

  private final GovernanceEngine engine;

  AssignmentRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route("PUT", "/owners/{ownerId}/assignments", this::upsert, false),
        new Route("GET", "/owners/{ownerId}/assignments", this::list, false),
        new Route("GET", "/owners/{ownerId}/assignments/{id}", this::get, false),
        new Route("POST", "/owners/{ownerId}/assignments/delete", this::delete, false));
  }

  private Reply upsert(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    List<AssignmentUpsert> upserts = new ArrayList<>();
    for (Item item : call.body().allow("assignments").items("assignments", 1, MAX_BATCH)) {
      item.allow("entityId", "capabilityId", "scopeEntityIds", "usageLimit", "softLimit", "alertThresholds", "cadence", "anchor",
          "timeZone", "parentId");
      String cadence = item.has("cadence") ? item.requiredString("cadence") : null;
      Patch<String> anchor = item.patchString("anchor");
      upserts.add(new AssignmentUpsert(item.requiredString("entityId"), item.requiredString("capabilityId"), item.strings("scopeEntityIds"),
          item.patchLong("usageLimit"), item.patchLong("softLimit"), item.patchNumbers("alertThresholds"),
          cadence == null ? Patch.keep() : Patch.set(cadence),
          anchor.isKeep() ? Patch.keep() : Patch.set(instant("anchor", item.index(), anchor.value())), item.patchString("timeZone"),
          item.patchString("parentId")));
    }
    return Reply.ok(Wire.array(engine.assignments(ownerId).upsert(upserts), Wire::assignment));
  }

  private static Instant instant(String field, Integer index, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, index, text, "must be an ISO-8601 instant such as 2026-01-15T10:00:00.000Z");
    }
  }

  private Reply list(Call call) {
    String ownerId = call.ownerId();
    Query q = call.query().allow("limit", "after", "before", "entityId", "capabilityId");
    AssignmentFilter filter = AssignmentFilter.all();
    if (q.string("entityId") != null) {
      filter = filter.entity(q.string("entityId"));
    }
    if (q.string("capabilityId") != null) {
      filter = filter.capability(q.string("capabilityId"));
    }
    return Reply.ok(Wire.page(engine.assignments(ownerId).list(filter, q.page()), Wire::assignment));
  }

  private Reply get(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    String id = call.path("id");
    UUID uuid = uuid("id", null, id);
    return engine.assignments(ownerId).get(uuid).map(a -> Reply.ok(g -> Wire.assignment(g, a)))
        .orElseThrow(() -> ApiError.notFound("no assignment " + id + " in owner " + ownerId, "id", null, id));
  }

  private Reply delete(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    List<String> ids = call.body().allow("ids").requiredStrings("ids", 1, MAX_BATCH);
    List<UUID> uuids = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      uuids.add(uuid("ids", i, ids.get(i)));
    }
    return Reply.ok(Wire.array(engine.assignments(ownerId).delete(uuids), Wire::assignment));
  }

  /** An assignment id: a UUID in its canonical text (a 400 otherwise). */
  static UUID uuid(String field, Integer index, String text) {
    try {
      UUID id = UUID.fromString(text);
      if (id.toString().equalsIgnoreCase(text)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw ApiError.invalid(field, index, text, "must be an assignment id (a UUID such as a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d)");
  }
}
