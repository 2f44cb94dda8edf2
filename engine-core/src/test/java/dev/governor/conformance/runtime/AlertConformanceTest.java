package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ThresholdCrossed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §5.2: alert thresholds are announced to the engine's listener once per budget,
 * threshold and period, by whichever add reached them (consume, tryConsume or ingest), also with
 * several engines on one store; delivery is asynchronous and never touches a decision.
 */
public abstract class AlertConformanceTest extends RuntimeConformanceBase {
  private final ConcurrentLinkedQueue<ThresholdCrossed> heard = new ConcurrentLinkedQueue<>();
  private int drains;

  private GovernanceEngine listening(ConcurrentLinkedQueue<ThresholdCrossed> into) {
    return newEngine(store, b -> b.listener(into::add));
  }

  private Assignment alertingBudget(String entityId, long limit, double... thresholds) {
    return upsert(AssignmentUpsert.of(entityId, TOKENS).usageLimit(limit).cadence("P1M").alertThresholds(thresholds));
  }

  private static void consume(GovernanceEngine e, String entityId, long amount) {
    assertThat(e.consume(OWNER, ConsumeRequest.of(entityId, TOKENS, amount)).status()).isEqualTo(Status.GRANTED);
  }

  /** Waits (never asserting time) until {@code events} holds one that matches. */
  private static void await(ConcurrentLinkedQueue<ThresholdCrossed> events, Predicate<ThresholdCrossed> match) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (events.stream().noneMatch(match)) {
      assertThat(System.nanoTime()).as("an event matching was announced within 20 s; heard %s", events).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  /**
   * Announces a last threshold through {@code e} and waits for it: events are delivered in order by
   * one thread, so every earlier one has arrived by then.
   */
  private void drain(GovernanceEngine e, ConcurrentLinkedQueue<ThresholdCrossed> events) {
    // A new threshold each time (claims are by fraction), reached by the next unit of api-calls.
    drains++;
    upsert(AssignmentUpsert.of("user-carol", CALLS).usageLimit(1_000).cadence("P1M").alertThresholds(drains / 1_000.0));
    e.consume(OWNER, ConsumeRequest.of("user-carol", CALLS, 1));
    await(events, ev -> ev.entityId().equals("user-carol"));
    events.removeIf(ev -> ev.entityId().equals("user-carol"));
  }

  @Test
  void consume_reachingTwoThresholdsAtOnce_eachAnnouncedOnceWithItsLevel() {
    GovernanceEngine e = listening(heard);
    Assignment org = alertingBudget("org-acme", 100, 0.5, 0.8, 1.0);

    consume(e, "org-acme", 85);
    consume(e, "org-acme", 5);
    drain(e, heard);

    assertThat(heard).extracting(ThresholdCrossed::threshold).containsExactlyInAnyOrder(0.5, 0.8);
    ThresholdCrossed eighty = heard.stream().filter(ev -> ev.threshold() == 0.8).findFirst().orElseThrow();
    assertThat(eighty.assignmentId()).isEqualTo(org.id());
    assertThat(eighty.ownerId()).isEqualTo(OWNER);
    assertThat(eighty.level()).isEqualTo(80);
    assertThat(eighty.usage()).isEqualTo(85);
    assertThat(eighty.limit()).isEqualTo(100);
    assertThat(eighty.periodStart()).isEqualTo(JAN);
    assertThat(eighty.periodEnd()).isEqualTo(FEB);
  }

  @Test
  void consume_nextPeriod_announcedAgain() {
    GovernanceEngine e = listening(heard);
    alertingBudget("org-acme", 10, 0.5);
    consume(e, "org-acme", 6);
    await(heard, ev -> ev.periodStart().equals(JAN));

    clock.set(FEB.plus(Duration.ofHours(1)));
    consume(e, "org-acme", 5);

    await(heard, ev -> ev.periodStart().equals(FEB));
    drain(e, heard);
    assertThat(heard).hasSize(2);
  }

  @Test
  void tryConsumeAndIngest_reachingThresholds_announced() {
    GovernanceEngine e = listening(heard);
    alertingBudget("user-alice", 10, 0.3, 0.9);

    assertThat(e.tryConsume(OWNER, "user-alice", TOKENS, 4)).isTrue();
    e.ingest(OWNER, List.of(event("user-alice", 3), event("user-alice", 3)));
    drain(e, heard);

    assertThat(heard).extracting(ThresholdCrossed::threshold, ThresholdCrossed::usage)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0.3, 4L), org.assertj.core.groups.Tuple.tuple(0.9, 10L));
  }

  @Test
  void tryConsume_reachingThresholdsOnTwoLevelsAtOnce_eachAnnouncedWithItsOwnBudgetsUsage() {
    GovernanceEngine e = listening(heard);
    Assignment orgBudget = alertingBudget("org-acme", 100, 0.5);
    Assignment aliceBudget = alertingBudget("user-alice", 20, 0.5);
    upsert(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(1_000).cadence("P1M")); // no thresholds
    consume(e, "org-acme", 40);

    assertThat(e.tryConsume(OWNER, "user-alice", TOKENS, 12)).isTrue(); // org 52 of 100, alice 12 of 20
    drain(e, heard);

    assertThat(heard).extracting(ThresholdCrossed::assignmentId, ThresholdCrossed::usage, ThresholdCrossed::level)
        .containsExactlyInAnyOrder(tuple(orgBudget.id(), 52L, 50L), tuple(aliceBudget.id(), 12L, 10L));
  }

  @Test
  void settle_reachingAThreshold_announcedWithTheUsageAfterTheSettle() {
    GovernanceEngine e = listening(heard);
    Assignment alice = alertingBudget("user-alice", 20, 0.5, 0.9);
    consume(e, "user-alice", 3);
    String id = e.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 5, Duration.ofMinutes(5))).reservation().id();
    drain(e, heard);
    assertThat(heard).as("a hold reaches no threshold: only usage does").isEmpty();

    e.settle(OWNER, id, 9); // 12 of 20: past 0.5, not 0.9
    drain(e, heard);

    assertThat(heard).extracting(ThresholdCrossed::assignmentId, ThresholdCrossed::threshold, ThresholdCrossed::usage)
        .containsExactly(tuple(alice.id(), 0.5, 12L));
  }

  @Test
  void upsert_limitRaisedAfterAnnouncement_sameThresholdNotAnnouncedAgainThisPeriod() {
    GovernanceEngine e = listening(heard);
    alertingBudget("org-acme", 100, 0.8);
    consume(e, "org-acme", 80);
    upsert(AssignmentUpsert.of("org-acme", TOKENS).usageLimit(200));

    consume(e, "org-acme", 90); // 170 of 200: past 0.8 again, already announced in January
    drain(e, heard);

    assertThat(heard).extracting(ThresholdCrossed::level).containsExactly(80L);
  }

  @Test
  void consume_manyThreadsThroughTwoEngines_eachThresholdAnnouncedExactlyOnce() throws Exception {
    ConcurrentLinkedQueue<ThresholdCrossed> other = new ConcurrentLinkedQueue<>();
    GovernanceEngine a = listening(heard);
    GovernanceEngine b = listening(other);
    // team-eng fills to 600 and carol's 800 always fits: the org ends at exactly 1,400 whatever the interleaving.
    alertingBudget("org-acme", 1_400, 0.25, 0.5, 0.75, 1.0);
    alertingBudget("team-eng", 600, 0.1, 0.9);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      GovernanceEngine e = t % 2 == 0 ? a : b;
      // alice and bob share team-eng (600); carol's team has no budget of its own.
      String user = t % 3 == 0 ? "user-bob" : t % 3 == 1 ? "user-alice" : "user-carol";
      threads.add(new Thread(() -> {
        for (int k = 0; k < 200; k++) {
          e.consume(OWNER, ConsumeRequest.of(user, TOKENS, 2));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    drain(a, heard);
    drain(b, other);

    List<ThresholdCrossed> all = new ArrayList<>(heard);
    all.addAll(other);
    Map<String, Long> perThreshold = all.stream()
        .collect(Collectors.groupingBy(ev -> ev.entityId() + "@" + ev.threshold(), Collectors.counting()));
    assertThat(perThreshold).containsOnlyKeys("org-acme@0.25", "org-acme@0.5", "org-acme@0.75", "org-acme@1.0",
        "team-eng@0.1", "team-eng@0.9");
    assertThat(perThreshold.values()).containsOnly(1L);
  }

  @Test
  void listener_throwingOrSlow_decisionsUnaffectedAndCounted() {
    GovernanceEngine throwing = newEngine(store, b -> b.listener(ev -> {
      throw new IllegalStateException("listener bug");
    }));
    alertingBudget("org-acme", 10, 0.1, 0.2, 0.3);

    for (int k = 0; k < 3; k++) {
      consume(throwing, "org-acme", 1);
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (throwing.listenerStats().failed() < 3) {
      assertThat(System.nanoTime()).as("three failures counted; %s", throwing.listenerStats()).isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(throwing.listenerStats().delivered()).isZero();
  }

  @Test
  void listener_queueFull_eventsDroppedAndCountedNeverBlocking() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    GovernanceEngine slow = newEngine(store, b -> b.listenerQueueCapacity(1).listener(ev -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    alertingBudget("org-acme", 100, 0.1, 0.2, 0.3, 0.4, 0.5);

    for (int k = 0; k < 5; k++) {
      consume(slow, "org-acme", 10);
    }
    release.countDown();

    assertThat(slow.listenerStats().dropped()).as("%s", slow.listenerStats()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void engineWithoutListener_claimsAllTheSame() {
    GovernanceEngine deaf = newEngine(store, b -> b);
    GovernanceEngine e = listening(heard);
    alertingBudget("org-acme", 10, 0.5, 1.0);

    consume(deaf, "org-acme", 6);
    consume(e, "org-acme", 4);
    drain(e, heard);

    assertThat(heard).extracting(ThresholdCrossed::threshold).containsExactly(1.0);
    assertThat(deaf.listenerStats()).isEqualTo(new dev.governor.ListenerStats(0, 0, 0, 0));
  }

}
