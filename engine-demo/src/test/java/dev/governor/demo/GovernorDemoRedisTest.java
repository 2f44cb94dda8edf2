package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.storage.redis.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The demo's {@code --redis URI} runs the same workload on a real Redis server: on one thread (so
 * the order of decisions is the stream's order) it reaches exactly the report of the in-memory store,
 * reservations (late settles through the second engine included) and alerts too.
 */
class GovernorDemoRedisTest {
  @Test
  void run_redisOption_sameReportAsTheMemoryStore() throws InterruptedException {
    try (RedisServer server = RedisServer.plain()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

      DemoReport onRedis = GovernorDemo.run(DemoOptions.parse("--seed", "5", "--requests", "3000", "--threads", "1",
          "--redis", server.uri()), new PrintStream(out, true, StandardCharsets.UTF_8), progress);
      DemoReport inMemory = GovernorDemo.run(DemoOptions.parse("--seed", "5", "--requests", "3000", "--threads", "1"),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), progress);

      assertThat(out.toString(StandardCharsets.UTF_8)).contains("Store: Redis at " + server.uri() + ", keys under governor-demo-");
      assertThat(onRedis.granted()).isPositive();
      assertThat(onRedis.denied()).isPositive();
      assertThat(onRedis.reservations().granted()).isPositive();
      assertThat(onRedis.reservations().settledAfterExpiry()).isPositive();
      assertThat(onRedis.alerts().announced()).isPositive().isEqualTo(onRedis.alerts().listener().delivered());
      assertThat(ReportRenderer.render(onRedis)).isEqualTo(ReportRenderer.render(inMemory));
    }
  }

  @Test
  void parse_redisWithoutRequests_defaultsToTheRedisRequestCount() {
    assertThat(DemoOptions.parse("--redis", "redis://127.0.0.1:6379").requests()).isEqualTo(DemoOptions.DEFAULT_REDIS_REQUESTS);
    assertThat(DemoOptions.parse("--redis=redis://h:1", "--requests", "7").requests()).isEqualTo(7);
  }
}
