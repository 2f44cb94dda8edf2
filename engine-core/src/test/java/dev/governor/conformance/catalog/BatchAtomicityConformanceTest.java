package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ConflictException.Reason;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every catalog write takes 1..100 items and is all-or-nothing (docs/semantics.md §2): one bad item rejects the
 * whole batch, naming its index, and nothing changes, including writes made by earlier items.
 */
public abstract class BatchAtomicityConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();
  private static final int MAX = 100;

  /** Every batch write of the catalog. */
  protected enum Op { ENTITY_TYPES, CAPABILITIES, ENTITIES, ARCHIVE, UNARCHIVE, ASSIGNMENTS, DELETE, DELETE_BY_KEY }

  /** One batch write: the field naming its list, a valid i-th item, and the call. */
  private record Batch<T>(String field, IntFunction<T> item, Consumer<List<T>> call) {
    List<T> items(int n) {
      List<T> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(item.apply(i));
      }
      return out;
    }
  }

  @BeforeEach
  void seed() {
    seedTree(OWNER);
    // Targets for archive, unarchive and assignment items: more entities than a batch may hold.
    for (int from = 0; from <= MAX; from += MAX) {
      entities().upsert(IntStream.range(from, Math.min(from + MAX, MAX + 1)).mapToObj(i -> EntityUpsert.of(e(i)).type("user")).toList());
    }
  }

  private static String e(int i) {
    return String.format("e-%03d", i);
  }

  private Batch<?> batch(Op op) {
    return switch (op) {
      case ENTITY_TYPES -> new Batch<>("types", i -> EntityTypeUpsert.of("t-" + i).displayName("T"), engine.entityTypes()::upsert);
      case CAPABILITIES -> new Batch<>("capabilities", i -> CapabilityUpsert.meter("c-" + i), engine.capabilities()::upsert);
      case ENTITIES -> new Batch<>("entities", i -> EntityUpsert.of("n-" + i).type("team"), entities()::upsert);
      case ARCHIVE -> new Batch<>("ids", BatchAtomicityConformanceTest::e, entities()::archive);
      case UNARCHIVE -> new Batch<>("ids", BatchAtomicityConformanceTest::e, entities()::unarchive);
      case ASSIGNMENTS -> new Batch<>("assignments", i -> budget(e(i), TOKENS), assignments()::upsert);
      case DELETE -> new Batch<>("ids", i -> UUID.randomUUID(), assignments()::delete);
      case DELETE_BY_KEY -> new Batch<>("keys", i -> AssignmentKey.of(e(i), TOKENS), assignments()::deleteByKey);
    };
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void batch_nullList_validation(Op op) {
    Batch<?> b = batch(op);

    expectValidation(-1, b.field(), () -> b.call().accept(null));
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void batch_empty_validation(Op op) {
    Batch<?> b = batch(op);

    expectValidation(-1, b.field(), () -> b.call().accept(List.of()));
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void batch_101ValidItems_validationAndNothingChanged(Op op) {
    expectTooLarge(batch(op));
  }

  private <T> void expectTooLarge(Batch<T> b) {
    List<T> items = b.items(MAX + 1);

    expectValidation(-1, b.field(), () -> b.call().accept(items));
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void batch_100ValidItems_accepted(Op op) {
    acceptFull(batch(op));
  }

  private <T> void acceptFull(Batch<T> b) {
    b.call().accept(b.items(MAX));
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void batch_nullItem_validationAtItsIndex(Op op) {
    expectNullItemRejected(batch(op));
  }

  private <T> void expectNullItemRejected(Batch<T> b) {
    List<T> items = b.items(4);
    items.set(2, null);

    expectValidation(2, b.field(), () -> b.call().accept(items));
  }

  @Test
  void entityTypes_lastItemBad_earlierCreatesAndUpdatesRolledBack() {
    expectValidation(2, "id", () -> engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("region").displayName("Region").attributionKeys("regionId"),
        EntityTypeUpsert.of("org").displayName("Org renamed").attributionKeys("tenantId"),
        EntityTypeUpsert.of("bad id").displayName("Bad"))));
  }

  @Test
  void entityTypes_keyConflictLate_earlierKeyReleaseRolledBack() {
    expectConflict(2, "attributionKeys", Reason.ATTRIBUTION_KEY_OWNED, () -> engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").attributionKeys(List.of()),
        EntityTypeUpsert.of("tenant").displayName("Tenant").attributionKeys("orgId"),
        EntityTypeUpsert.of("account").displayName("Account").attributionKeys("teamId"))));
  }

  @Test
  void capabilities_lastItemBad_earlierCreatesRolledBack() {
    expectValidation(2, "id", () -> engine.capabilities().upsert(List.of(
        CapabilityUpsert.meter("seats"), CapabilityUpsert.of("storage"), CapabilityUpsert.meter("bad id"))));
  }

  @Test
  void entities_lastItemBad_earlierCreatesUpdatesAndMovesRolledBack() {
    expectConflict(4, "typeId", Reason.TYPE_CHANGE, () -> entities().upsert(List.of(
        EntityUpsert.of("org-beta").type("org"),
        EntityUpsert.of("team-beta").type("team").parent("org-beta"),
        EntityUpsert.of(ORG).displayName("Acme renamed").metadata("tier", "gold"),
        EntityUpsert.of(USER_ANN).parent("team-beta"),
        EntityUpsert.of(USER_BOB).type("team"))));
  }

  @Test
  void entities_itemNamesEntityCreatedEarlierInBatch_typeChangeSeen() {
    expectConflict(1, "typeId", Reason.TYPE_CHANGE, () -> entities().upsert(List.of(
        EntityUpsert.of("x").type("user"), EntityUpsert.of("x").type("team"))));
  }

  @Test
  void entities_sameEntityTwiceInBatch_laterItemSeesEarlierOne() {
    List<Entity> out = entities().upsert(List.of(
        EntityUpsert.of("x").type("user").metadata("a", "1"),
        EntityUpsert.of("x").metadata("b", "2")));

    assertThat(out.get(1).metadata()).containsEntry("a", "1").containsEntry("b", "2");
    assertThat(entity("x")).isEqualTo(out.get(1));
  }

  @Test
  void archive_lastItemUnknown_earlierArchivesRolledBack() {
    expectNotFound(2, "ids", () -> entities().archive(List.of(USER_BOB, ORG, "ghost")));
  }

  @Test
  void unarchive_lastItemUnknown_earlierUnarchivesRolledBack() {
    entities().archive(List.of(USER_BOB, ORG));

    expectNotFound(2, "ids", () -> entities().unarchive(List.of(USER_BOB, ORG, "ghost")));
  }

  @Test
  void assignments_lastItemBad_earlierCreatesUpdatesAndParentChangesRolledBack() {
    assignments().upsert(List.of(budget(ORG, TOKENS)));

    expectValidation(3, "cadence", () -> assignments().upsert(List.of(
        budget(TEAM_ENG, TOKENS),
        AssignmentUpsert.of(ORG, TOKENS).usageLimit(5).cadence("P1D"),
        budget(USER_ANN, TOKENS).parent(TEAM_OPS),
        budget(USER_BOB, TOKENS).cadence("P1M2D"))));
  }

  @Test
  void assignments_lateItemMovesNonLeaf_earlierItemsRolledBack() {
    expectConflict(1, "parentId", Reason.NON_LEAF_MOVE, () -> assignments().upsert(List.of(
        budget(USER_BOB, TOKENS).parent(TEAM_ENG),
        budget(TEAM_ENG, CALLS).parent(TEAM_OPS))));
  }

  @Test
  void delete_nullLateInBatch_nothingDeleted() {
    Assignment a = assignments().upsert(List.of(budget(ORG, TOKENS))).get(0);

    expectValidation(1, "ids", () -> assignments().delete(Arrays.asList(a.id(), null)));
  }

  @Test
  void deleteByKey_invalidKeyLateInBatch_nothingDeleted() {
    assignments().upsert(List.of(budget(ORG, TOKENS)));

    expectValidation(1, "capabilityId", () -> assignments().deleteByKey(List.of(
        AssignmentKey.of(ORG, TOKENS), AssignmentKey.of(ORG, "bad id"))));
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void batch_sentTwice_secondChangesNothing(Op op) {
    assignments().upsert(List.of(budget(e(0), TOKENS), budget(e(1), CALLS)));
    entities().archive(List.of(e(3)));
    sendTwice(batch(op));
  }

  private <T> void sendTwice(Batch<T> b) {
    List<T> items = b.items(5);
    b.call().accept(items);
    CatalogSnapshot before = snapshot();
    tick();

    b.call().accept(items);

    assertThat(snapshot()).isEqualTo(before);
  }
}
