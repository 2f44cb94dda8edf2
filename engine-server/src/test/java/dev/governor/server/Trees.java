package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds the catalogs the tests share over HTTP. Stateless. */
final class Trees {
  private Trees() {}

  /**
   * Types org/team/user/model, capability ai-tokens, and for {@code owner}: org-acme → team-eng →
   * user-alice, model-gpt4o; budgets org 1000, team 500, team scoped to model-gpt4o 50 (all P1M).
   */
  static void acme(ServerFixture api, String owner) {
    ok(api.put("/entity-types", """
        {"types": [
          {"id": "org", "displayName": "Organization", "attributionKeys": ["orgId"]},
          {"id": "team", "displayName": "Team", "attributionKeys": ["teamId"]},
          {"id": "user", "displayName": "User", "attributionKeys": ["userId"]},
          {"id": "model", "displayName": "AI model", "attributionKeys": ["modelId"]}]}"""));
    ok(api.put("/capabilities", "{\"capabilities\": [{\"id\": \"ai-tokens\", \"type\": \"METER\"}]}"));
    ok(api.put("/owners/" + owner + "/entities", """
        {"entities": [
          {"id": "org-acme", "typeRefId": "org"},
          {"id": "team-eng", "typeRefId": "team", "parentId": "org-acme"},
          {"id": "user-alice", "typeRefId": "user", "parentId": "team-eng"},
          {"id": "model-gpt4o", "typeRefId": "model"}]}"""));
    ok(api.put("/owners/" + owner + "/assignments", """
        {"assignments": [
          {"entityId": "org-acme", "capabilityId": "ai-tokens", "usageLimit": 1000, "cadence": "P1M"},
          {"entityId": "team-eng", "capabilityId": "ai-tokens", "usageLimit": 500, "cadence": "P1M"},
          {"entityId": "team-eng", "capabilityId": "ai-tokens", "scopeEntityIds": ["model-gpt4o"], "usageLimit": 50, "cadence": "P1M"}]}"""));
  }

  static ServerFixture.Reply ok(ServerFixture.Reply reply) {
    assertThat(reply.status()).as("setup call answered %s", reply.body()).isEqualTo(200);
    return reply;
  }
}
