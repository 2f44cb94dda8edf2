package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityType;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.conformance.BackAndForth;
import dev.governor.spi.GovernanceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paging backward ({@code before} a page's previous cursor) through every list: the page right
 * before, in list order, with cursors both ways (docs/semantics.md §8.2). Every store answers these
 * through its {@code ...Before} reads, so each list is walked here on every store.
 */
public abstract class BackwardPagingConformanceTest extends CatalogConformanceBase {
  /** Enough items for several pages at every tested size, and a page size that does not divide it. */
  private static final int N = 43;
  private static final String[] PREFIXES = {"0", "A", "a", "a-", "a.", "a_", "a|", "z"};

  @Override
  protected abstract GovernanceStore newStore();

  /** The i-th id, scrambled so insertion order never matches list order. */
  private static String id(int i) {
    int j = (i * 11) % N;
    return PREFIXES[j % PREFIXES.length] + j;
  }

  private static List<String> sortedIds() {
    return IntStream.range(0, N).mapToObj(BackwardPagingConformanceTest::id).sorted().toList();
  }

  private static <T> BackAndForth.Lister<T> lister(Function<PageRequest, Page<T>> list, int limit) {
    return (after, before) -> list.apply(new PageRequest(limit, after, before));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 50})
  void before_entityTypes_mirrorsForward(int limit) {
    engine.entityTypes().upsert(IntStream.range(0, N).mapToObj(i -> EntityTypeUpsert.of(id(i)).displayName("T")).toList());

    List<EntityType> all = BackAndForth.check(lister(engine.entityTypes()::list, limit), limit, "entity types");

    assertThat(all).extracting(EntityType::id).containsExactlyElementsOf(sortedIds());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 50})
  void before_capabilities_mirrorsForward(int limit) {
    engine.capabilities().upsert(IntStream.range(0, N).mapToObj(i -> CapabilityUpsert.meter(id(i))).toList());

    List<Capability> all = BackAndForth.check(lister(engine.capabilities()::list, limit), limit, "capabilities");

    assertThat(all).extracting(Capability::id).containsExactlyElementsOf(sortedIds());
  }

  private void createEntities() {
    seedCatalog();
    entities().upsert(IntStream.range(0, N).mapToObj(i -> EntityUpsert.of(id(i)).type(i % 3 == 0 ? "user" : "team")).toList());
    entities().archive(IntStream.range(0, N).filter(i -> i % 4 == 0).mapToObj(BackwardPagingConformanceTest::id).toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 50})
  void before_entities_mirrorsForward(int limit) {
    createEntities();
    List<String> active = IntStream.range(0, N).filter(i -> i % 4 != 0).mapToObj(BackwardPagingConformanceTest::id).sorted().toList();

    List<Entity> all = BackAndForth.check(lister(entities()::list, limit), limit, "entities");

    assertThat(all).extracting(Entity::id).containsExactlyElementsOf(active);
  }

  @Test
  void before_entitiesFilteredByTypeWithArchived_mirrorsForwardWithinTheFilter() {
    createEntities();
    EntityFilter users = EntityFilter.all().type("user").includingArchived();
    List<String> expected = IntStream.range(0, N).filter(i -> i % 3 == 0).mapToObj(BackwardPagingConformanceTest::id).sorted().toList();

    List<Entity> all = BackAndForth.check(lister(p -> entities().list(users, p), 4), 4, "users with archived");

    assertThat(all).extracting(Entity::id).containsExactlyElementsOf(expected);
  }

  /** Every entity holds three budgets, two of them scoped, so scope order takes part. */
  private List<AssignmentKey> createAssignments() {
    seedCatalog();
    entities().upsert(List.of(EntityUpsert.of("m1").type("model"), EntityUpsert.of("m2").type("model")));
    List<String> teams = IntStream.range(0, 15).mapToObj(BackwardPagingConformanceTest::id).toList();
    entities().upsert(teams.stream().map(id -> EntityUpsert.of(id).type("team")).toList());
    List<AssignmentUpsert> items = new ArrayList<>();
    for (String e : teams) {
      items.add(budget(e, TOKENS).scope("m2", "m1"));
      items.add(budget(e, CALLS));
      items.add(budget(e, TOKENS).scope("m1"));
    }
    assignments().upsert(items);
    return items.stream().map(a -> AssignmentKey.of(a.entityId(), a.capabilityId(), a.scopeEntityIds()))
        .sorted(AssignmentKey.naturalOrder()).toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 50})
  void before_assignments_mirrorsForwardInKeyOrder(int limit) {
    List<AssignmentKey> expected = createAssignments();

    List<Assignment> all = BackAndForth.check(lister(assignments()::list, limit), limit, "assignments");

    assertThat(all).extracting(Assignment::key).containsExactlyElementsOf(expected);
  }

  @Test
  void before_assignmentsFilteredByCapability_mirrorsForwardWithinTheFilter() {
    List<AssignmentKey> expected = createAssignments().stream().filter(k -> k.capabilityId().equals(TOKENS)).toList();
    AssignmentFilter tokens = AssignmentFilter.all().capability(TOKENS);

    List<Assignment> all = BackAndForth.check(lister(p -> assignments().list(tokens, p), 4), 4, "tokens budgets");

    assertThat(all).extracting(Assignment::key).containsExactlyElementsOf(expected);
  }

  @Test
  void before_assignmentsFilteredByEntity_onlyThatEntityBothWays() {
    List<AssignmentKey> expected = createAssignments().stream().filter(k -> k.entityId().equals(id(3))).toList();
    AssignmentFilter one = AssignmentFilter.all().entity(id(3));

    List<Assignment> all = BackAndForth.check(lister(p -> assignments().list(one, p), 1), 1, "one entity's budgets");

    assertThat(all).extracting(Assignment::key).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 50})
  void before_owners_mirrorsForward(int limit) {
    seedCatalog();
    for (int i = 0; i < N; i++) {
      engine.entities("cus-" + id(i)).upsert(List.of(EntityUpsert.of(ORG).type("org")));
    }

    List<String> all = BackAndForth.check(lister(engine::owners, limit), limit, "owners");

    assertThat(all).containsExactlyElementsOf(sortedIds().stream().map(id -> "cus-" + id).toList());
  }

  @Test
  void before_cursorOfTheFirstItem_emptyPageWithoutCursors() {
    createEntities();
    String firstItem = entities().list(PageRequest.first(1)).nextCursor();

    Page<Entity> page = entities().list(PageRequest.before(firstItem));

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    assertThat(page.hasPrevious()).isFalse();
  }

  @Test
  void before_defaultSize_twentyItemsRightBeforeTheCursor() {
    createEntities();
    List<Entity> all = entities().list(PageRequest.first(100)).items();
    String cursor = entities().list(PageRequest.first(25)).nextCursor();

    Page<Entity> page = entities().list(PageRequest.before(cursor));

    assertThat(page.items()).isEqualTo(all.subList(4, 24));
    assertThat(page.hasPrevious()).isTrue();
  }

  @Test
  void before_withAfter_validationBefore() {
    createEntities();
    String cursor = entities().list(PageRequest.first(5)).nextCursor();

    expectValidation(-1, "before", () -> entities().list(new PageRequest(5, cursor, cursor)));
    expectValidation(-1, "before", () -> engine.entityTypes().list(new PageRequest(5, cursor, cursor)));
    expectValidation(-1, "before", () -> engine.owners(new PageRequest(5, cursor, cursor)));
  }

  @Test
  void before_foreignOrGarbageCursor_validationBefore() {
    createEntities();
    String entityCursor = entities().list(PageRequest.first(5)).nextCursor();

    expectValidation(-1, "before", () -> engine.entityTypes().list(PageRequest.before(entityCursor)));
    expectValidation(-1, "before", () -> assignments().list(PageRequest.before(entityCursor)));
    expectValidation(-1, "before", () -> engine.entities(OTHER_OWNER).list(PageRequest.before(entityCursor)));
    expectValidation(-1, "before", () -> entities().list(PageRequest.before("garbage!")));
  }
}
