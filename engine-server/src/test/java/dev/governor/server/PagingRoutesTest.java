package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: every list pages both ways over HTTP: {@code next} as {@code after}, {@code prev} as
 * {@code before}, and the pages walked back from the last are the pages walked forward.
 */
class PagingRoutesTest {
  private static final List<String> LISTS = List.of(
      "/entity-types", "/capabilities", "/owners", "/owners/cus-acme/entities",
      "/owners/cus-acme/entities?includeArchived=true&typeRefId=team",
      "/owners/cus-acme/assignments", "/owners/cus-acme/assignments?capabilityId=ai-tokens",
      "/owners/cus-acme/query", "/owners/cus-acme/query?capabilityIds=ai-tokens&sortBy=utilization",
      "/owners/cus-acme/query?capabilityIds=ai-tokens&sortBy=usageLimit&order=asc");

  @Test
  void lists_walkedBackFromTheLastPage_sameItemsAsForward() {
    try (ServerFixture api = new ServerFixture()) {
      seed(api);
      for (String list : LISTS) {
        for (int limit : new int[] {1, 2, 3}) {
          walkBothWays(api, list, limit, ServerFixture.ADMIN);
        }
      }
    }
  }

  @Test
  void owners_limitedToken_pagesBothWaysOverItsOwnersThatHoldACatalog() {
    try (ServerFixture api = new ServerFixture()) {
      seed(api);
      for (String owner : List.of("cus-a", "cus-b", "cus-c", "cus-d")) {
        Trees.acme(api, owner);
      }

      List<String> ids = new ArrayList<>();
      walkBothWays(api, "/owners", 1, ServerFixture.FOUR_OWNERS).forEach(o -> ids.add(o.get("id").asText()));
      walkBothWays(api, "/owners", 3, ServerFixture.FOUR_OWNERS);

      assertThat(ids).containsExactly("cus-a", "cus-b", "cus-c", "cus-d");
    }
  }

  @Test
  void list_afterAndBefore_400OnBefore() {
    try (ServerFixture api = new ServerFixture()) {
      seed(api);
      String next = api.get("/owners/cus-acme/entities?limit=1").body().get("pagination").get("next").asText();

      for (String path : List.of("/owners/cus-acme/entities", "/entity-types", "/owners/cus-acme/query", "/owners")) {
        ServerFixture.Reply r = api.get(path + "?limit=1&after=" + next + "&before=" + next);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.body().get("field").asText()).as(path).isEqualTo("before");
      }
    }
  }

  @Test
  void list_emptyOrForeignBefore_400OnBefore() {
    try (ServerFixture api = new ServerFixture()) {
      seed(api);
      String entities = api.get("/owners/cus-acme/entities?limit=1").body().get("pagination").get("next").asText();

      for (String path : List.of("/entity-types?before=", "/entity-types?before=" + entities,
          "/owners/cus-acme/assignments?before=" + entities, "/owners/cus-acme/query?before=" + entities,
          "/owners?before=" + entities)) {
        ServerFixture.Reply r = api.get(path);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.body().get("field").asText()).as(path).isEqualTo("before");
      }
      ServerFixture.Reply limited = api.send("GET", "/owners?before=" + entities, null, ServerFixture.FOUR_OWNERS);
      assertThat(limited.status()).isEqualTo(400);
      assertThat(limited.body().get("field").asText()).isEqualTo("before");
    }
  }

  /** Two owners with the Trees catalog, one extra type, capability and archived team in cus-acme. */
  private static void seed(ServerFixture api) {
    Trees.acme(api, "cus-acme");
    Trees.acme(api, "cus-beta");
    Trees.ok(api.put("/capabilities", "{\"capabilities\": [{\"id\": \"api-calls\", \"type\": \"METER\"}]}"));
    Trees.ok(api.put("/owners/cus-acme/entities", """
        {"entities": [{"id": "team-ops", "typeRefId": "team", "parentId": "org-acme"}]}"""));
    assertThat(api.post("/owners/cus-acme/entities/archive", "{\"ids\": [\"team-ops\"]}").status()).isEqualTo(204);
    Trees.ok(api.put("/owners/cus-acme/assignments", """
        {"assignments": [{"entityId": "user-alice", "capabilityId": "api-calls", "usageLimit": 7, "cadence": "P1D"}]}"""));
  }

  /** Walks {@code list} forward, then back from its last page; asserts both see the same items. */
  private static List<JsonNode> walkBothWays(ServerFixture api, String list, int limit, String token) {
    String sep = list.contains("?") ? "&" : "?";
    List<List<JsonNode>> forward = new ArrayList<>();
    JsonNode page = fetch(api, list + sep + "limit=" + limit, token);
    assertThat(page.get("pagination").get("prev").isNull()).as("%s: first page has no prev", list).isTrue();
    forward.add(items(page));
    while (!page.get("pagination").get("next").isNull()) {
      page = fetch(api, list + sep + "limit=" + limit + "&after=" + page.get("pagination").get("next").asText(), token);
      assertThat(page.get("pagination").get("prev").isNull()).as("%s: a later page has a prev", list).isFalse();
      forward.add(items(page));
      assertThat(forward.size()).as("%s: pages", list).isLessThan(100);
    }
    List<List<JsonNode>> backward = new ArrayList<>();
    backward.add(forward.get(forward.size() - 1));
    while (!page.get("pagination").get("prev").isNull()) {
      page = fetch(api, list + sep + "limit=" + limit + "&before=" + page.get("pagination").get("prev").asText(), token);
      backward.add(items(page));
      assertThat(backward.size()).as("%s: pages back", list).isLessThan(100);
    }
    Collections.reverse(backward);
    List<JsonNode> all = new ArrayList<>();
    forward.forEach(all::addAll);
    List<JsonNode> back = new ArrayList<>();
    backward.forEach(back::addAll);
    assertThat(back).as("%s with limit %d walked back", list, limit).isEqualTo(all);
    assertThat(all).as("%s has more than one item", list).hasSizeGreaterThan(1);
    return all;
  }

  private static JsonNode fetch(ServerFixture api, String path, String token) {
    ServerFixture.Reply r = api.send("GET", path, null, token);
    assertThat(r.status()).as("GET %s answered %s", path, r.body()).isEqualTo(200);
    return r.body();
  }

  private static List<JsonNode> items(JsonNode page) {
    List<JsonNode> out = new ArrayList<>();
    page.get("data").forEach(out::add);
    return out;
  }
}
