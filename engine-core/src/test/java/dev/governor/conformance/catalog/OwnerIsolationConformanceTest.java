package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.AssignmentCatalog;
import dev.governor.ConflictException.Reason;
import dev.governor.EntityCatalog;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Owners never see each other's data (docs/semantics.md §1): both test owners hold the same seed tree, so every
 * id used here exists in both, and only the owner in the call may be read or changed.
 */
public abstract class OwnerIsolationConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void seed() {
    seedTree(OWNER);
    seedTree(OTHER_OWNER);
  }

  private EntityCatalog otherEntities() {
    return engine.entities(OTHER_OWNER);
  }

  private AssignmentCatalog otherAssignments() {
    return engine.assignments(OTHER_OWNER);
  }

  private Entity otherEntity(String id) {
    return otherEntities().get(id).orElseThrow();
  }

  @Test
  void upsert_sameEntityIdInTwoOwners_independent() {
    Entity before = otherEntity(ORG);
    tick();

    entities().upsert(List.of(EntityUpsert.of(ORG).displayName("Acme EU").metadata("tier", "gold")));

    assertThat(entity(ORG).displayName()).isEqualTo("Acme EU");
    assertThat(otherEntity(ORG)).isEqualTo(before);
  }

  @Test
  void upsert_entityOnlyInOneOwner_invisibleToOther() {
    createEntity("only-acme", "user");

    assertThat(otherEntities().get("only-acme")).isEmpty();
    assertThat(otherEntities().list(EntityFilter.all().includingArchived(), PageRequest.first(100)).items())
        .extracting(Entity::id).doesNotContain("only-acme");
  }

  @Test
  void upsert_parentOnlyInOtherOwner_notFound() {
    engine.entities(OTHER_OWNER).upsert(List.of(EntityUpsert.of("team-globex").type("team")));

    expectNotFound(0, "parentId", () -> entities().upsert(List.of(EntityUpsert.of(USER_BOB).parent("team-globex"))));
    expectNotFound(0, "parentId", () -> assignments().upsert(List.of(budget(USER_BOB, TOKENS).parent("team-globex"))));
  }

  @Test
  void upsert_scopeEntityOnlyInOtherOwner_notFound() {
    engine.entities(OTHER_OWNER).upsert(List.of(EntityUpsert.of("model-globex").type("model")));

    expectNotFound(0, "scopeEntityIds[0]", () -> assignments().upsert(List.of(budget(ORG, TOKENS).scope("model-globex"))));
  }

  @Test
  void upsert_assignmentEntityOnlyInOtherOwner_notFound() {
    engine.entities(OTHER_OWNER).upsert(List.of(EntityUpsert.of("team-globex").type("team")));

    expectNotFound(0, "entityId", () -> assignments().upsert(List.of(budget("team-globex", TOKENS))));
  }

  @Test
  void upsert_parentArchivedInOtherOwner_stillUsableHere() {
    otherEntities().archive(List.of(TEAM_OPS));

    entities().upsert(List.of(EntityUpsert.of(USER_BOB).parent(TEAM_OPS)));

    assertThat(entity(USER_BOB).parentId()).isEqualTo(TEAM_OPS);
  }

  @Test
  void setParent_childCountsPerOwner_leafHereNonLeafThere() {
    entities().upsert(List.of(EntityUpsert.of(USER_ANN).parent(TEAM_OPS)));

    entities().upsert(List.of(EntityUpsert.of(TEAM_ENG).detachParent()));

    assertThat(entity(TEAM_ENG).parentId()).isNull();
    expectConflict(0, "parentId", Reason.NON_LEAF_MOVE,
        () -> otherEntities().upsert(List.of(EntityUpsert.of(TEAM_ENG).detachParent())));
  }

  @Test
  void archive_inOneOwner_otherOwnerUnaffected() {
    Entity before = otherEntity(USER_BOB);

    entities().archive(List.of(USER_BOB));

    assertThat(otherEntity(USER_BOB)).isEqualTo(before);
    assertThat(otherEntities().list(PageRequest.first(100)).items()).extracting(Entity::id).contains(USER_BOB);
  }

  @Test
  void archive_idOnlyInOtherOwner_notFound() {
    engine.entities(OTHER_OWNER).upsert(List.of(EntityUpsert.of("team-globex").type("team")));

    expectNotFound(0, "ids", () -> entities().archive(List.of("team-globex")));
  }

  @Test
  void upsert_sameKeyInTwoOwners_distinctAssignments() {
    Assignment here = assignments().upsert(List.of(budget(ORG, TOKENS))).get(0);
    Assignment there = otherAssignments().upsert(List.of(budget(ORG, TOKENS).usageLimit(5))).get(0);

    assertThat(here.id()).isNotEqualTo(there.id());
    assertThat(assignments().get(AssignmentKey.of(ORG, TOKENS))).contains(here);
    assertThat(otherAssignments().get(AssignmentKey.of(ORG, TOKENS))).contains(there);
  }

  @Test
  void get_assignmentIdOfOtherOwner_empty() {
    Assignment there = otherAssignments().upsert(List.of(budget(ORG, TOKENS))).get(0);

    assertThat(assignments().get(there.id())).isEmpty();
    assertThat(assignments().list(PageRequest.first()).items()).isEmpty();
  }

  @Test
  void delete_assignmentIdOfOtherOwner_skippedAndKept() {
    Assignment there = otherAssignments().upsert(List.of(budget(ORG, TOKENS))).get(0);

    assertThat(assignments().delete(List.of(there.id()))).isEmpty();
    assertThat(otherAssignments().get(there.id())).contains(there);
  }

  @Test
  void deleteByKey_keyAlsoInOtherOwner_onlyOwnDeleted() {
    assignments().upsert(List.of(budget(ORG, TOKENS)));
    Assignment there = otherAssignments().upsert(List.of(budget(ORG, TOKENS))).get(0);

    assignments().deleteByKey(List.of(AssignmentKey.of(ORG, TOKENS)));

    assertThat(assignments().get(AssignmentKey.of(ORG, TOKENS))).isEmpty();
    assertThat(otherAssignments().get(there.id())).contains(there);
  }

  @Test
  void upsert_parentChangeThroughAssignment_onlyThisOwnersEntity() {
    assignments().upsert(List.of(budget(USER_ANN, TOKENS).parent(TEAM_OPS)));

    assertThat(entity(USER_ANN).parentId()).isEqualTo(TEAM_OPS);
    assertThat(otherEntity(USER_ANN).parentId()).isEqualTo(TEAM_ENG);
  }

  @Test
  void ownerIds_differingOnlyInCase_areDifferentOwners() {
    engine.entities("CUS-ACME").upsert(List.of(EntityUpsert.of("upper-only").type("user")));

    assertThat(entities().get("upper-only")).isEmpty();
    assertThat(engine.entities("CUS-ACME").get(ORG)).isEmpty();
  }

  @Test
  void reads_unknownOwner_empty() {
    assertThat(engine.entities("cus-new").get(ORG)).isEmpty();
    assertThat(engine.entities("cus-new").list(PageRequest.first()).items()).isEmpty();
    assertThat(engine.assignments("cus-new").list(PageRequest.first()).items()).isEmpty();
    assertThat(engine.assignments("cus-new").get(AssignmentKey.of(ORG, TOKENS))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidOwnerIds")
  void ownerId_invalid_validationQuotingIt(String ownerId) {
    ValidationException e = expectValidation(-1, "ownerId", () -> engine.entities(ownerId));
    assertQuotes(e, ownerId);
    expectValidation(-1, "ownerId", () -> engine.assignments(ownerId));
  }

  @ParameterizedTest
  @MethodSource("validOwnerIds")
  void ownerId_atEdgeOfRule_accepted(String ownerId) {
    engine.entities(ownerId).upsert(List.of(EntityUpsert.of(ORG).type("org")));
    engine.assignments(ownerId).upsert(List.of(budget(ORG, TOKENS)));

    assertThat(engine.entities(ownerId).ownerId()).isEqualTo(ownerId);
    assertThat(engine.assignments(ownerId).list(PageRequest.first()).items()).hasSize(1);
  }

  /** Owner ids follow the id rule, with '@' allowed after the first character. */
  static Stream<String> invalidOwnerIds() {
    return Stream.of(null, "", "@acme", "-acme", "_acme", "cus acme", "cus/acme", "cus:acme", "cüs", "cus\n",
        "cus\u0000", "x".repeat(256));
  }

  static Stream<String> validOwnerIds() {
    return Stream.of("c", "7", "ann@example.com", "cus@acme@eu", "A|b_c.d-e@f", "x".repeat(255), "a@");
  }
}
