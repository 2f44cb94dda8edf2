package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12: {@code GET /owners} pages through the owners; a limited token sees only its own. */
class OwnerRoutesTest {
  @Test
  void owners_adminToken_everyOwnerInOrderAcrossPages() {
    try (ServerFixture api = new ServerFixture()) {
      Trees.acme(api, "cus-acme");
      Trees.acme(api, "cus-beta");
      Trees.acme(api, "cus-gamma");

      List<String> seen = new ArrayList<>();
      ServerFixture.Reply first = api.get("/owners?limit=2");
      assertThat(first.status()).isEqualTo(200);
      first.body().get("data").forEach(o -> seen.add(o.get("id").asText()));
      String next = first.body().get("pagination").get("next").asText();
      ServerFixture.Reply second = api.get("/owners?limit=2&after=" + next);
      second.body().get("data").forEach(o -> seen.add(o.get("id").asText()));

      assertThat(seen).containsExactly("cus-acme", "cus-beta", "cus-gamma");
      assertThat(second.body().get("pagination").get("next").isNull()).isTrue();
    }
  }

  @Test
  void owners_limitedToken_onlyItsOwners() {
    try (ServerFixture api = new ServerFixture()) {
      Trees.acme(api, "cus-acme");
      Trees.acme(api, "cus-beta");

      ServerFixture.Reply r = api.send("GET", "/owners", null, ServerFixture.ACME_ONLY);

      assertThat(r.status()).isEqualTo(200);
      JsonNode data = r.body().get("data");
      assertThat(data).hasSize(1);
      assertThat(data.get(0).get("id").asText()).isEqualTo("cus-acme");
    }
  }
}
