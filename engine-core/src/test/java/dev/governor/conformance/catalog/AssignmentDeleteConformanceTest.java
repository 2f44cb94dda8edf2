package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Getting and deleting assignments by id and by natural key; deletes are idempotent (docs/semantics.md §2). */
public abstract class AssignmentDeleteConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();
  private Assignment orgTokens;
  private Assignment orgTokensScoped;
  private Assignment annCalls;

  @BeforeEach
  void seed() {
    seedTree(OWNER);
    List<Assignment> out = assignments().upsert(List.of(
        budget(ORG, TOKENS), budget(ORG, TOKENS).scope(USER_BOB, MODEL), budget(USER_ANN, CALLS)));
    orgTokens = out.get(0);
    orgTokensScoped = out.get(1);
    annCalls = out.get(2);
  }

  @Test
  void get_unknownId_empty() {
    assertThat(assignments().get(UUID.randomUUID())).isEmpty();
  }

  @Test
  void get_unknownKey_empty() {
    assertThat(assignments().get(AssignmentKey.of(ORG, CALLS))).isEmpty();
    assertThat(assignments().get(AssignmentKey.of(ORG, TOKENS, MODEL))).isEmpty();
  }

  @Test
  void get_keyWithScopeInAnyOrder_found() {
    assertThat(assignments().get(AssignmentKey.of(ORG, TOKENS, USER_BOB, MODEL, USER_BOB))).contains(orgTokensScoped);
  }

  @Test
  void get_nullIdOrKey_validation() {
    expectValidation(-1, "id", () -> assignments().get((UUID) null));
    expectValidation(-1, "key", () -> assignments().get((AssignmentKey) null));
  }

  @Test
  void get_keyWithInvalidId_validation() {
    expectValidation(-1, "entityId", () -> assignments().get(AssignmentKey.of("bad id", TOKENS)));
    expectValidation(-1, "capabilityId", () -> assignments().get(AssignmentKey.of(ORG, "bad id")));
    expectValidation(-1, "scopeEntityIds[0]", () -> assignments().get(AssignmentKey.of(ORG, TOKENS, "bad id")));
  }

  @Test
  void delete_existingIds_removedAndReturned() {
    List<Assignment> out = assignments().delete(List.of(orgTokens.id(), annCalls.id()));

    assertThat(out).containsExactly(orgTokens, annCalls);
    assertThat(assignments().get(orgTokens.id())).isEmpty();
    assertThat(assignments().get(AssignmentKey.of(USER_ANN, CALLS))).isEmpty();
    assertThat(assignments().get(orgTokensScoped.id())).contains(orgTokensScoped);
  }

  @Test
  void delete_missingIdsSkipped_returnsOnlyDeleted() {
    List<Assignment> out = assignments().delete(List.of(UUID.randomUUID(), orgTokens.id(), UUID.randomUUID()));

    assertThat(out).containsExactly(orgTokens);
  }

  @Test
  void delete_sentAgain_changesNothingAndReturnsNothing() {
    assignments().delete(List.of(orgTokens.id()));
    CatalogSnapshot before = snapshot();
    tick();

    List<Assignment> out = assignments().delete(List.of(orgTokens.id()));

    assertThat(out).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void delete_sameIdTwiceInBatch_deletedOnce() {
    assertThat(assignments().delete(List.of(orgTokens.id(), orgTokens.id()))).containsExactly(orgTokens);
  }

  @Test
  void delete_nullId_validationAndNothingDeleted() {
    expectValidation(1, "ids", () -> assignments().delete(Arrays.asList(orgTokens.id(), null)));
  }

  @Test
  void delete_returnedRow_showsEntitysParent() {
    assertThat(assignments().delete(List.of(annCalls.id())).get(0).parentId()).isEqualTo(TEAM_ENG);
  }

  @Test
  void deleteByKey_keysWithScopeInAnyOrder_removedAndReturned() {
    List<AssignmentKey> keys = List.of(AssignmentKey.of(ORG, TOKENS, MODEL, USER_BOB, MODEL), AssignmentKey.of(USER_ANN, CALLS));

    assertThat(assignments().deleteByKey(keys)).containsExactly(orgTokensScoped, annCalls);
    assertThat(assignments().get(orgTokensScoped.id())).isEmpty();
    assertThat(assignments().get(orgTokens.id())).contains(orgTokens);
  }

  @Test
  void deleteByKey_missingKeysSkipped_returnsOnlyDeleted() {
    List<AssignmentKey> keys = List.of(AssignmentKey.of(ORG, CALLS), AssignmentKey.of(ORG, TOKENS), AssignmentKey.of("nobody", TOKENS));

    assertThat(assignments().deleteByKey(keys)).containsExactly(orgTokens);
  }

  @Test
  void deleteByKey_sentAgain_changesNothingAndReturnsNothing() {
    assignments().deleteByKey(List.of(AssignmentKey.of(ORG, TOKENS)));
    CatalogSnapshot before = snapshot();
    tick();

    assertThat(assignments().deleteByKey(List.of(AssignmentKey.of(ORG, TOKENS)))).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void deleteByKey_nodeWideKey_leavesScopedBudget() {
    assignments().deleteByKey(List.of(AssignmentKey.of(ORG, TOKENS)));

    assertThat(assignments().get(orgTokensScoped.id())).contains(orgTokensScoped);
  }

  @Test
  void deleteByKey_keyWithInvalidId_validationAndNothingDeleted() {
    expectValidation(1, "entityId", () -> assignments().deleteByKey(List.of(AssignmentKey.of(ORG, TOKENS), AssignmentKey.of("bad id", TOKENS))));
    expectValidation(1, "scopeEntityIds[0]",
        () -> assignments().deleteByKey(List.of(AssignmentKey.of(ORG, TOKENS), AssignmentKey.of(ORG, TOKENS, "bad id"))));
  }

  @Test
  void deleteByKey_nullKey_validationAndNothingDeleted() {
    expectValidation(1, "keys", () -> assignments().deleteByKey(Arrays.asList(AssignmentKey.of(ORG, TOKENS), null)));
  }

  @Test
  void upsert_afterDelete_createsNewAssignmentWithNewId() {
    assignments().delete(List.of(orgTokens.id()));

    Assignment again = assignments().upsert(List.of(budget(ORG, TOKENS))).get(0);

    assertThat(again.id()).isNotEqualTo(orgTokens.id());
  }

  @Test
  void upsert_afterDeleteWithoutLimit_validationBecauseItIsACreate() {
    assignments().delete(List.of(orgTokens.id()));

    expectValidation(0, "usageLimit", () -> assignments().upsert(List.of(
        AssignmentUpsert.of(ORG, TOKENS).cadence("P1M"))));
  }

  @Test
  void archive_entityWithAssignments_keepsAssignments() {
    entities().archive(List.of(USER_ANN));
    entities().upsert(List.of(EntityUpsert.of(USER_ANN).displayName("Ann")));

    assertThat(assignments().get(annCalls.id())).contains(annCalls);
  }
}
