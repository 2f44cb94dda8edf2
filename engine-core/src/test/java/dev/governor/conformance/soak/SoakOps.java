package dev.governor.conformance.soak;

import static dev.governor.conformance.soak.SoakTenant.CALLS;
import static dev.governor.conformance.soak.SoakTenant.TOKENS;

import dev.governor.ConflictException;
import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.testing.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One soak thread's random operations: consume, tryConsume, ingest with repeated idempotency keys,
 * check, isAllowed and query, and catalog churn (new users, leaf moves, archive and unarchive, limit
 * changes, scoped budgets created and deleted). Every answer is checked on the spot for what can be
 * checked alone (a grant within its limits, a check consistent with itself, periods containing now)
 * and recorded in the {@link SoakLedger} for the conservation checkpoints. Confined to its thread;
 * the tenants and ledger it shares are thread-safe.
 */
final class SoakOps {
  private static final long SIX_HOURS = 6 * 3_600_000L;

  /** The pool of idempotency keys threads draw from at engine time {@code millis}. */
  static long keyEpoch(long millis) {
    return millis / SIX_HOURS;
  }

  private final GovernanceEngine engine;
  private final FakeClock clock;
  private final List<SoakTenant> tenants;
  private final SoakLedger ledger;
  private final SplittableRandom rnd;
  final LongAdder lostRaces;

  SoakOps(GovernanceEngine engine, FakeClock clock, List<SoakTenant> tenants, SoakLedger ledger, SplittableRandom rnd,
      LongAdder lostRaces) {
    this.engine = engine;
    this.clock = clock;
    this.tenants = tenants;
    this.ledger = ledger;
    this.rnd = rnd;
    this.lostRaces = lostRaces;
  }

  /** One random operation. The caller holds the clock gate, so the clock does not move during it. */
  void step() {
    SoakTenant t = tenants.get(rnd.nextInt(tenants.size()));
    int p = rnd.nextInt(100);
    if (p < 28) {
      consume(t);
    } else if (p < 43) {
      tryConsume(t);
    } else if (p < 63) {
      ingest(t);
    } else if (p < 73) {
      check(t);
    } else if (p < 77) {
      engine.isAllowed(t.id, user(t), rnd.nextBoolean() ? TOKENS : CALLS, rnd.nextInt(20));
    } else if (p < 82) {
      query(t);
    } else {
      churn(t);
    }
  }

  private <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  private String user(SoakTenant t) {
    return pick(t.users);
  }

  private Subject subject(SoakTenant t) {
    return switch (rnd.nextInt(4)) {
      case 0 -> Subject.entity(user(t));
      case 1 -> Subject.entity(rnd.nextBoolean() ? pick(t.teams) : pick(t.models));
      case 2 -> Subject.entities(user(t), pick(t.models));
      default -> Subject.dimensions(Map.of("userId", user(t), "modelId", pick(t.models)));
    };
  }

  /** A key from a small pool that changes every six hours of engine time: threads repeat each other's. */
  private String key() {
    return rnd.nextBoolean() ? null : "k-" + keyEpoch(clock.millis()) + "-" + rnd.nextInt(500);
  }

  /**
   * The randomness of one request: a key decides its request (a key reused for another request is
   * refused), so every thread that repeats a key repeats the same subject and amount.
   */
  private RandomGenerator requestRandom(String key) {
    return key == null ? rnd : new java.util.SplittableRandom(key.hashCode());
  }

  /** A subject drawn from {@code r}; a keyed one names only entities every thread always knows. */
  private Subject subject(SoakTenant t, String key, RandomGenerator r) {
    if (key == null) {
      return subject(t);
    }
    String firstUser = t.users.get(0);
    String model = t.models.get(r.nextInt(t.models.size()));
    return switch (r.nextInt(4)) {
      case 0 -> Subject.entity(firstUser);
      case 1 -> Subject.entity(r.nextBoolean() ? t.teams.get(r.nextInt(t.teams.size())) : model);
      case 2 -> Subject.entities(firstUser, model);
      default -> Subject.dimensions(Map.of("userId", firstUser, "modelId", model));
    };
  }

  /** docs/semantics.md §9 for the soak's cadences (minutes, hours, days): whole units counted from the epoch. */
  static Instant periodStart(Cadence cadence, long now) {
    long length = length(cadence);
    return Instant.ofEpochMilli(Math.floorDiv(now, length) * length);
  }

  private static long length(Cadence cadence) {
    return cadence.unit().fixedMillis() * cadence.amount();
  }

  private void checkPeriod(String what, Cadence cadence, Instant start, Instant end, long now) {
    Instant expected = periodStart(cadence, now);
    if (!start.equals(expected) || end.toEpochMilli() - start.toEpochMilli() != length(cadence)) {
      ledger.fail(what + " reported period [" + start + ", " + end + ") for " + cadence + " at " + Instant.ofEpochMilli(now));
    }
  }

  // ------------------------------------------------------------------ runtime

  private void consume(SoakTenant t) {
    String key = key();
    RandomGenerator r = requestRandom(key);
    long amount = 1 + r.nextInt(20);
    ledger.consumed(t.id, key, amount, engine.consume(t.id, ConsumeRequest.of(subject(t, key, r), TOKENS, amount)
        .idempotencyKey(key)));
  }

  private void tryConsume(SoakTenant t) {
    String user = user(t);
    long amount = 1 + rnd.nextInt(5);
    long now = clock.millis();
    if (engine.tryConsume(t.id, user, CALLS, amount)) {
      // The user's own budget applies to every consume on the user, whatever its ancestors are now.
      Assignment own = t.userCalls.get(user);
      ledger.tryConsumed(own.id(), periodStart(own.cadence(), now), amount);
    }
  }

  private void ingest(SoakTenant t) {
    int n = 1 + rnd.nextInt(5);
    List<UsageEvent> events = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = key();
      RandomGenerator r = requestRandom(key);
      long amount = 1 + r.nextInt(20);
      Instant at = rnd.nextInt(5) == 0 ? clock.instant().minusSeconds(rnd.nextInt(7_200)) : null;
      events.add(UsageEvent.of(subject(t, key, r), TOKENS, amount).idempotencyKey(key).at(at));
      keys.add(key);
      amounts.add(amount);
    }
    IngestResult r = engine.ingest(t.id, events);
    ledger.ingested(t.id, keys, amounts, r);
  }

  private void check(SoakTenant t) {
    long amount = rnd.nextInt(50);
    long now = clock.millis();
    CheckResult r = engine.check(t.id, CheckRequest.of(subject(t), rnd.nextBoolean() ? TOKENS : CALLS).amount(amount));
    BudgetStatus firstDenied = null;
    for (BudgetStatus b : r.budgets()) {
      Long limit = b.usageLimit();
      boolean allows = limit == null || amount <= limit - b.currentUsage();
      Long remaining = limit == null ? null : Math.max(0, limit - b.currentUsage());
      if (b.hasAccess() != allows || !Objects.equals(remaining, b.remaining())) {
        ledger.fail("check reported an inconsistent budget for amount " + amount + ": " + b);
      }
      checkPeriod("check", b.cadence(), b.periodStart(), b.periodEnd(), now);
      if (!allows && firstDenied == null) {
        firstDenied = b;
      }
    }
    DenialReason reason = !r.archivedEntityIds().isEmpty() ? DenialReason.ENTITY_ARCHIVED
        : firstDenied != null ? DenialReason.BUDGET_EXCEEDED : null;
    if (r.hasAccess() != (reason == null) || r.reason() != reason || !Objects.equals(r.firstDenied(), firstDenied)) {
      ledger.fail("check answer inconsistent with its own budgets: " + r);
    }
  }

  private void query(SoakTenant t) {
    long now = clock.millis();
    TreeQuery q = TreeQuery.budgets(rnd.nextBoolean() ? TOKENS : CALLS).includeArchived(rnd.nextBoolean())
        .sortBy(pick(List.of(SortField.values()))).limit(1 + rnd.nextInt(50));
    for (TreeRow row : engine.query(t.id, q).items()) {
      Long limit = row.usageLimit();
      Double expected = limit == null ? null : limit == 0 ? (row.currentUsage() == 0 ? 1.0 : Double.POSITIVE_INFINITY)
          : (double) row.currentUsage() / limit;
      if (!Objects.equals(expected, row.utilization())) {
        ledger.fail("query row with a wrong utilization: " + row);
      }
      checkPeriod("query", row.cadence(), row.periodStart(), row.periodEnd(), now);
    }
  }

  // ------------------------------------------------------------------ catalog churn

  private void churn(SoakTenant t) {
    try {
      switch (rnd.nextInt(7)) {
        case 0 -> {
          if (t.users.size() < 200) {
            t.addUser(engine, pick(t.teams), 50 + rnd.nextInt(400));
          }
        }
        case 1 -> engine.entities(t.id).upsert(List.of(EntityUpsert.of(user(t)).parent(pick(t.teams))));
        case 2 -> engine.entities(t.id).archive(List.of(rnd.nextInt(4) == 0 ? pick(t.teams) : user(t)));
        case 3 -> engine.entities(t.id).unarchive(List.of(rnd.nextBoolean() ? pick(t.teams) : user(t)));
        case 4 -> changeLimit(t);
        case 5 -> createScoped(t);
        default -> deleteScoped(t);
      }
    } catch (ConflictException e) {
      // A move under, or a user created under, a team archived meanwhile: the semantics (docs/semantics.md) rejects it.
      lostRaces.increment();
    }
  }

  private void changeLimit(SoakTenant t) {
    Assignment a = pick(t.limited);
    boolean unlimited = a.capabilityId().equals(TOKENS) && rnd.nextInt(10) == 0;
    long limit = rnd.nextInt(a.entityId().contains("-u") ? 300 : a.capabilityId().equals(TOKENS) ? 60_000 : 3_000);
    // Raise the known maximum before the change can be in force.
    t.maxLimit.merge(a.id(), unlimited ? Long.MAX_VALUE : limit, Math::max);
    AssignmentUpsert change = AssignmentUpsert.of(a.entityId(), a.capabilityId());
    engine.assignments(t.id).upsert(List.of(unlimited ? change.unlimited() : change.usageLimit(limit)));
  }

  private void createScoped(SoakTenant t) {
    String holder = rnd.nextBoolean() ? pick(t.orgs) : pick(t.teams);
    String model = pick(t.models);
    // One cadence per key for good: an upsert of an existing key then never changes its cadence.
    String cadence = List.of("PT1M", "PT15M", "PT1H").get(Math.floorMod((holder + model).hashCode(), 3));
    Assignment a = engine.assignments(t.id).upsert(List.of(AssignmentUpsert.of(holder, TOKENS).scope(model)
        .usageLimit(100 + rnd.nextInt(2_000)).cadence(cadence))).get(0);
    t.maxLimit.merge(a.id(), a.usageLimit(), Math::max);
    if (t.scoped.stream().noneMatch(s -> s.id().equals(a.id()))) {
      t.scoped.add(a);
    }
  }

  private void deleteScoped(SoakTenant t) {
    // Other threads delete too: take a snapshot so "not empty" and "pick one" see the same list.
    List<Assignment> scoped = List.copyOf(t.scoped);
    if (scoped.isEmpty()) {
      return;
    }
    Assignment a = pick(scoped);
    engine.assignments(t.id).delete(List.of(a.id()));
    t.scoped.remove(a);
  }
}
