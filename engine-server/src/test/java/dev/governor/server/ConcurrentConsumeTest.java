package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: 8 client threads consuming over HTTP from one org budget never overspend it, and what
 * the server granted is exactly what it recorded (conservation), at every level.
 */
class ConcurrentConsumeTest {
  private static final int THREADS = 8;
  private static final int CONSUMES_PER_THREAD = 150;
  private static final long ORG_LIMIT = 1000;

  @Test
  void consume_eightClientsOnOneOrgBudget_neverOverspendAndGrantedEqualsRecorded() throws Exception {
    try (ServerFixture api = new ServerFixture()) {
      Trees.ok(api.put("/entity-types", "{\"types\": [{\"id\": \"org\", \"displayName\": \"Org\"}, {\"id\": \"user\", \"displayName\": \"User\"}]}"));
      Trees.ok(api.put("/capabilities", "{\"capabilities\": [{\"id\": \"ai-tokens\", \"type\": \"METER\"}]}"));
      StringBuilder users = new StringBuilder("{\"entities\": [{\"id\": \"org-1\", \"typeRefId\": \"org\"}");
      for (int t = 0; t < THREADS; t++) {
        users.append(", {\"id\": \"user-").append(t).append("\", \"typeRefId\": \"user\", \"parentId\": \"org-1\"}");
      }
      Trees.ok(api.put("/owners/cus-acme/entities", users.append("]}").toString()));
      StringBuilder budgets = new StringBuilder("{\"assignments\": [{\"entityId\": \"org-1\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": " + ORG_LIMIT + ", \"cadence\": \"P1M\"}");
      for (int t = 0; t < THREADS; t++) {
        budgets.append(", {\"entityId\": \"user-").append(t).append("\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": 400, \"cadence\": \"P1M\"}");
      }
      Trees.ok(api.put("/owners/cus-acme/assignments", budgets.append("]}").toString()));

      AtomicLong granted = new AtomicLong();
      long[] grantedPerUser = new long[THREADS];
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> clients = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int user = t;
        clients.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < CONSUMES_PER_THREAD; i++) {
            long amount = 1 + (i * 7 + user) % 5;
            ServerFixture.Reply r = api.post("/owners/cus-acme/consume",
                "{\"entityIds\": [\"user-" + user + "\"], \"capabilityId\": \"ai-tokens\", \"amount\": " + amount + "}");
            assertThat(r.status()).as("consume answered %s", r.body()).isEqualTo(200);
            if (r.body().get("status").asText().equals("GRANTED")) {
              granted.addAndGet(amount);
              grantedPerUser[user] += amount;
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : clients) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();

      JsonNode rows = api.get("/owners/cus-acme/query?capabilityIds=ai-tokens&sortBy=id&order=asc&limit=100").body().get("data");
      long orgUsage = -1;
      for (JsonNode row : rows) {
        long usage = row.get("currentUsage").asLong();
        assertThat(usage).as("usage of %s", row.get("entityId")).isLessThanOrEqualTo(row.get("usageLimit").asLong());
        String entity = row.get("entityId").asText();
        if (entity.equals("org-1")) {
          orgUsage = usage;
        } else {
          int user = Integer.parseInt(entity.substring("user-".length()));
          assertThat(usage).as("recorded for %s", entity).isEqualTo(grantedPerUser[user]);
        }
      }
      assertThat(orgUsage).as("org usage recorded").isEqualTo(granted.get());
      assertThat(orgUsage).as("the contended org budget was spent to its limit").isGreaterThan(ORG_LIMIT - 5);
    }
  }
}
