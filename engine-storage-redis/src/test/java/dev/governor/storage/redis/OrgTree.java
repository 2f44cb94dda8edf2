package dev.governor.storage.redis;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one owner the fleet, crash and restart tests govern: org {@code org-1} with two teams and
 * five users, each holding a monthly {@code ai-tokens} budget. It installs that catalog through an
 * engine and turns "amount granted per consuming entity" into "usage each budget must show", the
 * sum over the entity and everything under it.
 *
 * <pre>
 * org-1 ─┬─ team-a ─┬─ user-a1
 *        │          ├─ user-a2
 *        │          └─ user-a3
 *        └─ team-b ─┬─ user-b1
 *                   └─ user-b2
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
final class OrgTree {
  static final String OWNER = "cus-fleet";
  static final String TOKENS = "ai-tokens";
  static final String ORG = "org-1";
  static final String TEAM_A = "team-a";
  static final String TEAM_B = "team-b";

  /**
   * Every engine of these tests reads this clock, mid-month: with the system clock a run crossing a
   * UTC month boundary would split usage over two periods and break every sum.
   */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

  /** Entity id to parent id (null for the root), root first so a batch creates parents first. */
  private static final Map<String, String> PARENTS = parents();

  private final Map<String, Long> limits;

  private OrgTree(Map<String, Long> limits) {
    this.limits = Map.copyOf(limits);
  }

  /**
   * Limits that the fleet hits at every level: user-a1 (300) runs dry early, team-b (1,200) below
   * what its users may take, and the org (5,000) below what team-a (4,000) and team-b may take
   * together.
   */
  static OrgTree tight() {
    return new OrgTree(Map.of(ORG, 5_000L, TEAM_A, 4_000L, TEAM_B, 1_200L,
        "user-a1", 300L, "user-a2", 1_500L, "user-a3", 1_500L, "user-b1", 1_000L, "user-b2", 1_000L));
  }

  /** Limits a test never reaches, for tests about durability rather than denial. */
  static OrgTree roomy() {
    Map<String, Long> limits = new LinkedHashMap<>();
    for (String id : PARENTS.keySet()) {
      limits.put(id, 1_000_000_000L);
    }
    return new OrgTree(limits);
  }

  /** Every entity id, the root first. */
  List<String> entityIds() {
    return List.copyOf(PARENTS.keySet());
  }

  /** The entities that consume: every team and user (each consume also counts at its ancestors). */
  List<String> subjects() {
    return entityIds().stream().filter(id -> !id.equals(ORG)).toList();
  }

  long limit(String entityId) {
    return limits.get(entityId);
  }

  /**
   * Creates types {@code org, team, user}, capability {@code ai-tokens}, the entities and one monthly
   * budget per entity.
   *
   * @return each entity's budget, by entity id
   */
  Map<String, Assignment> install(GovernanceEngine engine) {
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Organization").attributionKeys("orgId"),
        EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS)));
    List<EntityUpsert> entities = new ArrayList<>();
    List<AssignmentUpsert> budgets = new ArrayList<>();
    PARENTS.forEach((id, parent) -> {
      EntityUpsert entity = EntityUpsert.of(id).type(typeOf(id));
      entities.add(parent == null ? entity : entity.parent(parent));
      budgets.add(AssignmentUpsert.of(id, TOKENS).usageLimit(limits.get(id)).cadence("P1M"));
    });
    engine.entities(OWNER).upsert(entities);
    Map<String, Assignment> byEntity = new LinkedHashMap<>();
    for (Assignment a : engine.assignments(OWNER).upsert(budgets)) {
      byEntity.put(a.entityId(), a);
    }
    return byEntity;
  }

  /**
   * The usage each budget must show when {@code grantedBySubject} was granted: an entity's budget
   * counts what it and every entity under it consumed.
   */
  Map<String, Long> perLevel(Map<String, Long> grantedBySubject) {
    Map<String, Long> usage = new LinkedHashMap<>();
    PARENTS.keySet().forEach(id -> usage.put(id, 0L));
    grantedBySubject.forEach((subject, amount) -> {
      if (!PARENTS.containsKey(subject)) {
        throw new IllegalArgumentException("not an entity of the tree: " + subject);
      }
      for (String id = subject; id != null; id = PARENTS.get(id)) {
        usage.merge(id, amount, Long::sum);
      }
    });
    return usage;
  }

  private static String typeOf(String id) {
    return id.equals(ORG) ? "org" : id.startsWith("team-") ? "team" : "user";
  }

  private static Map<String, String> parents() {
    Map<String, String> parents = new LinkedHashMap<>();
    parents.put(ORG, null);
    parents.put(TEAM_A, ORG);
    parents.put(TEAM_B, ORG);
    for (String user : List.of("user-a1", "user-a2", "user-a3")) {
      parents.put(user, TEAM_A);
    }
    for (String user : List.of("user-b1", "user-b2")) {
      parents.put(user, TEAM_B);
    }
    return Collections.unmodifiableMap(parents);
  }
}
