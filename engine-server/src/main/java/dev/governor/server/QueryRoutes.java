package dev.governor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.governor.GovernanceEngine;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /owners/{ownerId}/query}: one row per budget (or, without {@code capabilityIds}, one
 * per entity: the tree), live. Parameters: {@code sortBy} (utilization, currentUsage, usageLimit,
 * scopeSize, id, createdAt), {@code order} (desc, asc), {@code scope} (all, nodeWide, scoped),
 * {@code minUtilization}, {@code capabilityIds}, {@code entityTypeIds}, {@code entityIdSearch},
 * {@code includeArchived}, {@code limit}, {@code after}, {@code before}. Stateless and thread-safe.
 */
final class QueryRoutes {
  private final GovernanceEngine engine;

  QueryRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(new Route("GET", "/owners/{ownerId}/query", this::query, false));
  }

  private Reply query(Call call) {
    String ownerId = call.ownerId();
    Query q = call.query().allow("sortBy", "order", "scope", "minUtilization", "capabilityIds", "entityTypeIds", "entityIdSearch",
        "includeArchived", "limit", "after", "before");
    List<String> capabilities = q.list("capabilityIds");
    TreeQuery query = capabilities.isEmpty() ? TreeQuery.tree() : TreeQuery.budgets(capabilities.toArray(String[]::new));
    List<String> types = q.list("entityTypeIds");
    if (!types.isEmpty()) {
      query = query.entityTypes(types.toArray(String[]::new));
    }
    String sortBy = q.string("sortBy");
    if (sortBy != null) {
      query = query.sortBy(sortField(sortBy));
    }
    String order = q.string("order");
    if (order != null) {
      query = switch (order) {
        case "asc" -> query.ascending();
        case "desc" -> query.descending();
        default -> throw ApiError.invalid("order", null, order, "must be asc or desc");
      };
    }
    String scope = q.string("scope");
    if (scope != null) {
      query = query.scope(switch (scope) {
        case "all" -> ScopeFilter.ALL;
        case "nodeWide" -> ScopeFilter.NODE_WIDE;
        case "scoped" -> ScopeFilter.SCOPED;
        default -> throw ApiError.invalid("scope", null, scope, "must be all, nodeWide or scoped");
      });
    }
    Double min = q.number("minUtilization");
    if (min != null) {
      query = query.minUtilization(min);
    }
    String search = q.string("entityIdSearch");
    if (search != null) {
      query = query.search(search);
    }
    query = query.includeArchived(q.bool("includeArchived", false));
    var page = q.page();
    query = query.limit(page.limit());
    if (page.after() != null) {
      query = query.after(page.after());
    } else if (page.before() != null) {
      query = query.before(page.before());
    }
    return Reply.ok(Wire.page(engine.query(ownerId, query), QueryRoutes::row));
  }

  private static SortField sortField(String text) {
    return switch (text) {
      case "utilization" -> SortField.UTILIZATION;
      case "currentUsage" -> SortField.CURRENT_USAGE;
      case "usageLimit" -> SortField.USAGE_LIMIT;
      case "scopeSize" -> SortField.SCOPE_SIZE;
      case "id" -> SortField.ID;
      case "createdAt" -> SortField.CREATED_AT;
      default -> throw ApiError.invalid("sortBy", null, text, "must be utilization, currentUsage, usageLimit, scopeSize, id or createdAt");
    };
  }

  private static void row(JsonGenerator g, TreeRow r) throws IOException {
    g.writeStartObject();
    g.writeStringField("entityId", r.entityId());
    g.writeStringField("entityTypeId", r.entityTypeId());
    g.writeStringField("displayName", r.displayName());
    g.writeStringField("parentId", r.parentId());
    g.writeBooleanField("archived", r.archived());
    g.writeStringField("assignmentId", r.assignmentId() == null ? null : r.assignmentId().toString());
    g.writeStringField("capabilityId", r.capabilityId());
    if (r.scopeEntityIds() == null) {
      g.writeNullField("scopeEntityIds");
    } else {
      Wire.strings(g, "scopeEntityIds", r.scopeEntityIds());
    }
    Json.longField(g, "usageLimit", r.usageLimit());
    Json.longField(g, "softLimit", r.softLimit());
    g.writeBooleanField("overSoftLimit", r.overSoftLimit());
    g.writeArrayFieldStart("alertThresholds");
    for (double f : r.alertThresholds()) {
      g.writeNumber(f);
    }
    g.writeEndArray();
    Json.longField(g, "currentUsage", r.currentUsage());
    // Held by open reservations (docs/semantics.md §5.3); remaining subtracts it, as a check's budgets do.
    Json.longField(g, "reserved", r.reserved());
    Json.longField(g, "remaining", r.remaining());
    if (r.utilization() == null) {
      g.writeNullField("utilization");
    } else {
      g.writeNumberField("utilization", r.utilization());
    }
    g.writeStringField("cadence", r.cadence() == null ? null : r.cadence().toString());
    g.writeStringField("timeZone", r.timeZone() == null ? null : r.timeZone().getId());
    Json.instantField(g, "periodStart", r.periodStart());
    Json.instantField(g, "periodEnd", r.periodEnd());
    Json.instantField(g, "createdAt", r.createdAt());
    g.writeEndObject();
  }
}
