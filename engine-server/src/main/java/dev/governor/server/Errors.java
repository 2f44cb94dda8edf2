package dev.governor.server;

import dev.governor.ConflictException;
import dev.governor.GovernanceException;
import dev.governor.NotFoundException;
import dev.governor.StoreUnavailableException;
import dev.governor.ValidationException;
import java.util.Map;

/**
 * The one place where an exception becomes what the client sees. Engine errors keep their item
 * index, field and value: validation 400, not found 404, conflict 409 (its reason in
 * {@code code}: {@code CONFLICT_CYCLE}, {@code CONFLICT_NON_LEAF_MOVE}, ...), store unavailable
 * 503. Anything else is a 500 whose message says nothing of the server's insides (the stack goes to
 * the server's log, never to the client). Stateless and thread-safe.
 */
final class Errors {
  private static final System.Logger LOG = System.getLogger(Errors.class.getName());

  private Errors() {}

  static ApiError toApiError(RuntimeException e) {
    return toApiError(e, Map.of());
  }

  /** {@code renames} maps engine field names to the wire's ({@code typeId} is {@code typeRefId} in an entity upsert). */
  static ApiError toApiError(RuntimeException e, Map<String, String> renames) {
    if (e instanceof ApiError api) {
      return api;
    }
    if (e instanceof GovernanceException g) {
      Integer index = g.index() < 0 ? null : g.index();
      String field = g.field() == null ? null : renames.getOrDefault(g.field(), g.field());
      if (g instanceof ValidationException) {
        return new ApiError(400, "VALIDATION_ERROR", g.getMessage(), field, index, g.value());
      }
      if (g instanceof NotFoundException) {
        return new ApiError(404, "NOT_FOUND", g.getMessage(), field, index, g.value());
      }
      if (g instanceof ConflictException c) {
        return new ApiError(409, "CONFLICT_" + c.reason().name(), g.getMessage(), field, index, g.value());
      }
      if (g instanceof StoreUnavailableException) {
        return new ApiError(503, "STORE_UNAVAILABLE", "the store cannot answer now: nothing was granted; retry later (with the same idempotency key, for consume and ingest)", null, null, null);
      }
    }
    LOG.log(System.Logger.Level.ERROR, "request failed", e);
    return new ApiError(500, "INTERNAL_ERROR", "the server failed to answer the request", null, null, null);
  }
}
