package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ConflictException.Reason;
import dev.governor.ValidationException;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The parent rules (docs/semantics.md §2): they hold whether the parent is set through an entity upsert or an
 * assignment upsert, so most tests run through both.
 */
public abstract class HierarchyConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  /** The two writes that carry a tri-state parent. */
  protected enum Via { ENTITY_UPSERT, ASSIGNMENT_UPSERT }

  @BeforeEach
  void seed() {
    seedTree(OWNER);
  }

  /** Sets (or, for null, detaches) the parent of an existing entity through {@code via}. */
  private void setParent(Via via, String entityId, String parentId) {
    switch (via) {
      case ENTITY_UPSERT -> entities().upsert(List.of(parentId == null
          ? EntityUpsert.of(entityId).detachParent()
          : EntityUpsert.of(entityId).parent(parentId)));
      case ASSIGNMENT_UPSERT -> assignments().upsert(List.of(parentId == null
          ? budget(entityId, TOKENS).detachParent()
          : budget(entityId, TOKENS).parent(parentId)));
    }
  }

  /** A chain root > n1 > ... of {@code length} entities, all created in one batch. */
  private void createChain(String prefix, int length) {
    List<EntityUpsert> batch = new ArrayList<>();
    for (int i = 1; i <= length; i++) {
      EntityUpsert item = EntityUpsert.of(prefix + i).type("team");
      batch.add(i == 1 ? item : item.parent(prefix + (i - 1)));
    }
    entities().upsert(batch);
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_leafToExistingParent_parentSet(Via via) {
    setParent(via, USER_BOB, TEAM_OPS);

    assertThat(entity(USER_BOB).parentId()).isEqualTo(TEAM_OPS);
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_leafMovedToOtherParent_parentChanged(Via via) {
    setParent(via, USER_ANN, TEAM_OPS);

    assertThat(entity(USER_ANN).parentId()).isEqualTo(TEAM_OPS);
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_detachLeaf_becomesRoot(Via via) {
    setParent(via, USER_ANN, null);

    assertThat(entity(USER_ANN).parentId()).isNull();
    assertThat(entity(USER_ANN).isRoot()).isTrue();
  }

  @Test
  void upsert_parentNotSent_keepsParent() {
    entities().upsert(List.of(EntityUpsert.of(USER_ANN).displayName("Ann")));
    assignments().upsert(List.of(budget(USER_ANN, TOKENS)));

    assertThat(entity(USER_ANN).parentId()).isEqualTo(TEAM_ENG);
  }

  @Test
  void upsert_leafMovedTwiceLastUnderAnEntityTheBatchCreates_committed() {
    // The leaf's first change comes before the new parent is created, its second after: a store
    // that receives the batch's changes per entity (the leaf's first) must check parents against
    // the whole change set, not only the changes before.
    createEntity("user-cy", "user");

    entities().upsert(List.of(EntityUpsert.of("user-cy").parent(TEAM_ENG), EntityUpsert.of("team-new").type("team"),
        EntityUpsert.of("user-cy").parent("team-new")));

    assertThat(entity("user-cy").parentId()).isEqualTo("team-new");
    assertThat(entity("team-new").parentId()).isNull();
  }

  @Test
  void upsert_newEntityWithoutParent_isRoot() {
    assertThat(createEntity("user-cy", "user").parentId()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_lastChildMovedAway_oldParentBecomesLeafAndMayMove(Via via) {
    setParent(via, USER_ANN, TEAM_OPS);

    setParent(via, TEAM_ENG, null);

    assertThat(entity(TEAM_ENG).parentId()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_parentUnknown_notFoundParentId(Via via) {
    assertQuotes(expectNotFound(0, "parentId", () -> setParent(via, USER_BOB, "team-ghost")), "team-ghost");
  }

  @Test
  void upsert_newEntityWithUnknownParent_notFoundParentId() {
    expectNotFound(0, "parentId", () -> createEntity("user-cy", "user", "team-ghost"));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_parentIdInvalid_validationParentId(Via via) {
    ValidationException e = expectValidation(0, "parentId", () -> setParent(via, USER_BOB, "team ops"));

    assertQuotes(e, "team ops");
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_parentArchived_conflictParentArchived(Via via) {
    entities().archive(List.of(TEAM_OPS));

    expectConflict(0, "parentId", Reason.PARENT_ARCHIVED, () -> setParent(via, USER_BOB, TEAM_OPS));
  }

  @Test
  void upsert_newEntityUnderArchivedParent_conflictParentArchived() {
    entities().archive(List.of(TEAM_OPS));

    expectConflict(0, "parentId", Reason.PARENT_ARCHIVED, () -> createEntity("user-cy", "user", TEAM_OPS));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_self_conflictCycle(Via via) {
    expectConflict(0, "parentId", Reason.CYCLE, () -> setParent(via, USER_BOB, USER_BOB));
  }

  @Test
  void upsert_newEntityWithItselfAsParent_conflictCycle() {
    expectConflict(0, "parentId", Reason.CYCLE, () -> createEntity("user-cy", "user", "user-cy"));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_nonLeafToOtherParent_conflictNonLeafMove(Via via) {
    expectConflict(0, "parentId", Reason.NON_LEAF_MOVE, () -> setParent(via, TEAM_ENG, USER_BOB));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_detachNonLeaf_conflictNonLeafMove(Via via) {
    expectConflict(0, "parentId", Reason.NON_LEAF_MOVE, () -> setParent(via, TEAM_ENG, null));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_nonLeafUnderOwnDescendant_rejectedAsNonLeafMove(Via via) {
    // Only a node with descendants can close a cycle, and such a node may not move at all.
    expectConflict(0, "parentId", Reason.NON_LEAF_MOVE, () -> setParent(via, ORG, USER_ANN));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_currentParentOfNonLeaf_changesNothing(Via via) {
    if (via == Via.ASSIGNMENT_UPSERT) {
      assignments().upsert(List.of(budget(TEAM_ENG, TOKENS)));
    }
    CatalogSnapshot before = snapshot();
    tick();

    setParent(via, TEAM_ENG, ORG);

    assertThat(snapshot()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_currentParentArchived_changesNothing(Via via) {
    entities().archive(List.of(TEAM_ENG));
    if (via == Via.ASSIGNMENT_UPSERT) {
      assignments().upsert(List.of(budget(USER_ANN, TOKENS)));
    }
    CatalogSnapshot before = snapshot();
    tick();

    setParent(via, USER_ANN, TEAM_ENG);

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void setParent_rootDetached_changesNothing() {
    CatalogSnapshot before = snapshot();
    tick();

    entities().upsert(List.of(EntityUpsert.of(ORG).detachParent()));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_chainOfDefaultMaxDepth_accepted() {
    createChain("n", 16);

    assertThat(entity("n16").parentId()).isEqualTo("n15");
    assertThat(engine.maxDepth()).isEqualTo(16);
  }

  @Test
  void upsert_newEntityBelowDefaultMaxDepth_conflictMaxDepthExceeded() {
    createChain("n", 16);

    expectConflict(0, "parentId", Reason.MAX_DEPTH_EXCEEDED, () -> createEntity("n17", "team", "n16"));
  }

  @Test
  void upsert_chainDeeperThanMaxInOneBatch_conflictAtDeepItem() {
    List<EntityUpsert> batch = new ArrayList<>();
    for (int i = 1; i <= 17; i++) {
      EntityUpsert item = EntityUpsert.of("n" + i).type("team");
      batch.add(i == 1 ? item : item.parent("n" + (i - 1)));
    }

    expectConflict(16, "parentId", Reason.MAX_DEPTH_EXCEEDED, () -> entities().upsert(batch));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_leafBelowMaxDepth_conflictMaxDepthExceeded(Via via) {
    createChain("n", 16);

    expectConflict(0, "parentId", Reason.MAX_DEPTH_EXCEEDED, () -> setParent(via, USER_BOB, "n16"));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_configuredMaxDepth_enforced(Via via) {
    newEngine(b -> b.maxDepth(3));
    seedTree(OWNER);
    // org-acme > team-eng > user-ann is exactly three levels deep.
    setParent(via, USER_BOB, TEAM_OPS);

    expectConflict(0, "parentId", Reason.MAX_DEPTH_EXCEEDED, () -> setParent(via, MODEL, USER_ANN));
    assertThat(entity(USER_BOB).parentId()).isEqualTo(TEAM_OPS);
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void setParent_maxDepthOne_everyParentRejected(Via via) {
    newEngine(b -> b.maxDepth(1));
    seedCatalog();
    createEntity("a", "team");
    createEntity("b", "team");

    expectConflict(0, "parentId", Reason.MAX_DEPTH_EXCEEDED, () -> setParent(via, "b", "a"));
  }

  @Test
  void upsert_parentCreatedEarlierInBatch_accepted() {
    entities().upsert(List.of(
        EntityUpsert.of("org-beta").type("org"),
        EntityUpsert.of("team-beta").type("team").parent("org-beta")));

    assertThat(entity("team-beta").parentId()).isEqualTo("org-beta");
  }

  @Test
  void upsert_parentCreatedLaterInBatch_notFoundAndNothingStored() {
    expectNotFound(0, "parentId", () -> entities().upsert(List.of(
        EntityUpsert.of("team-beta").type("team").parent("org-beta"),
        EntityUpsert.of("org-beta").type("org"))));
  }

  @Test
  void upsert_parentGainsChildEarlierInBatch_conflictNonLeafMoveAtLaterItem() {
    expectConflict(1, "parentId", Reason.NON_LEAF_MOVE, () -> entities().upsert(List.of(
        EntityUpsert.of("user-cy").type("user").parent(USER_BOB),
        EntityUpsert.of(USER_BOB).parent(TEAM_OPS))));
  }
}
