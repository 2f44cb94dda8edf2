package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.PageRequest;
import dev.governor.StoreUnavailableException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.spi.GovernanceStore;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store that cannot answer (docs/semantics.md, Errors and failure): the engine reports
 * {@link StoreUnavailableException} with the store's failure as cause, and a batch whose commit
 * fails after it was validated leaves nothing half done.
 */
public abstract class StoreFailureConformanceTest extends CatalogConformanceBase {
  private FailingStore failing;
  private Assignment orgTokens;

  /** A new, unopened store; every test gets its own (wrapped in a {@link FailingStore}). */
  @Override
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void seedOverFailingStore() {
    failing = new FailingStore(newStore());
    newEngine(failing, UnaryOperator.identity());
    seedTree(OWNER);
    orgTokens = assignments().upsert(List.of(budget(ORG, TOKENS))).get(0);
  }

  /** Runs {@code call} with the store down (or only its commits failing) and checks the outcome. */
  private void expectUnavailable(boolean onlyCommits, ThrowingCallable call) {
    CatalogSnapshot before = snapshot();
    tick();
    if (onlyCommits) {
      failing.commitsFail = true;
    } else {
      failing.down = true;
    }
    Throwable thrown;
    try {
      thrown = catchThrowable(call);
    } finally {
      failing.recover();
    }

    assertThat(thrown).isInstanceOf(StoreUnavailableException.class).hasCause(failing.lastFailure);
    StoreUnavailableException e = (StoreUnavailableException) thrown;
    assertThat(e.getCause()).isSameAs(failing.lastFailure);
    assertThat(e.index()).isEqualTo(-1);
    assertThat(e.field()).isNull();
    assertThat(e.value()).isNull();
    assertThat(snapshot()).as("catalog after the failed call").isEqualTo(before);
  }

  private void expectUnavailable(ThrowingCallable call) {
    expectUnavailable(false, call);
  }

  @Test
  void writes_storeDown_storeUnavailable() {
    expectUnavailable(() -> engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("region").displayName("Region"))));
    expectUnavailable(() -> engine.capabilities().upsert(List.of(CapabilityUpsert.meter("seats"))));
    expectUnavailable(() -> entities().upsert(List.of(EntityUpsert.of("user-cy").type("user"))));
    expectUnavailable(() -> entities().archive(List.of(USER_BOB)));
    expectUnavailable(() -> entities().unarchive(List.of(USER_BOB)));
    expectUnavailable(() -> assignments().upsert(List.of(budget(TEAM_ENG, TOKENS))));
    expectUnavailable(() -> assignments().delete(List.of(orgTokens.id())));
    expectUnavailable(() -> assignments().deleteByKey(List.of(AssignmentKey.of(ORG, TOKENS))));
  }

  @Test
  void reads_storeDown_storeUnavailable() {
    expectUnavailable(() -> engine.entityTypes().get("org"));
    expectUnavailable(() -> engine.entityTypes().list(PageRequest.first()));
    expectUnavailable(() -> engine.capabilities().get(TOKENS));
    expectUnavailable(() -> engine.capabilities().list(PageRequest.first()));
    expectUnavailable(() -> entities().get(ORG));
    expectUnavailable(() -> entities().list(PageRequest.first()));
    expectUnavailable(() -> assignments().get(orgTokens.id()));
    expectUnavailable(() -> assignments().get(AssignmentKey.of(ORG, TOKENS)));
    expectUnavailable(() -> assignments().list(PageRequest.first()));
    // The query paths read the engine-wide catalog, the owner's snapshot and (for budgets) the ledger.
    expectUnavailable(() -> engine.query(OWNER, TreeQuery.tree().entityTypes("org")));
    expectUnavailable(() -> engine.query(OWNER, TreeQuery.budgets(TOKENS)));
    expectUnavailable(() -> engine.usage(OWNER, orgTokens.id()));
  }

  @Test
  void entityTypes_commitFailsAfterValidation_nothingWritten() {
    expectUnavailable(true, () -> engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("region").displayName("Region").attributionKeys("regionId"),
        EntityTypeUpsert.of("org").attributionKeys("tenantId"))));
  }

  @Test
  void capabilities_commitFailsAfterValidation_nothingWritten() {
    expectUnavailable(true, () -> engine.capabilities().upsert(List.of(CapabilityUpsert.meter("seats"), CapabilityUpsert.meter("storage"))));
  }

  @Test
  void entities_commitFailsAfterValidation_nothingWritten() {
    expectUnavailable(true, () -> entities().upsert(List.of(
        EntityUpsert.of("team-new").type("team").parent(ORG),
        EntityUpsert.of(USER_ANN).parent("team-new"),
        EntityUpsert.of("user-cy").type("user").parent(TEAM_ENG))));
  }

  @Test
  void archive_commitFailsAfterValidation_nothingWritten() {
    expectUnavailable(true, () -> entities().archive(List.of(USER_BOB, MODEL)));
  }

  @Test
  void assignments_commitWithParentChangeFails_nothingWritten() {
    // The batch moves the entity and writes the assignment: one change set, refused whole.
    expectUnavailable(true, () -> assignments().upsert(List.of(budget(USER_ANN, TOKENS).parent(TEAM_OPS))));
  }

  @Test
  void delete_commitFailsAfterValidation_nothingRemoved() {
    Assignment second = assignments().upsert(List.of(budget(TEAM_ENG, TOKENS))).get(0);

    expectUnavailable(true, () -> assignments().delete(List.of(orgTokens.id(), second.id())));
  }

  @Test
  void writes_storeRecovered_workAgain() {
    expectUnavailable(() -> entities().upsert(List.of(EntityUpsert.of("user-cy").type("user"))));

    entities().upsert(List.of(EntityUpsert.of("user-cy").type("user")));

    assertThat(entities().get("user-cy")).isPresent();
  }
}
