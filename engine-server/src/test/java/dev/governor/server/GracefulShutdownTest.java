package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.storage.memory.MemoryStore;
import dev.governor.testing.FaultInjectingStore;
import dev.governor.testing.Stall;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 12: closing the server lets a request in flight finish and answer before it stops. */
class GracefulShutdownTest {
  @Test
  void close_requestInFlight_finishesWithItsAnswer() throws Exception {
    FaultInjectingStore store = new FaultInjectingStore(MemoryStore.create());
    ServerFixture api = new ServerFixture(store);
    Trees.acme(api, "cus-acme");
    Stall stall = store.stall(Stall.Point.LEDGER_OPERATION, "cus-acme");

    CompletableFuture<ServerFixture.Reply> inFlight = CompletableFuture.supplyAsync(() -> api.post("/owners/cus-acme/consume",
        "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 2}"));
    stall.awaitEntered(1, Duration.ofSeconds(30));
    CompletableFuture<Void> closing = CompletableFuture.runAsync(api::close);
    Thread.sleep(200);
    assertThat(closing).as("close waits for the request in flight").isNotDone();

    stall.release();

    ServerFixture.Reply reply = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("status").asText()).isEqualTo("GRANTED");
    closing.get(30, TimeUnit.SECONDS);
  }
}
