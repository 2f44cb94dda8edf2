package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: every request of the seed's setup guide ({@code ../shared/seed/}), bodies as written
 * there (curl and TypeScript variants), sent by a real HTTP client to a server on a free port; each
 * answer's status code and shape as the guide shows. Where the guide assumes something it never
 * created ({@code team-old-project}, {@code model-gpt4o}), the test creates it first and says so.
 */
class SeedGuideReplayTest {
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  private final ServerFixture api = new ServerFixture();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void setupGuide_everyRequestAsWritten_answersAsTheGuideShows() {
    // Step 1 — entity types (curl body).
    ServerFixture.Reply types = api.put("/entity-types", """
        {
          "types": [
            { "id": "org",   "displayName": "Organization", "attributionKeys": ["orgId"] },
            { "id": "team",  "displayName": "Team",         "attributionKeys": ["teamId"] },
            { "id": "user",  "displayName": "User",         "attributionKeys": ["userId"] },
            { "id": "agent", "displayName": "AI agent",     "attributionKeys": ["agentId"] }
          ]
        }""");
    assertThat(types.status()).isEqualTo(200);
    assertThat(types.body().isArray()).as("an upsert answers a bare array").isTrue();
    assertThat(types.body()).hasSize(4);
    JsonNode org = types.body().get(0);
    assertThat(fieldNames(org)).containsExactly("id", "displayName", "attributionKeys", "createdAt", "updatedAt");
    assertThat(org.get("id").asText()).isEqualTo("org");
    assertThat(org.get("displayName").asText()).isEqualTo("Organization");
    assertThat(org.get("attributionKeys").get(0).asText()).isEqualTo("orgId");
    assertThat(org.get("createdAt").asText()).isEqualTo("2026-01-15T10:00:00.000Z");
    assertThat(org.get("updatedAt").asText()).matches(TIMESTAMP);

    // "The upsert is idempotent — re-submitting the same payload is safe."
    assertThat(api.put("/entity-types", "{\"types\": [{ \"id\": \"org\", \"displayName\": \"Organization\", \"attributionKeys\": [\"orgId\"] }]}")
        .status()).isEqualTo(200);

    ServerFixture.Reply typeList = api.get("/entity-types?limit=20");
    assertThat(typeList.status()).isEqualTo(200);
    assertThat(fieldNames(typeList.body())).containsExactly("data", "pagination");
    assertThat(typeList.body().get("data")).hasSize(4);
    assertThat(fieldNames(typeList.body().get("pagination"))).containsExactly("next", "prev");
    assertThat(typeList.body().get("pagination").get("next").isNull()).isTrue();

    // Step 2 — capabilities: the TypeScript body (three) and the curl body (two of them again).
    ServerFixture.Reply caps = api.put("/capabilities", """
        {
          "capabilities": [
            { "id": "api-calls", "type": "METER" },
            { "id": "ai-tokens", "type": "METER" },
            { "id": "seats",     "type": "METER" }
          ]
        }""");
    assertThat(caps.status()).isEqualTo(200);
    assertThat(caps.body()).hasSize(3);
    ServerFixture.Reply capsCurl = api.put("/capabilities", """
        {
          "capabilities": [
            { "id": "api-calls", "type": "METER" },
            { "id": "ai-tokens", "type": "METER" }
          ]
        }""");
    assertThat(capsCurl.status()).isEqualTo(200);
    JsonNode apiCalls = capsCurl.body().get(0);
    assertThat(fieldNames(apiCalls)).containsExactly("id", "type", "createdAt", "updatedAt");
    assertThat(apiCalls.get("type").asText()).isEqualTo("METER");

    ServerFixture.Reply oneCap = api.get("/capabilities/api-calls");
    assertThat(oneCap.status()).isEqualTo(200);
    assertThat(oneCap.body().get("id").asText()).isEqualTo("api-calls");

    // Step 3 — entities for cus-acme.
    ServerFixture.Reply entities = api.put("/owners/cus-acme/entities", """
        {
          "entities": [
            { "id": "org-acme",     "typeRefId": "org",   "metadata": { "plan": "enterprise" } },
            { "id": "team-eng",     "typeRefId": "team" },
            { "id": "team-product", "typeRefId": "team" },
            { "id": "agent-claude", "typeRefId": "agent" }
          ]
        }""");
    assertThat(entities.status()).isEqualTo(200);
    assertThat(entities.body()).hasSize(4);
    JsonNode orgAcme = entities.body().get(0);
    assertThat(fieldNames(orgAcme)).contains("id", "typeId", "metadata", "archivedAt", "createdAt", "updatedAt");
    assertThat(orgAcme.get("typeId").asText()).isEqualTo("org");
    assertThat(orgAcme.get("metadata").get("plan").asText()).isEqualTo("enterprise");
    assertThat(orgAcme.get("archivedAt").isNull()).isTrue();
    assertThat(orgAcme.get("createdAt").asText()).isEqualTo("2026-01-15T10:00:00.000Z");

    ServerFixture.Reply all = api.get("/owners/cus-acme/entities?limit=20");
    assertThat(all.status()).isEqualTo(200);
    assertThat(ids(all.body().get("data"))).containsExactlyInAnyOrder("org-acme", "team-eng", "team-product", "agent-claude");
    ServerFixture.Reply teams = api.get("/owners/cus-acme/entities?limit=20&refId=team");
    assertThat(ids(teams.body().get("data"))).containsExactlyInAnyOrder("team-eng", "team-product");
    ServerFixture.Reply one = api.get("/owners/cus-acme/entities/org-acme");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body().get("id").asText()).isEqualTo("org-acme");

    // Archive and unarchive: the guide archives team-old-project, which it never created.
    assertThat(api.put("/owners/cus-acme/entities", "{\"entities\": [{\"id\": \"team-old-project\", \"typeRefId\": \"team\"}]}").status())
        .isEqualTo(200);
    ServerFixture.Reply archived = api.post("/owners/cus-acme/entities/archive", "{ \"ids\": [\"team-old-project\"] }");
    assertThat(archived.status()).isEqualTo(204);
    assertThat(archived.body()).isNull();
    assertThat(ids(api.get("/owners/cus-acme/entities?limit=20").body().get("data"))).doesNotContain("team-old-project");
    ServerFixture.Reply byId = api.get("/owners/cus-acme/entities/team-old-project");
    assertThat(byId.status()).as("an archived entity stays reachable by id").isEqualTo(200);
    assertThat(byId.body().get("archivedAt").asText()).matches(TIMESTAMP);
    assertThat(ids(api.get("/owners/cus-acme/entities?limit=20&includeArchived=true").body().get("data"))).contains("team-old-project");
    assertThat(api.post("/owners/cus-acme/entities/unarchive", "{ \"ids\": [\"team-old-project\"] }").status()).isEqualTo(204);
    assertThat(ids(api.get("/owners/cus-acme/entities?limit=20").body().get("data"))).contains("team-old-project");

    // Step 4 — assignments (curl body).
    ServerFixture.Reply assignments = api.put("/owners/cus-acme/assignments", """
        {
          "assignments": [
            {
              "entityId": "org-acme",
              "capabilityId": "ai-tokens",
              "usageLimit": 1000000,
              "cadence": "P1M"
            },
            {
              "entityId": "team-eng",
              "capabilityId": "ai-tokens",
              "parentId": "org-acme",
              "usageLimit": 200000,
              "cadence": "P1M"
            }
          ]
        }""");
    assertThat(assignments.status()).isEqualTo(200);
    assertThat(assignments.body()).hasSize(2);
    JsonNode orgBudget = assignments.body().get(0);
    assertThat(fieldNames(orgBudget)).contains("id", "entityId", "capabilityId", "scopeEntityIds", "usageLimit", "cadence", "parentId",
        "createdAt", "updatedAt");
    assertThat(UUID.fromString(orgBudget.get("id").asText())).isNotNull();
    assertThat(orgBudget.get("scopeEntityIds")).isEmpty();
    assertThat(orgBudget.get("usageLimit").asLong()).isEqualTo(1_000_000L);
    assertThat(orgBudget.get("cadence").asText()).isEqualTo("P1M");
    assertThat(orgBudget.get("parentId").isNull()).isTrue();
    assertThat(assignments.body().get(1).get("parentId").asText()).as("team-eng placed under org-acme").isEqualTo("org-acme");

    // Scoped sub-budgets: the guide scopes to model-gpt4o, which it never created.
    assertThat(api.put("/entity-types", "{\"types\": [{\"id\": \"model\", \"displayName\": \"AI model\", \"attributionKeys\": [\"modelId\"]}]}")
        .status()).isEqualTo(200);
    assertThat(api.put("/owners/cus-acme/entities", "{\"entities\": [{\"id\": \"model-gpt4o\", \"typeRefId\": \"model\"}]}").status())
        .isEqualTo(200);
    ServerFixture.Reply scoped = api.put("/owners/cus-acme/assignments", """
        {
          "assignments": [
            { "entityId": "team-eng", "capabilityId": "ai-tokens", "scopeEntityIds": [],              "usageLimit": 200000, "cadence": "P1M" },
            { "entityId": "team-eng", "capabilityId": "ai-tokens", "scopeEntityIds": ["model-gpt4o"], "usageLimit": 10000,  "cadence": "P1M" }
          ]
        }""");
    assertThat(scoped.status()).isEqualTo(200);
    assertThat(scoped.body().get(1).get("scopeEntityIds").get(0).asText()).isEqualTo("model-gpt4o");

    ServerFixture.Reply byEntity = api.get("/owners/cus-acme/assignments?entityId=team-eng");
    assertThat(byEntity.status()).isEqualTo(200);
    assertThat(byEntity.body().get("data")).hasSize(2);
    ServerFixture.Reply byCap = api.get("/owners/cus-acme/assignments?limit=20&capabilityId=ai-tokens");
    assertThat(byCap.body().get("data")).hasSize(3);
    ServerFixture.Reply oneBudget = api.get("/owners/cus-acme/assignments/" + orgBudget.get("id").asText());
    assertThat(oneBudget.status()).isEqualTo(200);
    assertThat(oneBudget.body().get("entityId").asText()).isEqualTo("org-acme");

    // "usageLimit: null — tracked but unlimited"; omitting it keeps the value.
    ServerFixture.Reply unlimited = api.put("/owners/cus-acme/assignments",
        "{\"assignments\": [{\"entityId\": \"org-acme\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": null}]}");
    assertThat(unlimited.status()).isEqualTo(200);
    assertThat(unlimited.body().get(0).get("usageLimit").isNull()).isTrue();
    assertThat(unlimited.body().get(0).get("cadence").asText()).as("omitted cadence kept").isEqualTo("P1M");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("id").asText()));
    return out;
  }
}
