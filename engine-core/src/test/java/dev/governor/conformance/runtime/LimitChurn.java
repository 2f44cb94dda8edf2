package dev.governor.conformance.runtime;

import dev.governor.runtime.Subject;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Catalog churn for the concurrency stress test: one thread changes limits and adds scoped budgets
 * while consumes run, another samples usage, and both record every read above the limit in force.
 *
 * <p>Why a bound holds: a consume decides on the limits of one catalog version and the ledger
 * rejects a decision made on an older version, so once a limit change has returned, a usage read
 * {@code U} taken after it includes every consume granted under the old limit, and no later grant can
 * take the usage above {@code max(U, L)} while {@code L} is in force.
 *
 * <ul>
 *   <li>The org limit only goes down, so the lowest {@code max(U, L)} so far bounds every later read:
 *       {@link #orgCeiling}.
 *   <li>Team limits move both ways, kept near the usage so consumes keep racing the limit. Each team
 *       has a seqlock: its epoch is odd while its limit changes, and a read is checked against the
 *       team's {@code max(U, L)} only if the epoch was the same even number before and after it.
 *   <li>Scoped budgets are created during the run and keep their limit.
 * </ul>
 */
final class LimitChurn {
  static final int MIN_ROUNDS = 50;

  private final LoadFixture f;
  volatile long orgCeiling;
  volatile int rounds;
  private final Map<String, AtomicLong> teamEpoch = new ConcurrentHashMap<>();
  private final Map<String, Long> teamCeiling = new ConcurrentHashMap<>();
  /** The highest limit each team ever had (its starting limit included). */
  final Map<String, Long> teamMax = new ConcurrentHashMap<>();
  /** Scoped budget ("entity|model") to its limit. */
  final Map<String, Long> scopedLimits = new ConcurrentHashMap<>();
  final Queue<String> violations = new ConcurrentLinkedQueue<>();

  private final long orgFloor;
  private final double size;

  /** {@code orgFloor}: the lowest org limit the churn sets; scoped limits scale with it (5,000 is size 1). */
  LimitChurn(LoadFixture f, long orgLimit, long orgFloor) {
    this.f = f;
    this.orgCeiling = orgLimit;
    this.orgFloor = orgFloor;
    this.size = orgFloor / 5_000.0;
    f.teams.forEach(t -> teamEpoch.put(t, new AtomicLong()));
  }

  /** Changes limits and adds scoped budgets while the workers run, and at least {@link #MIN_ROUNDS} times. */
  void change(SplittableRandom random, BooleanSupplier running) {
    long orgLimit = orgCeiling;
    while (running.getAsBoolean() || rounds < MIN_ROUNDS) {
      int action = random.nextInt(4);
      if (action == 0) {
        orgLimit = Math.max(orgFloor, orgLimit - 1 - random.nextInt(1_500));
        f.limit(LoadFixture.ORG, orgLimit);
        long usage = f.usage(LoadFixture.ORG);
        if (usage > orgCeiling) {
          violations.add("org usage " + usage + " read after lowering the limit to " + orgLimit
              + " is above the ceiling " + orgCeiling);
        }
        orgCeiling = Math.min(orgCeiling, Math.max(usage, orgLimit));
      } else if (action == 3) {
        String holder = random.nextBoolean() ? LoadFixture.ORG : f.teams.get(random.nextInt(f.teams.size()));
        String model = f.models.get(random.nextInt(f.models.size()));
        String budget = holder + "|" + model;
        if (!scopedLimits.containsKey(budget)) {
          long limit = Math.max(1L, Math.round((100L + random.nextInt(3_000)) * size));
          f.limit(holder, Set.of(model), limit);
          scopedLimits.put(budget, limit);
        }
      } else {
        // A new team limit a little below or above the usage, so that consumes race it both ways.
        String team = f.teams.get(random.nextInt(f.teams.size()));
        AtomicLong epoch = teamEpoch.get(team);
        epoch.incrementAndGet();
        long limit = Math.max(0L, f.usage(team) - 100 + random.nextInt(500));
        teamMax.merge(team, limit, Math::max);
        f.limit(team, limit);
        teamCeiling.put(team, Math.max(f.usage(team), limit));
        epoch.incrementAndGet();
      }
      rounds++;
      // Leave the workers room to run between changes; every change makes their plans stale once.
      LockSupport.parkNanos(100_000L);
    }
  }

  /** Reads usage over and over while the workers run, each read checked against the bound known before it began. */
  void sampleAgainstLimitsInForce(BooleanSupplier running) {
    while (running.getAsBoolean()) {
      long ceiling = orgCeiling;
      long org = f.usage(LoadFixture.ORG);
      if (org > ceiling) {
        violations.add("org usage " + org + " sampled above the ceiling " + ceiling);
      }
      for (String team : f.teams) {
        AtomicLong epoch = teamEpoch.get(team);
        long before = epoch.get();
        Long teamBound = teamCeiling.get(team);
        long usage = f.usage(team);
        if (before % 2 == 0 && teamBound != null && epoch.get() == before && usage > teamBound) {
          violations.add(team + " usage " + usage + " sampled above max(usage after the change, limit) = " + teamBound);
        }
      }
      scopedLimits.forEach((budget, limit) -> {
        long usage = scopedUsage(budget);
        if (usage > limit) {
          violations.add(budget + " usage " + usage + " is above its limit " + limit);
        }
      });
    }
  }

  /** Usage of a scoped budget ("entity|model"), read through a user below the entity, naming the model. */
  long scopedUsage(String budget) {
    String holder = budget.substring(0, budget.indexOf('|'));
    String model = budget.substring(budget.indexOf('|') + 1);
    String user = f.users.stream().filter(u -> holder.equals(LoadFixture.ORG) || f.teamOf.get(u).equals(holder))
        .findFirst().orElseThrow();
    return f.usage(Subject.entities(user, model), holder, Set.of(model));
  }
}
