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
    PageRequest page = call.query().allow("limit", "after").page();
    Page<String> owners = call.access().everyOwner() ? engine.owners(page) : limited(call.access(), page);
    return Reply.ok(Wire.page(owners, (g, id) -> {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeEndObject();
    }));
  }

  /** The token's own owners that hold a catalog, after the cursor's id. */
  private Page<String> limited(ApiTokens.Access access, PageRequest page) {
    String after = null;
    if (page.after() != null) {
      if (!page.after().startsWith(LIMITED_CURSOR)) {
        throw ApiError.invalid("after", null, page.after(), "is not a cursor returned by this list");
      }
      try {
        after = new String(Base64.getUrlDecoder().decode(page.after().substring(LIMITED_CURSOR.length())), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid("after", null, page.after(), "is not a cursor returned by this list");
      }
    }
    List<String> mine = new ArrayList<>(access.owners());
    mine.sort(OwnerRoutes::compareCodePoints);
    List<String> out = new ArrayList<>();
    for (String id : mine) {
      if (after != null && compareCodePoints(id, after) <= 0) {
        continue;
      }
      if (!engine.entities(id).list(EntityFilter.all().includingArchived(), PageRequest.first(1)).items().isEmpty()) {
        out.add(id);
        if (out.size() > page.limit()) {
          break;
        }
      }
    }
    if (out.size() <= page.limit()) {
      return new Page<>(out, null);
    }
    List<String> items = out.subList(0, page.limit());
    String last = items.get(items.size() - 1);
    return new Page<>(items, LIMITED_CURSOR + Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
  }

  private static int compareCodePoints(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }
}
