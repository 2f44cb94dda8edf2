package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Issue 14 over HTTP: soft limit, alert thresholds and time zone on assignments, and the soft-limit flag. */
class AssignmentOptionsRoutesTest {
  @Test
  void upsert_optionsRoundTripAndCheckFlagsTheSoftLimit() {
    try (ServerFixture api = new ServerFixture()) {
      Trees.acme(api, "cus-acme");
      JsonNode a = Trees.ok(api.put("/owners/cus-acme/assignments", """
          {"assignments": [{"entityId": "org-acme", "capabilityId": "ai-tokens", "softLimit": 10,
            "alertThresholds": [1.0, 0.5], "timeZone": "Europe/Berlin"}]}""")).body().get(0);
      api.post("/owners/cus-acme/consume", "{\"entityIds\": [\"org-acme\"], \"capabilityId\": \"ai-tokens\", \"amount\": 11}");

      JsonNode check = api.post("/owners/cus-acme/check", "{\"entityIds\": [\"org-acme\"], \"capabilityId\": \"ai-tokens\"}").body();

      assertThat(a.get("softLimit").asLong()).isEqualTo(10);
      assertThat(a.get("alertThresholds").toString()).isEqualTo("[0.5,1.0]");
      assertThat(a.get("timeZone").asText()).isEqualTo("Europe/Berlin");
      assertThat(a.get("usageLimit").asLong()).as("kept").isEqualTo(1000);
      JsonNode org = check.get("budgets").get(0);
      assertThat(org.get("softLimit").asLong()).isEqualTo(10);
      assertThat(org.get("overSoftLimit").asBoolean()).isTrue();
      assertThat(org.get("periodStart").asText()).as("January in Berlin").isEqualTo("2025-12-31T23:00:00.000Z");
    }
  }

  @Test
  void upsert_nullClearsEachOption() {
    try (ServerFixture api = new ServerFixture()) {
      Trees.acme(api, "cus-acme");
      Trees.ok(api.put("/owners/cus-acme/assignments", """
          {"assignments": [{"entityId": "org-acme", "capabilityId": "ai-tokens", "softLimit": 10,
            "alertThresholds": [0.5], "timeZone": "Asia/Kolkata"}]}"""));

      JsonNode a = Trees.ok(api.put("/owners/cus-acme/assignments", """
          {"assignments": [{"entityId": "org-acme", "capabilityId": "ai-tokens", "softLimit": null,
            "alertThresholds": null, "timeZone": null}]}""")).body().get(0);

      assertThat(a.get("softLimit").isNull()).isTrue();
      assertThat(a.get("alertThresholds")).isEmpty();
      assertThat(a.get("timeZone").isNull()).isTrue();
    }
  }

  @Test
  void upsert_badOptions_400NamingTheFieldAndNothingChanged() {
    try (ServerFixture api = new ServerFixture()) {
      Trees.acme(api, "cus-acme");
      String before = api.get("/owners/cus-acme/assignments?limit=100").raw().body();

      for (String[] c : new String[][] {
          {"\"timeZone\": \"+05:30\"", "timeZone"}, {"\"timeZone\": 5", "timeZone"},
          {"\"softLimit\": -1", "softLimit"}, {"\"softLimit\": 1.5", "softLimit"},
          {"\"alertThresholds\": [0.5, \"x\"]", "alertThresholds"}, {"\"alertThresholds\": 0.5", "alertThresholds"},
          {"\"alertThresholds\": [0]", "alertThresholds[0]"}}) {
        ServerFixture.Reply r = api.put("/owners/cus-acme/assignments",
            "{\"assignments\": [{\"entityId\": \"org-acme\", \"capabilityId\": \"ai-tokens\", " + c[0] + "}]}");
        assertThat(r.status()).as(c[0]).isEqualTo(400);
        assertThat(r.body().get("field").asText()).as(c[0]).isEqualTo(c[1]);
      }
      assertThat(api.get("/owners/cus-acme/assignments?limit=100").raw().body()).isEqualTo(before);
    }
  }
}
