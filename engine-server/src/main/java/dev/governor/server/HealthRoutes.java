package dev.governor.server;

import dev.governor.GovernanceEngine;
import dev.governor.PageRequest;
import java.util.List;

/**
 * {@code GET /health}: 200 {@code {"status": "ok"}} when the store answers a catalog read, 503 (as
 * every store failure) when it does not. Open without a token, for load balancers; it tells nothing
 * but whether the server can decide. Stateless and thread-safe.
 */
final class HealthRoutes {
  private static final byte[] OK = Json.write(g -> {
    g.writeStartObject();
    g.writeStringField("status", "ok");
    g.writeEndObject();
  });

  private final GovernanceEngine engine;

  HealthRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(new Route("GET", "/health", this::health, true));
  }

  private Reply health(Call call) {
    call.query().allow();
    // A read of the engine-wide catalog validates its version with the store: one round trip on a
    // remote store, so an unreachable store makes this a 503.
    engine.entityTypes().list(PageRequest.first(1));
    return new Reply(200, OK);
  }
}
