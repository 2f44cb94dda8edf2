package dev.governor.conformance.soak;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the soak knows of one owner's catalog while threads change it: the fixed hierarchy (two orgs,
 * four teams, two models), the users that are ready (their {@code api-calls} budget exists, so a
 * {@code tryConsume} on them is known to count in it), the budgets whose limits churn may change,
 * the scoped budgets churn may delete, and the highest limit each budget ever had (raised before a
 * change is sent, so a checkpoint never sees a limit it does not know). Thread-safe.
 */
final class SoakTenant {
  static final String TOKENS = "ai-tokens";
  static final String CALLS = "api-calls";
  /** Cadences churn never changes (a cadence change carries usage between periods). */
  static final String USER_CADENCE = "PT1M";

  final String id;
  final List<String> orgs;
  final List<String> teams;
  final List<String> models;
  final List<String> users = new CopyOnWriteArrayList<>();
  /** Each ready user's {@code api-calls} budget, which only {@code tryConsume} ever adds to. */
  final Map<String, Assignment> userCalls = new ConcurrentHashMap<>();
  /** Node-wide budgets whose limit churn changes (never deleted). */
  final List<Assignment> limited = new CopyOnWriteArrayList<>();
  /** Scoped budgets churn creates and deletes. */
  final List<Assignment> scoped = new CopyOnWriteArrayList<>();
  /** The highest limit each budget ever had; {@link Long#MAX_VALUE} once unlimited. */
  final Map<UUID, Long> maxLimit = new ConcurrentHashMap<>();
  final AtomicInteger nextUser = new AtomicInteger();

  private SoakTenant(String id) {
    this.id = id;
    this.orgs = List.of(id + "-o0", id + "-o1");
    this.teams = List.of(id + "-t0", id + "-t1", id + "-t2", id + "-t3");
    this.models = List.of(id + "-m0", id + "-m1");
  }

  /** Creates the owner's hierarchy and budgets: short cadences, so that many periods pass. */
  static SoakTenant create(GovernanceEngine engine, String id, int users) {
    SoakTenant t = new SoakTenant(id);
    List<EntityUpsert> entities = new ArrayList<>();
    t.orgs.forEach(o -> entities.add(EntityUpsert.of(o).type("org")));
    for (int i = 0; i < t.teams.size(); i++) {
      entities.add(EntityUpsert.of(t.teams.get(i)).type("team").parent(t.orgs.get(i % 2)));
    }
    t.models.forEach(m -> entities.add(EntityUpsert.of(m).type("model")));
    engine.entities(id).upsert(entities);
    List<AssignmentUpsert> budgets = new ArrayList<>();
    t.orgs.forEach(o -> {
      budgets.add(AssignmentUpsert.of(o, TOKENS).usageLimit(50_000).cadence("PT1H"));
      budgets.add(AssignmentUpsert.of(o, CALLS).usageLimit(2_000).cadence("PT15M"));
    });
    t.teams.forEach(team -> {
      budgets.add(AssignmentUpsert.of(team, TOKENS).usageLimit(10_000).cadence("PT15M"));
      budgets.add(AssignmentUpsert.of(team, CALLS).usageLimit(800).cadence("PT1M"));
    });
    t.models.forEach(m -> budgets.add(AssignmentUpsert.of(m, TOKENS).usageLimit(200_000).cadence("P1D")));
    engine.assignments(id).upsert(budgets).forEach(a -> t.track(a, true));
    for (int i = 0; i < users; i++) {
      t.addUser(engine, t.teams.get(i % t.teams.size()), 200);
    }
    return t;
  }

  /** Remembers a budget and its limit. */
  void track(Assignment a, boolean limitChurn) {
    maxLimit.merge(a.id(), a.usageLimit() == null ? Long.MAX_VALUE : a.usageLimit(), Math::max);
    if (limitChurn) {
      limited.add(a);
    }
  }

  /**
   * Creates a user under {@code team} with its budgets, and only then makes it ready.
   *
   * @throws dev.governor.ConflictException when the team was archived meanwhile (a lost race)
   */
  void addUser(GovernanceEngine engine, String team, long tokenLimit) {
    String user = id + "-u" + nextUser.getAndIncrement();
    engine.entities(id).upsert(List.of(EntityUpsert.of(user).type("user").parent(team)));
    List<Assignment> created = engine.assignments(id).upsert(List.of(
        AssignmentUpsert.of(user, CALLS).usageLimit(100).cadence(USER_CADENCE),
        AssignmentUpsert.of(user, TOKENS).usageLimit(tokenLimit).cadence(USER_CADENCE)));
    created.forEach(a -> track(a, true));
    userCalls.put(user, created.get(0));
    users.add(user);
  }
}
