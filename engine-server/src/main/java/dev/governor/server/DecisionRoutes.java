package dev.governor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.governor.GovernanceEngine;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.runtime.UsageEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decisions: {@code POST /owners/{ownerId}/check}, {@code /consume} and {@code /ingest}. A subject
 * is {@code entityIds} or {@code dimensions}, never both. A denial is an answer (200 with
 * {@code hasAccess: false} or {@code status: "DENIED"}), not an error; a store that cannot answer is
 * a 503, never an allow and never a silent drop. Stateless and thread-safe.
 */
final class DecisionRoutes {
  private static final int MAX_EVENTS = 1000;

  private final GovernanceEngine engine;

  DecisionRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/owners/{ownerId}/check", this::check, false),
        new Route("POST", "/owners/{ownerId}/consume", this::consume, false),
        new Route("POST", "/owners/{ownerId}/ingest", this::ingest, false));
  }

  private Reply check(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    Item body = call.body().allow("entityIds", "dimensions", "capabilityId", "requestedAmount");
    CheckRequest request = CheckRequest.of(subject(body), body.requiredString("capabilityId")).amount(body.optionalLong("requestedAmount", 1L));
    CheckResult r = engine.check(ownerId, request);
    return Reply.ok(g -> {
      g.writeStartObject();
      g.writeBooleanField("hasAccess", r.hasAccess());
      decision(g, r.reason(), r.budgets(), r.firstDenied(), r.unresolved(), r.archivedEntityIds());
      g.writeEndObject();
    });
  }

  private Reply consume(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    Item body = call.body().allow("entityIds", "dimensions", "capabilityId", "amount", "idempotencyKey");
    ConsumeRequest request = ConsumeRequest.of(subject(body), body.requiredString("capabilityId"), body.requiredLong("amount"));
    String key = body.optionalString("idempotencyKey");
    if (key != null) {
      request = request.idempotencyKey(key);
    }
    ConsumeResult r = engine.consume(ownerId, request);
    return Reply.ok(g -> {
      g.writeStartObject();
      g.writeStringField("status", r.status().name());
      g.writeBooleanField("granted", r.granted());
      decision(g, r.reason(), r.budgets(), r.firstDenied(), r.unresolved(), r.archivedEntityIds());
      g.writeEndObject();
    });
  }

  private Reply ingest(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    List<UsageEvent> events = new ArrayList<>();
    for (Item item : call.body().allow("events").items("events", 1, MAX_EVENTS)) {
      item.allow("entityIds", "dimensions", "capabilityId", "amount", "idempotencyKey", "timestamp");
      UsageEvent event = UsageEvent.of(subject(item), item.requiredString("capabilityId"), item.requiredLong("amount"));
      String key = item.optionalString("idempotencyKey");
      if (key != null) {
        event = event.idempotencyKey(key);
      }
      String timestamp = item.optionalString("timestamp");
      if (timestamp != null) {
        event = event.at(instant(item.index(), timestamp));
      }
      events.add(event);
    }
    IngestResult r = engine.ingest(ownerId, events);
    return Reply.ok(g -> {
      g.writeStartObject();
      g.writeNumberField("recorded", r.count(EventResult.Outcome.RECORDED));
      g.writeNumberField("duplicates", r.count(EventResult.Outcome.DUPLICATE));
      g.writeNumberField("late", r.count(EventResult.Outcome.LATE));
      g.writeArrayFieldStart("events");
      for (EventResult e : r.events()) {
        g.writeStartObject();
        g.writeNumberField("index", e.index());
        g.writeStringField("outcome", e.outcome().name());
        g.writeArrayFieldStart("budgets");
        for (BudgetUsage b : e.budgets()) {
          usage(g, b);
        }
        g.writeEndArray();
        unresolved(g, e.unresolved());
        Wire.strings(g, "archivedEntityIds", e.archivedEntityIds());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * The subject: {@code entityIds} or {@code dimensions}, exactly one of them. Shared with
   * {@link ReservationRoutes}, so that a reserve names its subject exactly as check and consume do.
   */
  static Subject subject(Item item) {
    boolean ids = item.has("entityIds");
    boolean dims = item.has("dimensions");
    if (ids && dims) {
      throw ApiError.invalid("dimensions", item.index(), null, "give entityIds or dimensions, not both");
    }
    if (ids) {
      List<String> entityIds = item.strings("entityIds");
      return Subject.entities(entityIds);
    }
    if (dims) {
      Map<String, String> dimensions = item.strictStringMap("dimensions");
      if (dimensions == null) {
        throw ApiError.invalid("dimensions", item.index(), "null", "must be an object of attribution key to entity id");
      }
      return Subject.dimensions(dimensions);
    }
    throw ApiError.invalid("entityIds", item.index(), null, "is required (or dimensions)");
  }

  private static Instant instant(Integer index, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("timestamp", index, text, "must be an ISO-8601 instant such as 2026-01-15T10:00:00.000Z");
    }
  }

  /**
   * The decision fields of a check, consume or reserve answer: {@code reason}, {@code budgets},
   * {@code deniedBy}, {@code unresolved}, {@code archivedEntityIds}. One writer, so that a reserve's
   * denial has exactly the shape of a consume's.
   */
  static void decision(JsonGenerator g, DenialReason reason, List<BudgetStatus> budgets, BudgetStatus firstDenied,
      List<UnresolvedDimension> unresolved, List<String> archived) throws IOException {
    g.writeStringField("reason", reason == null ? null : reason.name());
    g.writeArrayFieldStart("budgets");
    for (BudgetStatus b : budgets) {
      budget(g, b);
    }
    g.writeEndArray();
    g.writeFieldName("deniedBy");
    if (firstDenied == null) {
      g.writeNull();
    } else {
      budget(g, firstDenied);
    }
    unresolved(g, unresolved);
    Wire.strings(g, "archivedEntityIds", archived);
  }

  private static void budget(JsonGenerator g, BudgetStatus b) throws IOException {
    g.writeStartObject();
    g.writeStringField("assignmentId", b.assignmentId().toString());
    g.writeStringField("entityId", b.entityId());
    g.writeStringField("capabilityId", b.capabilityId());
    Wire.strings(g, "scopeEntityIds", b.scopeEntityIds());
    Json.longField(g, "usageLimit", b.usageLimit());
    g.writeNumberField("currentUsage", b.currentUsage());
    // What open reservations hold counts against the limit: remaining already subtracts it.
    g.writeNumberField("reserved", b.reserved());
    Json.longField(g, "remaining", b.remaining());
    g.writeBooleanField("hasAccess", b.hasAccess());
    Json.longField(g, "softLimit", b.softLimit());
    g.writeBooleanField("overSoftLimit", b.overSoftLimit());
    g.writeStringField("cadence", b.cadence().toString());
    Json.instantField(g, "periodStart", b.periodStart());
    Json.instantField(g, "periodEnd", b.periodEnd());
    g.writeEndObject();
  }

  private static void usage(JsonGenerator g, BudgetUsage b) throws IOException {
    g.writeStartObject();
    g.writeStringField("assignmentId", b.assignmentId().toString());
    g.writeStringField("entityId", b.entityId());
    Wire.strings(g, "scopeEntityIds", b.scopeEntityIds());
    g.writeBooleanField("late", b.late());
    g.writeNumberField("usageAfter", b.usageAfter());
    Json.instantField(g, "periodStart", b.periodStart());
    Json.instantField(g, "periodEnd", b.periodEnd());
    g.writeEndObject();
  }

  private static void unresolved(JsonGenerator g, List<UnresolvedDimension> unresolved) throws IOException {
    g.writeArrayFieldStart("unresolved");
    for (UnresolvedDimension u : unresolved) {
      g.writeStartObject();
      g.writeStringField("key", u.key());
      g.writeStringField("value", u.value());
      g.writeStringField("reason", u.reason().name());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
