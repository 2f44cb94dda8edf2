package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.governor.StoreUnavailableException;
import dev.governor.catalog.Assignment;
import dev.governor.conformance.runtime.RuntimeConformanceBase;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.redis.testing.RedisServer;
import dev.governor.storage.redis.testing.SharedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §6: whatever goes wrong with Redis (the server killed, a stall past the timeout, the
 * functions flushed, out of memory, a read-only replica), a decision fails closed with
 * {@link StoreUnavailableException} within the configured timeout, no thread is left waiting, nothing
 * is granted that was not recorded, and the same engine serves again once Redis is back.
 *
 * <p>Time bounds here are liveness bounds (10 s against a 300 ms timeout), never speed assertions.
 */
class RedisFailClosedTest extends RuntimeConformanceBase {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration NO_HANG = Duration.ofSeconds(10);
  private static RedisServer server;
  private RedisStore store;

  @BeforeAll
  static void startServer() {
    server = RedisServer.appendFsyncAlways();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected GovernanceStore newStore() {
    if (!server.isRunning()) {
      server.start();
    }
    store = RedisStore.builder().uri(server.uri()).timeout(TIMEOUT).keyPrefix(SharedRedis.freshPrefix()).build();
    return store;
  }

  @AfterEach
  void restore() {
    if (!server.isRunning()) {
      server.start();
    }
    server.cli("CONFIG", "SET", "maxmemory", "0");
    store.close();
  }

  @Test
  void consume_serverKilled_failsClosedThenSameEngineServesAfterRestart() {
    Assignment team = tokens("team-eng", 100);
    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);

    server.kill();

    assertTimeoutPreemptively(NO_HANG, () -> {
      assertThatThrownBy(() -> consume("user-alice", 10)).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> engine.isAllowed(OWNER, "user-alice", TOKENS, 1)).isInstanceOf(StoreUnavailableException.class);
    });
    server.start();

    assertThat(eventually(() -> consume("user-alice", 5).status())).isEqualTo(Status.GRANTED);
    assertThat(usage(team)).isEqualTo(15L);
  }

  @Test
  void consume_serverStalledPastTheTimeout_everyThreadFailsClosedAndNothingHangs() throws Exception {
    Assignment team = tokens("team-eng", 1_000);
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.GRANTED);
    AtomicLong granted = new AtomicLong(1);
    AtomicLong inDoubt = new AtomicLong();
    AtomicLong failed = new AtomicLong();

    // CLIENT PAUSE holds every command past the store's timeout, as a stalled server would.
    server.cli("CLIENT", "PAUSE", "1500", "ALL");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> calls = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      calls.add(pool.submit(() -> {
        try {
          if (consume("user-bob", 2).status() == Status.GRANTED) {
            granted.addAndGet(2);
          }
        } catch (StoreUnavailableException e) {
          failed.incrementAndGet();
          inDoubt.addAndGet(2);
        }
      }));
    }
    assertTimeoutPreemptively(NO_HANG, () -> {
      for (Future<?> f : calls) {
        f.get();
      }
    });
    pool.shutdown();

    assertThat(failed.get()).as("calls that waited on the stalled server").isPositive();
    server.cli("PING"); // answered once the pause is over: the held calls have run by then
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.GRANTED);
    granted.incrementAndGet();
    // A timed-out call may still run when the server wakes: recorded, never granted unrecorded.
    assertThat(usage(team)).isBetween(granted.get(), granted.get() + inDoubt.get());
  }

  @Test
  void consume_functionsFlushed_reloadsTheLibraryAndServes() {
    Assignment team = tokens("team-eng", 100);
    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);

    server.cli("FUNCTION", "FLUSH");
    assertThat(server.cli("FUNCTION", "LIST")).as("no library left").doesNotContain("governor_");

    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);
    assertThat(engine.isAllowed(OWNER, "user-alice", TOKENS, 80)).isTrue();
    assertThat(usage(team)).isEqualTo(20L);
  }

  @Test
  void consume_outOfMemory_failsClosedChangesNothingAndServesWhenMemoryReturns() {
    Assignment team = tokens("team-eng", 100);
    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);

    server.cli("CONFIG", "SET", "maxmemory-policy", "noeviction");
    server.cli("CONFIG", "SET", "maxmemory", "1");

    assertTimeoutPreemptively(NO_HANG,
        () -> assertThatThrownBy(() -> consume("user-alice", 10)).isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("OOM"));
    server.cli("CONFIG", "SET", "maxmemory", "0");

    assertThat(usage(team)).isEqualTo(10L);
    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);
    assertThat(usage(team)).isEqualTo(20L);
  }

  @Test
  void consume_readOnlyReplica_failsClosedAndThePrimaryIsUnchanged() throws Exception {
    Assignment team = tokens("team-eng", 100);
    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);
    try (RedisServer replica = RedisServer.plain()) {
      replica.cli("REPLICAOF", "127.0.0.1", Integer.toString(server.port()));
      eventually(() -> replica.cli("INFO", "replication").contains("master_link_status:up") ? "up" : null);
      try (RedisStore onReplica = RedisStore.builder().uri(replica.uri()).timeout(TIMEOUT).keyPrefix(prefixOf(store)).build()) {
        dev.governor.GovernanceEngine misdirected = dev.governor.GovernanceEngine.builder().store(onReplica).clock(clock).build();

        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> misdirected.tryConsume(OWNER, "user-alice", TOKENS, 10))
            .isInstanceOf(StoreUnavailableException.class));
      }
    }
    assertThat(usage(team)).isEqualTo(10L);
  }

  private static String prefixOf(RedisStore s) {
    return s.keyPrefix();
  }

  /** Retries a call while the store reconnects; fails the test if it never answers. */
  private static <T> T eventually(java.util.function.Supplier<T> call) {
    long deadline = System.nanoTime() + NO_HANG.toNanos();
    while (true) {
      try {
        T answer = call.get();
        if (answer != null) {
          return answer;
        }
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no answer within " + NO_HANG);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
