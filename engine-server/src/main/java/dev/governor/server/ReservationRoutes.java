package dev.governor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.governor.GovernanceEngine;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.Reservation;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reservations (docs/semantics.md §5.3): {@code POST /owners/{ownerId}/reservations} holds an
 * estimate, {@code POST .../reservations/{id}/settle} records the actual amount,
 * {@code POST .../reservations/{id}/release} drops the hold, {@code GET .../reservations/{id}} reads
 * one. A reserve's subject is taken exactly as check and consume take it, and its denial is an
 * answer with a consume's shape (200, {@code status: "DENIED"}), not an error; a settle of a closed
 * reservation is a 409 {@code CONFLICT_RESERVATION_CLOSED}. Stateless and thread-safe.
 */
final class ReservationRoutes {
  /** The engine names the reservation id {@code reservationId}; on the wire it is the path's {@code id}. */
  private static final Map<String, String> PATH_FIELDS = Map.of("reservationId", "id");

  private final GovernanceEngine engine;

  ReservationRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/owners/{ownerId}/reservations", this::reserve, false),
        new Route("GET", "/owners/{ownerId}/reservations/{id}", this::get, false),
        new Route("POST", "/owners/{ownerId}/reservations/{id}/settle", this::settle, false),
        new Route("POST", "/owners/{ownerId}/reservations/{id}/release", this::release, false));
  }

  private Reply reserve(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    Item body = call.body().allow("entityIds", "dimensions", "capabilityId", "estimate", "ttl", "idempotencyKey");
    ReserveRequest request = new ReserveRequest(DecisionRoutes.subject(body), body.requiredString("capabilityId"),
        body.requiredLong("estimate"), ttl(body.requiredString("ttl")), body.optionalString("idempotencyKey"));
    ReserveResult r = engine.reserve(ownerId, request);
    // 201 only when this call created the hold; a retry answers the same reservation with 200, and a
    // denial is an answer (200), as a consume's is. One shape for all three, so a client reads status.
    Json.Writer answer = g -> {
      g.writeStartObject();
      g.writeStringField("status", r.status().name());
      g.writeBooleanField("granted", r.isGranted());
      g.writeFieldName("reservation");
      if (r.reservation() == null) {
        g.writeNull();
      } else {
        reservation(g, r.reservation());
      }
      DecisionRoutes.decision(g, r.reason(), r.budgets(), r.firstDenied(), r.unresolved(), r.archivedEntityIds());
      g.writeEndObject();
    };
    return r.status() == ReserveResult.Status.GRANTED ? Reply.created(answer) : Reply.ok(answer);
  }

  private Reply get(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    String id = id(call);
    Reservation r = engineCall(() -> engine.reservation(ownerId, id))
        .orElseThrow(() -> ApiError.notFound("no reservation " + id + " in owner " + ownerId, "id", null, id));
    return Reply.ok(g -> reservation(g, r));
  }

  private Reply settle(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    String id = id(call);
    long actual = call.body().allow("actual").requiredLong("actual");
    SettleResult r = engineCall(() -> engine.settle(ownerId, id, actual));
    return Reply.ok(g -> {
      g.writeStartObject();
      g.writeStringField("status", r.status().name());
      g.writeFieldName("reservation");
      reservation(g, r.reservation());
      g.writeNumberField("actual", r.actual());
      g.writeNumberField("overEstimate", r.overEstimate());
      g.writeBooleanField("expired", r.expired());
      uuids(g, "recordedAssignmentIds", r.recordedAssignmentIds());
      g.writeEndObject();
    });
  }

  private Reply release(Call call) {
    call.query().allow();
    String ownerId = call.ownerId();
    String id = id(call);
    // A release names everything in its path: it takes no body, or an empty object.
    call.optionalBody().allow();
    ReleaseResult r = engineCall(() -> engine.release(ownerId, id));
    return Reply.ok(g -> {
      g.writeStartObject();
      g.writeStringField("status", r.status().name());
      g.writeFieldName("reservation");
      reservation(g, r.reservation());
      g.writeBooleanField("expired", r.expired());
      g.writeEndObject();
    });
  }

  /** A reservation as the wire shows it. */
  static void reservation(JsonGenerator g, Reservation r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("capabilityId", r.capabilityId());
    g.writeNumberField("estimate", r.estimate());
    Json.instantField(g, "createdAt", r.createdAt());
    Json.instantField(g, "expiresAt", r.expiresAt());
    uuids(g, "assignmentIds", r.heldAssignmentIds());
    g.writeStringField("state", r.state().name());
    Json.longField(g, "actual", r.actual());
    Json.instantField(g, "closedAt", r.closedAt());
    g.writeEndObject();
  }

  private static void uuids(JsonGenerator g, String name, List<UUID> ids) throws IOException {
    g.writeArrayFieldStart(name);
    for (UUID id : ids) {
      g.writeString(id.toString());
    }
    g.writeEndArray();
  }

  /**
   * The path's reservation id, checked here (32 lowercase hexadecimal digits, as reserve returns it)
   * so that a malformed one is a 400 naming {@code id}, as a malformed assignment id is, and never
   * reaches the store.
   */
  private static String id(Call call) {
    String id = call.path("id");
    boolean ok = id.length() == 32;
    for (int i = 0; ok && i < id.length(); i++) {
      char c = id.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    if (!ok) {
      throw ApiError.invalid("id", null, id, "must be a reservation id (32 lowercase hexadecimal digits, as reserve returned it)");
    }
    return id;
  }

  /**
   * The hold's time to live: an ISO-8601 duration, as {@code cadence} is a period ({@code PT2M},
   * {@code PT30S}, {@code P1D}). The range is checked here too, so that the error quotes the value
   * as sent rather than as the engine normalises it ({@code P8D} would read {@code PT192H}).
   */
  private static Duration ttl(String text) {
    Duration ttl;
    try {
      ttl = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("ttl", null, text, "must be an ISO-8601 duration such as PT2M (from PT1S to P7D)");
    }
    if (ttl.compareTo(ReserveRequest.MIN_TTL) < 0 || ttl.compareTo(ReserveRequest.MAX_TTL) > 0) {
      throw ApiError.invalid("ttl", null, text, "must be from PT1S (1 second) to P7D (7 days)");
    }
    return ttl;
  }

  /** Runs an engine call on a path id, the engine's {@code reservationId} reported as the path's {@code id}. */
  private static <T> T engineCall(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw Errors.toApiError(e, PATH_FIELDS);
    }
  }
}
