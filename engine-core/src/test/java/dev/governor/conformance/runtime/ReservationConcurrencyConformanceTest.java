package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.Reservation;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import dev.governor.testing.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §5.3 under concurrency, through two engines on one store, with the clock moving
 * so that holds expire while they race: the conservation rules. Every budget's usage equals what
 * granted consumes and settles recorded on it; its reported held amount equals the estimates of the
 * reservations still open and unexpired; and no interleaving spends past a limit except by the
 * settles that came after their hold expired (which record what happened, by design). Seeded:
 * the seed is printed, {@code -Dgovernor.seed=N} replays the operation mix.
 */
public abstract class ReservationConcurrencyConformanceTest extends RuntimeConformanceBase {
  private static final String[] USERS = {"user-alice", "user-bob", "user-carol"};
  private static final int WORKERS = 6;
  private static final int OPERATIONS = 250;

  /** One reservation a worker holds open: what it reserved and on which budgets. */
  private record Open(String id, long estimate, long expiresAt, List<UUID> held) {}

  @Test
  void reserveSettleReleaseConsumeAndExpiry_racing_conserveUsageAndHolds() {
    List<Assignment> budgets = List.of(tokens("org-acme", 2_000), tokens("team-eng", 800), tokens("team-sales", 800),
        tokens("user-alice", 300), tokens("user-bob", 300), tokens("user-carol", 300));
    Map<String, List<UUID>> chains = new HashMap<>();
    for (String user : USERS) {
      chains.put(user, statusIds(check(user, 0).budgets()));
    }
    GovernanceEngine[] engines = {engine, newEngine(store, b -> b)};
    Map<UUID, AtomicLong> recorded = new ConcurrentHashMap<>();
    Map<UUID, AtomicLong> late = new ConcurrentHashMap<>();
    for (Assignment a : budgets) {
      recorded.put(a.id(), new AtomicLong());
      late.put(a.id(), new AtomicLong());
    }
    List<Map<String, Open>> stillOpen = new ArrayList<>();
    SplittableRandom seeds = Seeds.random(getClass().getSimpleName() + ".racing");
    List<Workers.Task> tasks = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      GovernanceEngine e = engines[w % 2];
      SplittableRandom random = seeds.split();
      Map<String, Open> open = new HashMap<>();
      stillOpen.add(open);
      tasks.add(() -> {
        for (int op = 0; op < OPERATIONS; op++) {
          String user = USERS[random.nextInt(USERS.length)];
          int dice = random.nextInt(100);
          if (dice < 35) {
            long estimate = 1 + random.nextInt(40);
            ReserveResult r = e.reserve(OWNER, ReserveRequest.of(user, TOKENS, estimate, Duration.ofSeconds(2 + random.nextInt(18))));
            if (r.isGranted()) {
              Reservation res = r.reservation();
              assertThat(res.heldAssignmentIds()).containsExactlyInAnyOrderElementsOf(chains.get(user));
              open.put(res.id(), new Open(res.id(), estimate, res.expiresAt().toEpochMilli(), res.heldAssignmentIds()));
            }
          } else if (dice < 70 && !open.isEmpty()) {
            Open o = open.remove(new ArrayList<>(open.keySet()).get(random.nextInt(open.size())));
            if (dice < 60) {
              long actual = random.nextInt((int) o.estimate() + 1);
              SettleResult s = e.settle(OWNER, o.id(), actual);
              assertThat(s.status()).isEqualTo(SettleResult.Status.SETTLED);
              assertThat(s.overEstimate()).isZero();
              for (UUID id : o.held()) {
                recorded.get(id).addAndGet(actual);
                if (s.expired()) {
                  late.get(id).addAndGet(actual);
                }
              }
            } else {
              assertThat(e.release(OWNER, o.id()).status()).isEqualTo(ReleaseResult.Status.RELEASED);
            }
          } else if (dice < 95) {
            long amount = 1 + random.nextInt(20);
            ConsumeResult c = e.consume(OWNER, dev.governor.runtime.ConsumeRequest.of(user, TOKENS, amount));
            if (c.status() == ConsumeResult.Status.GRANTED) {
              for (BudgetStatus b : c.budgets()) {
                recorded.get(b.assignmentId()).addAndGet(amount);
              }
            }
          } else {
            long amount = 1 + random.nextInt(10);
            if (e.tryConsume(OWNER, user, TOKENS, amount)) {
              for (UUID id : chains.get(user)) {
                recorded.get(id).addAndGet(amount);
              }
            }
          }
        }
      });
    }
    Workers.run("reservations", Duration.ofMinutes(5), tasks, List.of(running -> {
      while (running.getAsBoolean()) {
        clock.advance(Duration.ofMillis(250));
        Thread.sleep(1);
      }
    }));

    long now = clock.millis();
    Map<UUID, Long> expectedHeld = new HashMap<>();
    for (Map<String, Open> open : stillOpen) {
      for (Open o : open.values()) {
        if (now < o.expiresAt()) {
          for (UUID id : o.held()) {
            expectedHeld.merge(id, o.estimate(), Long::sum);
          }
        }
      }
    }
    for (Assignment a : budgets) {
      BudgetStatus s = statusOf(a);
      assertThat(s.currentUsage()).as("usage of %s: what granted consumes and settles recorded", a.entityId())
          .isEqualTo(recorded.get(a.id()).get());
      assertThat(s.reserved()).as("held on %s: the open, unexpired reservations' estimates", a.entityId())
          .isEqualTo(expectedHeld.getOrDefault(a.id(), 0L));
      assertThat(s.currentUsage()).as("%s spent past its limit only by settles after expiry", a.entityId())
          .isLessThanOrEqualTo(a.usageLimit() + late.get(a.id()).get());
      assertThat(s.currentUsage() + s.reserved()).as("%s committed", a.entityId())
          .isLessThanOrEqualTo(a.usageLimit() + late.get(a.id()).get());
    }
  }

  @Test
  void settleAndRelease_ofTheSameReservations_racing_exactlyOneCloseEach() {
    Assignment alice = tokens("user-alice", 10_000);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 100, Duration.ofMinutes(5))).reservation().id());
    }
    GovernanceEngine other = newEngine(store, b -> b);
    AtomicInteger settled = new AtomicInteger();
    AtomicInteger released = new AtomicInteger();
    List<Workers.Task> tasks = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      GovernanceEngine e = w % 2 == 0 ? engine : other;
      boolean settles = w % 3 != 2;
      tasks.add(() -> {
        for (String id : ids) {
          if (settles) {
            try {
              if (e.settle(OWNER, id, 7).status() == SettleResult.Status.SETTLED) {
                settled.incrementAndGet();
              }
            } catch (dev.governor.ConflictException released0) {
              assertThat(released0.reason()).isEqualTo(dev.governor.ConflictException.Reason.RESERVATION_CLOSED);
            }
          } else if (e.release(OWNER, id).status() == ReleaseResult.Status.RELEASED) {
            released.incrementAndGet();
          }
        }
      });
    }
    Workers.run("close-race", Duration.ofMinutes(2), tasks, List.of());

    assertThat(settled.get() + released.get()).as("each reservation closed exactly once").isEqualTo(ids.size());
    BudgetStatus s = statusOf(alice);
    assertThat(s.currentUsage()).isEqualTo(7L * settled.get());
    assertThat(s.reserved()).isZero();
  }

  private static List<UUID> statusIds(List<BudgetStatus> budgets) {
    return budgets.stream().map(BudgetStatus::assignmentId).toList();
  }
}
