package dev.governor.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * One authenticated request as an endpoint sees it: its path parameters, query, body and what its
 * token may reach. Not thread-safe; one per request.
 */
final class Call {
  private final Map<String, String> params;
  private final Query query;
  private final byte[] body;
  private final ApiTokens.Access access;

  Call(Map<String, String> params, Query query, byte[] body, ApiTokens.Access access) {
    this.params = params;
    this.query = query;
    this.body = body;
    this.access = access;
  }

  /** A path parameter of the route's template. */
  String path(String name) {
    return params.get(name);
  }

  /** The owner of an {@code /owners/{ownerId}/...} route: a 403 when the token does not reach it. */
  String ownerId() {
    String ownerId = params.get("ownerId");
    if (!access.reaches(ownerId)) {
      throw ApiError.forbidden("this token may not reach owner " + ownerId, "ownerId", ownerId);
    }
    return ownerId;
  }

  /** Refuses a change to the engine-wide catalog with a token limited to some owners (403). */
  void requireEveryOwner(String what) {
    if (!access.everyOwner()) {
      throw ApiError.forbidden("this token is limited to some owners and may not change " + what, null, null);
    }
  }

  ApiTokens.Access access() {
    return access;
  }

  Query query() {
    return query;
  }

  /** The body as a JSON object (a 400 when it is not one). */
  Item body() {
    return Item.body(Json.parse(body));
  }

  /**
   * The body as a JSON object, or an empty object when the request sent none: for a route whose
   * path says everything (a release), so that a bare {@code POST} works as well as one with {@code {}}.
   */
  Item optionalBody() {
    return body.length == 0 ? Item.body(JsonNodeFactory.instance.objectNode()) : body();
  }
}
