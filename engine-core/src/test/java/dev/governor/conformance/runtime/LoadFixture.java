package dev.governor.conformance.runtime;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.Subject;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One owner shaped for load: a single org, teams under it, users under the teams, and model entities
 * for scoped budgets; every budget is monthly and the clock stands still mid-month, so no period ends
 * during a run and every figure is a plain sum.
 */
final class LoadFixture {
  static final String OWNER = "cus-load";
  static final String ORG = "org-1";
  static final String CAPABILITY = "tokens";

  final FakeClock clock = FakeClock.at("2026-03-10T12:00:00Z");
  final GovernanceEngine engine;
  final List<String> teams = new ArrayList<>();
  final List<String> users = new ArrayList<>();
  final List<String> models = new ArrayList<>();
  /** User to its team. */
  final Map<String, String> teamOf = new LinkedHashMap<>();

  LoadFixture(GovernanceStore store, int teamCount, int usersPerTeam, int modelCount) {
    engine = GovernanceEngine.builder().store(store).clock(clock).build();
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(CAPABILITY)));
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Org").attributionKeys("orgId"),
        EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId"),
        EntityTypeUpsert.of("model").displayName("Model").attributionKeys("modelId")));
    List<EntityUpsert> entities = new ArrayList<>();
    entities.add(EntityUpsert.of(ORG).type("org"));
    for (int t = 0; t < teamCount; t++) {
      String team = "team-" + t;
      teams.add(team);
      entities.add(EntityUpsert.of(team).type("team").parent(ORG));
      for (int u = 0; u < usersPerTeam; u++) {
        String user = "user-" + t + "-" + u;
        users.add(user);
        teamOf.put(user, team);
        entities.add(EntityUpsert.of(user).type("user").parent(team));
      }
    }
    for (int m = 0; m < modelCount; m++) {
      models.add("model-" + m);
      entities.add(EntityUpsert.of("model-" + m).type("model"));
    }
    engine.entities(OWNER).upsert(entities);
  }

  /** Sets the monthly node-wide limit of one entity; null makes it tracked but unlimited. */
  void limit(String entityId, Long limit) {
    limit(entityId, Set.of(), limit);
  }

  /** Sets the monthly limit of one entity's budget scoped to {@code scope}; null is unlimited. */
  void limit(String entityId, Set<String> scope, Long limit) {
    AssignmentUpsert upsert = AssignmentUpsert.of(entityId, CAPABILITY).scope(scope).cadence("P1M");
    engine.assignments(OWNER).upsert(List.of(limit == null ? upsert.unlimited() : upsert.usageLimit(limit)));
  }

  /** Node-wide limits at every level: the org, each team and each user. */
  void limits(Long org, Long team, Long user) {
    limit(ORG, org);
    teams.forEach(t -> limit(t, team));
    users.forEach(u -> limit(u, user));
  }

  /** Every budget that applies to {@code subject}, as a read-only check sees it now. */
  List<BudgetStatus> budgets(Subject subject) {
    return engine.check(OWNER, new CheckRequest(subject, CAPABILITY, 0)).budgets();
  }

  /** The current usage of the budget of {@code entityId} with {@code scope}, reached through {@code subject}. */
  long usage(Subject subject, String entityId, Set<String> scope) {
    for (BudgetStatus b : budgets(subject)) {
      if (b.entityId().equals(entityId) && b.scopeEntityIds().equals(scope)) {
        return b.currentUsage();
      }
    }
    throw new AssertionError("no budget of " + entityId + " scoped to " + scope + " applies to " + subject);
  }

  /** The current usage of the node-wide budget of {@code entityId}, reached through one of the users. */
  long usage(String entityId) {
    String user = users.contains(entityId) ? entityId
        : users.stream().filter(u -> entityId.equals(ORG) || teamOf.get(u).equals(entityId)).findFirst().orElseThrow();
    return usage(Subject.entity(user), entityId, Set.of());
  }
}
