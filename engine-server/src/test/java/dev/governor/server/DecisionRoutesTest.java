package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12: check, consume, ingest and query over HTTP, their answers field by field. */
class DecisionRoutesTest {
  private final ServerFixture api = new ServerFixture();

  @BeforeEach
  void tree() {
    Trees.acme(api, "cus-acme");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void check_withinEveryBudget_grantsAndListsEachBudgetLeafToRoot() {
    ServerFixture.Reply r = api.post("/owners/cus-acme/check", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": 100}");

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.body();
    assertThat(body.get("hasAccess").asBoolean()).isTrue();
    assertThat(body.get("reason").isNull()).isTrue();
    assertThat(body.get("deniedBy").isNull()).isTrue();
    assertThat(body.get("budgets")).hasSize(2);
    JsonNode team = body.get("budgets").get(0);
    assertThat(team.get("entityId").asText()).isEqualTo("team-eng");
    assertThat(team.get("usageLimit").asLong()).isEqualTo(500);
    assertThat(team.get("currentUsage").asLong()).isZero();
    assertThat(team.get("remaining").asLong()).isEqualTo(500);
    assertThat(team.get("hasAccess").asBoolean()).isTrue();
    assertThat(team.get("cadence").asText()).isEqualTo("P1M");
    assertThat(team.get("periodStart").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(team.get("periodEnd").asText()).isEqualTo("2026-02-01T00:00:00.000Z");
    assertThat(body.get("budgets").get(1).get("entityId").asText()).isEqualTo("org-acme");
  }

  @Test
  void consume_byDimensionsPastTheScopedBudget_deniedAsAValueAndNothingRecorded() {
    String request = "{\"dimensions\": {\"userId\": \"user-alice\", \"modelId\": \"model-gpt4o\"}, \"capabilityId\": \"ai-tokens\", \"amount\": 40}";
    ServerFixture.Reply first = api.post("/owners/cus-acme/consume", request);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("status").asText()).isEqualTo("GRANTED");
    assertThat(first.body().get("granted").asBoolean()).isTrue();
    assertThat(first.body().get("budgets")).hasSize(3);

    ServerFixture.Reply second = api.post("/owners/cus-acme/consume", request);

    assertThat(second.status()).as("a denial is an answer, not an error").isEqualTo(200);
    assertThat(second.body().get("status").asText()).isEqualTo("DENIED");
    assertThat(second.body().get("reason").asText()).isEqualTo("BUDGET_EXCEEDED");
    assertThat(second.body().get("deniedBy").get("scopeEntityIds").get(0).asText()).isEqualTo("model-gpt4o");
    assertThat(api.post("/owners/cus-acme/check", "{\"entityIds\": [\"org-acme\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": 0}")
        .body().get("budgets").get(0).get("currentUsage").asLong()).isEqualTo(40);
  }

  @Test
  void consume_sameIdempotencyKeyTwice_secondIsDuplicateAndCountedOnce() {
    String request = "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 7, \"idempotencyKey\": \"req-1\"}";
    assertThat(api.post("/owners/cus-acme/consume", request).body().get("status").asText()).isEqualTo("GRANTED");

    ServerFixture.Reply again = api.post("/owners/cus-acme/consume", request);

    assertThat(again.body().get("status").asText()).isEqualTo("DUPLICATE");
    assertThat(again.body().get("granted").asBoolean()).isTrue();
    assertThat(api.post("/owners/cus-acme/check", "{\"entityIds\": [\"org-acme\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": 0}")
        .body().get("budgets").get(0).get("currentUsage").asLong()).isEqualTo(7);
  }

  @Test
  void ingest_eventsWithKeyAndTimestamp_recordedDuplicateAndLateReported() {
    ServerFixture.Reply r = api.post("/owners/cus-acme/ingest", """
        {"events": [
          {"entityIds": ["user-alice"], "capabilityId": "ai-tokens", "amount": 30, "idempotencyKey": "e-1"},
          {"entityIds": ["user-alice"], "capabilityId": "ai-tokens", "amount": 30, "idempotencyKey": "e-1"},
          {"dimensions": {"userId": "user-alice"}, "capabilityId": "ai-tokens", "amount": 5, "timestamp": "2025-12-31T23:00:00.000Z"}]}""");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("recorded").asInt()).isEqualTo(1);
    assertThat(r.body().get("duplicates").asInt()).isEqualTo(1);
    assertThat(r.body().get("late").asInt()).isEqualTo(1);
    JsonNode first = r.body().get("events").get(0);
    assertThat(first.get("outcome").asText()).isEqualTo("RECORDED");
    assertThat(first.get("budgets").get(0).get("usageAfter").asLong()).isEqualTo(30);
    assertThat(r.body().get("events").get(2).get("outcome").asText()).isEqualTo("LATE");
  }

  @Test
  void query_byUtilization_rowsOfEveryBudgetMostUsedFirst() {
    api.post("/owners/cus-acme/consume", "{\"dimensions\": {\"userId\": \"user-alice\", \"modelId\": \"model-gpt4o\"}, \"capabilityId\": \"ai-tokens\", \"amount\": 25}");

    ServerFixture.Reply r = api.get("/owners/cus-acme/query?capabilityIds=ai-tokens&sortBy=utilization&order=desc&limit=2");

    assertThat(r.status()).isEqualTo(200);
    JsonNode rows = r.body().get("data");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("entityId").asText()).isEqualTo("team-eng");
    assertThat(rows.get(0).get("scopeEntityIds").get(0).asText()).isEqualTo("model-gpt4o");
    assertThat(rows.get(0).get("utilization").asDouble()).isEqualTo(0.5);
    assertThat(rows.get(0).get("entityTypeId").asText()).isEqualTo("team");
    String next = r.body().get("pagination").get("next").asText();
    ServerFixture.Reply page2 = api.get("/owners/cus-acme/query?capabilityIds=ai-tokens&sortBy=utilization&order=desc&limit=2&after=" + next);
    assertThat(page2.body().get("data")).hasSize(1);
    assertThat(page2.body().get("pagination").get("next").isNull()).isTrue();
  }

  @Test
  void query_withoutCapabilities_oneRowPerEntityWithItsParent() {
    ServerFixture.Reply r = api.get("/owners/cus-acme/query?sortBy=id&order=asc");

    assertThat(r.status()).isEqualTo(200);
    JsonNode rows = r.body().get("data");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).get("entityId").asText()).isEqualTo("model-gpt4o");
    assertThat(rows.get(3).get("entityId").asText()).isEqualTo("user-alice");
    assertThat(rows.get(3).get("parentId").asText()).isEqualTo("team-eng");
    assertThat(rows.get(3).get("currentUsage").isNull()).isTrue();
  }

  @Test
  void health_storeAnswers_ok() {
    ServerFixture.Reply r = api.send("GET", "/health", null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("status").asText()).isEqualTo("ok");
  }
}
