package dev.governor.server;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.EntityFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /owners}: the owners that hold a catalog, in code point order of their ids, as a list
 * page of {@code {"id": ...}}. A token limited to some owners sees only those (of them, the ones
 * that hold a catalog), paged over its own list with a cursor of its own. Stateless and thread-safe.
 */
final class OwnerRoutes {
  private static final String LIMITED_CURSOR = "t.";

  private final GovernanceEngine engine;

  OwnerRoutes(GovernanceEngine engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(new Route("GET", "/owners", this::list, false));
  }

  private Reply list(Call call) {
    PageRequest page = call.query().allow("limit", "after", "before").page();
    Page<String> owners = call.access().everyOwner() ? engine.owners(page) : limited(call.access(), page);
    return Reply.ok(Wire.page(owners, (g, id) -> {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeEndObject();
    }));
  }

  /**
   * The token's own owners that hold a catalog, around the cursor's id. A token names a handful of
   * owners, so they are read whole and paged here by the engine's page rules: a forward page has a
   * previous cursor once it was reached by one, a backward page a next cursor once it has items.
   */
  private Page<String> limited(ApiTokens.Access access, PageRequest page) {
    boolean backward = page.before() != null;
    String at = backward ? decode("before", page.before()) : decode("after", page.after());
    List<String> mine = new ArrayList<>();
    for (String id : access.owners()) {
      boolean inRange = at == null || (backward ? compareCodePoints(id, at) < 0 : compareCodePoints(id, at) > 0);
      if (inRange && !engine.entities(id).list(EntityFilter.all().includingArchived(), PageRequest.first(1)).items().isEmpty()) {
        mine.add(id);
      }
    }
    mine.sort(OwnerRoutes::compareCodePoints);
    int limit = page.limit();
    if (backward) {
      List<String> items = mine.subList(Math.max(0, mine.size() - limit), mine.size());
      return new Page<>(items, items.isEmpty() ? null : encode(items.get(items.size() - 1)),
          mine.size() > limit ? encode(items.get(0)) : null);
    }
    List<String> items = mine.subList(0, Math.min(limit, mine.size()));
    return new Page<>(items, mine.size() > limit ? encode(items.get(items.size() - 1)) : null,
        at != null && !items.isEmpty() ? encode(items.get(0)) : null);
  }

  private static String encode(String ownerId) {
    return LIMITED_CURSOR + Base64.getUrlEncoder().withoutPadding().encodeToString(ownerId.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String field, String cursor) {
    if (cursor == null) {
      return null;
    }
    if (!cursor.startsWith(LIMITED_CURSOR)) {
      throw ApiError.invalid(field, null, cursor, "is not a cursor returned by this list");
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor.substring(LIMITED_CURSOR.length())), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid(field, null, cursor, "is not a cursor returned by this list");
    }
  }

  private static int compareCodePoints(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }
}
