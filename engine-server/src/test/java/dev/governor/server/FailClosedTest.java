package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.storage.memory.MemoryStore;
import dev.governor.testing.FaultInjectingStore;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a store that cannot answer makes check, consume and ingest a 503 (never an allow, never
 * a silent drop), and {@code /health} a 503 too; once it answers again, so does the server.
 */
class FailClosedTest {
  @Test
  void decisions_storeDown_503AndNothingRecorded() {
    FaultInjectingStore store = new FaultInjectingStore(MemoryStore.create());
    try (ServerFixture api = new ServerFixture(store)) {
      Trees.acme(api, "cus-acme");
      String consume = "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 5}";
      Trees.ok(api.post("/owners/cus-acme/consume", consume));

      store.ledgerDown(true);
      store.catalogDown(true);

      for (String[] call : new String[][] {
          {"/owners/cus-acme/check", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": 1}"},
          {"/owners/cus-acme/consume", consume},
          {"/owners/cus-acme/ingest", "{\"events\": [{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 5}]}"}}) {
        ServerFixture.Reply r = api.post(call[0], call[1]);
        assertThat(r.status()).as("%s with the store down", call[0]).isEqualTo(503);
        assertThat(r.body().get("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(r.body().toString()).doesNotContain("Injected").doesNotContain("\tat ");
      }
      assertThat(api.send("GET", "/health", null, null).status()).isEqualTo(503);

      store.heal();

      assertThat(api.send("GET", "/health", null, null).status()).isEqualTo(200);
      ServerFixture.Reply check = api.post("/owners/cus-acme/check", "{\"entityIds\": [\"org-acme\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": 0}");
      assertThat(check.status()).isEqualTo(200);
      assertThat(check.body().get("budgets").get(0).get("currentUsage").asLong()).as("only the consume before the outage").isEqualTo(5);
    }
  }
}
