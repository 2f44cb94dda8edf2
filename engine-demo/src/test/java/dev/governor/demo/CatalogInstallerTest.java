package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.governor.GovernanceEngine;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.EntityType;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.Subject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogInstallerTest {
  static GovernanceEngine provisioned() {
    GovernanceEngine engine = Simulation.newEngine();
    CatalogInstaller.installCatalog(engine);
    SeedCatalog.owners().forEach(plan -> CatalogInstaller.provision(engine, plan));
    return engine;
  }

  @Test
  void installCatalog_seedTypesAndCapabilities_existWithTheirAttributionKeys() {
    GovernanceEngine engine = provisioned();

    assertThat(engine.entityTypes().list(PageRequest.first(100)).items())
        .extracting(EntityType::id, t -> t.attributionKeys().get(0))
        .containsExactlyInAnyOrder(tuple("org", "orgId"), tuple("team", "teamId"), tuple("user", "userId"),
            tuple("agent", "agentId"), tuple("model", "modelId"));
    assertThat(engine.capabilities().get("ai-tokens")).isPresent();
    assertThat(engine.capabilities().get("api-calls")).isPresent();
  }

  @Test
  void provision_acme_matchesTheSetupGuide() {
    GovernanceEngine engine = provisioned();

    assertThat(engine.entities("cus-acme").get("org-acme").orElseThrow().metadata())
        .isEqualTo(Map.of("plan", "enterprise"));
    assertThat(engine.entities("cus-acme").get("team-eng").orElseThrow().parentId()).isEqualTo("org-acme");
    assertThat(limit(engine, AssignmentKey.of("org-acme", "ai-tokens"))).isEqualTo(1_000_000L);
    assertThat(limit(engine, AssignmentKey.of("team-eng", "ai-tokens"))).isEqualTo(200_000L);
    assertThat(limit(engine, AssignmentKey.of("team-eng", "ai-tokens", "model-gpt4o"))).isEqualTo(10_000L);
    Assignment tracked = engine.assignments("cus-acme").get(AssignmentKey.of("team-data", "ai-tokens")).orElseThrow();
    assertThat(tracked.isUnlimited()).isTrue();
    assertThat(tracked.cadence()).hasToString("P1M");
  }

  @Test
  void provision_everyOwner_hasEveryPlannedEntityAndBudget() {
    GovernanceEngine engine = provisioned();

    for (OwnerPlan plan : SeedCatalog.owners()) {
      assertThat(engine.entities(plan.ownerId()).list(PageRequest.first(100)).items()).hasSize(plan.nodes().size());
      assertThat(engine.assignments(plan.ownerId()).list(PageRequest.first(100)).items())
          .hasSize(plan.budgets().size());
    }
  }

  @Test
  void provision_gpt4oRequestOfAnEngineer_reachesEveryLevelAndTheScopedSubBudget() {
    GovernanceEngine engine = provisioned();

    CheckResult check = engine.check("cus-acme", CheckRequest.of(Subject.dimensions(Map.of(
        "orgId", "org-acme", "teamId", "team-eng", "userId", "alice", "modelId", "model-gpt4o")), "ai-tokens"));

    assertThat(check.unresolved()).isEmpty();
    assertThat(check.budgets()).extracting(b -> b.entityId() + b.scopeEntityIds())
        .containsExactlyInAnyOrder("alice[]", "team-eng[]", "team-eng[model-gpt4o]", "org-acme[]", "model-gpt4o[]");
  }

  private static Long limit(GovernanceEngine engine, AssignmentKey key) {
    return engine.assignments("cus-acme").get(key).orElseThrow().usageLimit();
  }
}
